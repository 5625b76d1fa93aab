#include "store_test_env.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <random>
#include <stdexcept>

namespace store_test {
namespace {

std::string unique_suffix() {
    static std::atomic<int> counter{0};
    std::random_device device;
    return std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(device() % 1000000U);
}

class sqlite_raw final : public raw_connection {
public:
    explicit sqlite_raw(const std::filesystem::path& file) {
        if (sqlite3_open(file.c_str(), &db_) != SQLITE_OK) {
            throw std::runtime_error("test: cannot open " + file.string());
        }
        sqlite3_busy_timeout(db_, 10000);
    }
    ~sqlite_raw() override { sqlite3_close(db_); }
    sqlite_raw(const sqlite_raw&) = delete;
    sqlite_raw& operator=(const sqlite_raw&) = delete;

    void exec(const std::string& sql) override {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string message = error != nullptr ? error : "?";
            sqlite3_free(error);
            throw std::runtime_error("test sqlite: " + message + " in: " + sql);
        }
    }

    std::vector<std::string> column(const std::string& sql) override {
        std::vector<std::string> out;
        char* error = nullptr;
        const auto callback = [](void* target, int, char** values, char**) -> int {
            static_cast<std::vector<std::string>*>(target)->push_back(values[0] != nullptr ? values[0] : "");
            return 0;
        };
        if (sqlite3_exec(db_, sql.c_str(), callback, &out, &error) != SQLITE_OK) {
            const std::string message = error != nullptr ? error : "?";
            sqlite3_free(error);
            throw std::runtime_error("test sqlite: " + message + " in: " + sql);
        }
        return out;
    }

private:
    sqlite3* db_ = nullptr;
};

class pg_raw final : public raw_connection {
public:
    explicit pg_raw(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
        if (PQstatus(conn_) != CONNECTION_OK) {
            const std::string message = PQerrorMessage(conn_);
            PQfinish(conn_);
            throw std::runtime_error("test postgresql: cannot connect: " + message);
        }
        exec("SET client_min_messages TO warning");
    }
    ~pg_raw() override { PQfinish(conn_); }
    pg_raw(const pg_raw&) = delete;
    pg_raw& operator=(const pg_raw&) = delete;

    void exec(const std::string& sql) override {
        PGresult* result = PQexec(conn_, sql.c_str());
        const auto status = PQresultStatus(result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            const std::string message = PQresultErrorMessage(result);
            PQclear(result);
            throw std::runtime_error("test postgresql: " + message + " in: " + sql);
        }
        PQclear(result);
    }

    std::vector<std::string> column(const std::string& sql) override {
        PGresult* result = PQexec(conn_, sql.c_str());
        if (PQresultStatus(result) != PGRES_TUPLES_OK) {
            const std::string message = PQresultErrorMessage(result);
            PQclear(result);
            throw std::runtime_error("test postgresql: " + message + " in: " + sql);
        }
        std::vector<std::string> out;
        for (int row = 0; row < PQntuples(result); ++row) {
            out.emplace_back(PQgetisnull(result, row, 0) != 0 ? "" : PQgetvalue(result, row, 0));
        }
        PQclear(result);
        return out;
    }

private:
    PGconn* conn_;
};

} // namespace

std::optional<std::string> pg_dsn() {
    const char* value = std::getenv("JD_TEST_PG_DSN");
    if (value == nullptr || *value == '\0') {
        return std::nullopt;
    }
    return std::string(value);
}

boost::test_tools::assertion_result pg_configured::operator()(boost::unit_test::test_unit_id) const {
    boost::test_tools::assertion_result result(pg_dsn().has_value());
    if (!result) {
        result.message() << "JD_TEST_PG_DSN is not set: PostgreSQL store tests skipped "
                            "(packaging/start-postgres.sh prints one)";
    }
    return result;
}

std::vector<std::string> store_env::tables() {
    auto connection = raw();
    if (kind() == jd::store::backend::sqlite) {
        return connection->column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                                  " ORDER BY name");
    }
    return connection->column("SELECT table_name FROM information_schema.tables"
                              " WHERE table_schema = current_schema() ORDER BY table_name");
}

std::vector<std::string> store_env::columns() {
    auto connection = raw();
    std::vector<std::string> out;
    if (kind() == jd::store::backend::sqlite) {
        for (const auto& table : tables()) {
            for (const auto& name : connection->column("SELECT name FROM pragma_table_info('" + table + "')")) {
                out.push_back(table + "." + name);
            }
        }
        return out;
    }
    return connection->column("SELECT table_name || '.' || column_name FROM information_schema.columns"
                              " WHERE table_schema = current_schema() ORDER BY 1");
}

sqlite_env::sqlite_env()
    : directory_(std::filesystem::temp_directory_path() / ("jd-store-test-" + unique_suffix())) {
    std::filesystem::remove_all(directory_);
}

sqlite_env::~sqlite_env() {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

std::unique_ptr<jd::store::database> sqlite_env::open(std::size_t /*rows_per_statement: PostgreSQL only*/) {
    jd::store::sqlite_settings settings;
    settings.data_directory = directory_;
    settings.busy_timeout = std::chrono::milliseconds(10000);
    return jd::store::database::open_sqlite(settings);
}

std::unique_ptr<raw_connection> sqlite_env::raw() {
    std::filesystem::create_directories(directory_);
    return std::make_unique<sqlite_raw>(directory_ / "jedeclare.sqlite");
}

postgresql_env::postgresql_env() : dsn_(pg_dsn().value_or("")), schema_("jd_store_test_" + unique_suffix()) {
    pg_raw admin(dsn_);
    admin.exec("CREATE SCHEMA " + schema_);
}

postgresql_env::~postgresql_env() {
    try {
        pg_raw admin(dsn_);
        admin.exec("DROP SCHEMA " + schema_ + " CASCADE");
    } catch (const std::exception& error) {
        BOOST_TEST_MESSAGE("could not drop test schema " << schema_ << ": " << error.what());
    }
}

std::string postgresql_env::connection_string() const {
    return dsn_ + " options=-csearch_path=" + schema_;
}

std::unique_ptr<jd::store::database> postgresql_env::open(std::size_t rows_per_statement) {
    jd::store::postgresql_settings settings;
    settings.connection_string = connection_string();
    settings.rows_per_statement = rows_per_statement;
    return jd::store::database::open_postgresql(settings, "");
}

std::unique_ptr<jd::store::database> postgresql_env::open_with_password(const std::string& password) {
    jd::store::postgresql_settings settings;
    settings.connection_string = connection_string();
    return jd::store::database::open_postgresql(settings, password);
}

std::unique_ptr<raw_connection> postgresql_env::raw() {
    return std::make_unique<pg_raw>(connection_string());
}

} // namespace store_test
