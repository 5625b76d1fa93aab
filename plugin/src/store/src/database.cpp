#include "database_impl.hpp"

#include "errors_from_poco.hpp"
#include "migration_catalog.hpp"
#include "migrations.hpp"
#include "sql_text.hpp"
#include "store/error.hpp"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/PostgreSQL/SessionImpl.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <system_error>

namespace jd::store {
namespace {

void register_connectors() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

// Rows per multi-row INSERT on PostgreSQL (one round trip per statement). SQLite inserts row by row through a
// statement compiled once (sqlite_statement.hpp): there a multi-row VALUES gains nothing.
constexpr std::size_t postgresql_bulk_rows = 200;

// Replaces every occurrence of `secret` (when long enough to be recognisable) so no message can carry it.
std::string without_secret(std::string text, std::string_view secret) {
    if (secret.size() < 3) {
        return text;
    }
    std::size_t at = 0;
    while ((at = text.find(secret, at)) != std::string::npos) {
        text.replace(at, secret.size(), "***");
        at += 3;
    }
    return text;
}

// 'value' quoted for a libpq keyword/value connection string.
std::string conninfo_quoted(std::string_view value) {
    std::string out = "'";
    for (const char c : value) {
        if (c == '\\' || c == '\'') {
            out.push_back('\\');
        }
        out.push_back(c);
    }
    out.push_back('\'');
    return out;
}

struct parsed_conninfo {
    std::string description;
    bool has_connect_timeout = false;
    bool has_application_name = false;
};

parsed_conninfo check_conninfo(const std::string& conninfo) {
    if (conninfo.rfind("postgresql://", 0) == 0 || conninfo.rfind("postgres://", 0) == 0) {
        throw store_error(error_code::invalid_argument,
                          "PostgreSQL connection string: use the keyword form \"host=… port=… dbname=… user=…\", "
                          "not a URI");
    }
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    if (options == nullptr) {
        std::string why = error != nullptr ? error : "out of memory";
        PQfreemem(error);
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) {
            why.pop_back();
        }
        throw store_error(error_code::invalid_argument, "PostgreSQL connection string is not valid: " + why);
    }
    parsed_conninfo result;
    bool has_password = false;
    std::string shown;
    for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
        if (option->val == nullptr) {
            continue;
        }
        const std::string_view keyword = option->keyword;
        if (keyword == "password") {
            has_password = true;
        } else if (keyword == "connect_timeout") {
            result.has_connect_timeout = true;
        } else if (keyword == "application_name") {
            result.has_application_name = true;
        }
        if (keyword == "host" || keyword == "hostaddr" || keyword == "port" || keyword == "dbname" ||
            keyword == "user") {
            shown += shown.empty() ? "" : " ";
            shown += keyword;
            shown += '=';
            shown += option->val;
        }
    }
    PQconninfoFree(options);
    if (has_password) {
        throw store_error(error_code::invalid_argument,
                          "PostgreSQL connection string must not contain a password: the password comes from the "
                          "host's secret store and is passed separately");
    }
    result.description = "PostgreSQL " + (shown.empty() ? std::string("(libpq defaults)") : shown);
    return result;
}

} // namespace

database::impl::impl(backend kind_, std::string description_, Poco::Data::Session session_)
    : kind(kind_), description(std::move(description_)), session(std::move(session_)),
      bulk_rows(postgresql_bulk_rows) {}

std::string database::impl::sql(std::string_view text) const {
    if (kind == backend::sqlite) {
        return detail::numbered_parameters_for_sqlite(text);
    }
    return std::string(text);
}

Poco::Data::Statement database::impl::prepare(std::string_view text) {
    Poco::Data::Statement statement(session);
    statement << sql(text);
    return statement;
}

void database::impl::execute_script(std::string_view script) {
    const std::string text(script);
    if (kind == backend::sqlite) {
        sqlite3* handle = Poco::Data::SQLite::Utility::dbHandle(session);
        char* error = nullptr;
        const int rc = sqlite3_exec(handle, text.c_str(), nullptr, nullptr, &error);
        if (rc != SQLITE_OK) {
            std::string message = error != nullptr ? error : sqlite3_errstr(rc);
            sqlite3_free(error);
            const int primary = rc & 0xFF;
            throw store_error(primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? error_code::busy
                                                                                  : error_code::database,
                              message);
        }
        return;
    }
    auto* pg = dynamic_cast<Poco::Data::PostgreSQL::SessionImpl*>(session.impl());
    if (pg == nullptr) {
        throw store_error(error_code::database, "internal: not a PostgreSQL session");
    }
    PGconn* connection = pg->handle();
    PGresult* result = PQexec(connection, text.c_str());
    const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        std::string message = result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(connection);
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
            message.pop_back();
        }
        const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
        const std::string sqlstate = state != nullptr ? state : ""; // a copy: PQclear frees the field
        PQclear(result);
        // 55P03 lock_not_available, 40P01 deadlock_detected, 40001 serialization_failure
        const bool busy = sqlstate == "55P03" || sqlstate == "40P01" || sqlstate == "40001";
        throw store_error(busy ? error_code::busy : error_code::database, message);
    }
    PQclear(result);
}

void database::impl::begin() {
    execute_script(kind == backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

void database::impl::commit() {
    execute_script("COMMIT");
}

void database::impl::rollback() noexcept {
    try {
        execute_script("ROLLBACK");
    } catch (...) { // NOLINT(bugprone-empty-catch): nothing to roll back (e.g. SQLite already did)
    }
}

std::string_view to_string(backend kind) noexcept {
    return kind == backend::sqlite ? "sqlite" : "postgresql";
}

database::database(std::unique_ptr<impl> state) : impl_(std::move(state)) {}

database::~database() {
    if (impl_ && impl_->depth > 0) {
        impl_->rollback();
    }
}

backend database::kind() const noexcept {
    return impl_->kind;
}

const std::string& database::description() const noexcept {
    return impl_->description;
}

int database::schema_version() const noexcept {
    return impl_->schema_version;
}

int database::known_schema_version(backend kind) noexcept {
    const auto list = detail::embedded_migrations(kind);
    return list.empty() ? 0 : list.back().version;
}

std::vector<applied_migration> database::applied_migrations() {
    return detail::read_applied_migrations(*impl_);
}

bool database::in_transaction() const noexcept {
    return impl_->depth > 0;
}

std::unique_ptr<database> database::open_sqlite(const sqlite_settings& settings) {
    register_connectors();
    if (settings.data_directory.empty()) {
        throw store_error(error_code::invalid_argument, "SQLite store: no data directory given");
    }
    std::error_code ec;
    std::filesystem::create_directories(settings.data_directory, ec);
    if (ec) {
        throw store_error(error_code::connection_failed, "cannot create the data directory " +
                                                             settings.data_directory.string() + ": " + ec.message());
    }
    if (settings.file_name.empty() || settings.file_name.find('/') != std::string::npos) {
        throw store_error(error_code::invalid_argument,
                          "SQLite store: the file name must be a plain name, got \"" + settings.file_name + "\"");
    }
    const std::filesystem::path path = settings.data_directory / settings.file_name;
    const std::string description = "SQLite " + path.string();
    std::unique_ptr<impl> state;
    try {
        state = std::make_unique<impl>(backend::sqlite, description, Poco::Data::Session("SQLite", path.string()));
    } catch (const Poco::Exception& error) {
        throw store_error(error_code::connection_failed, "cannot open " + description + ": " + error.displayText());
    }
    try {
        const auto busy_ms = std::max<std::int64_t>(0, settings.busy_timeout.count());
        state->execute_script("PRAGMA busy_timeout = " + std::to_string(busy_ms));
        state->execute_script("PRAGMA journal_mode = WAL");
        std::string mode;
        state->session << "PRAGMA journal_mode", Poco::Data::Keywords::into(mode), Poco::Data::Keywords::now;
        if (mode != "wal") {
            throw store_error(error_code::connection_failed,
                              "cannot switch " + description + " to WAL (journal_mode is \"" + mode +
                                  "\"); is the data directory on a local file system?");
        }
        state->execute_script("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; "
                              "PRAGMA cache_size = -" +
                              std::to_string(std::max<std::int64_t>(512, settings.cache_kib)));
    } catch (const store_error& error) {
        if (error.code() == error_code::connection_failed) {
            throw;
        }
        throw store_error(error.code() == error_code::busy ? error_code::busy : error_code::connection_failed,
                          "cannot set up " + description + ": " + error.what());
    } catch (const Poco::Exception& error) {
        throw store_error(error_code::connection_failed,
                          "cannot set up " + description + ": " + error.displayText());
    }
    detail::apply_migrations(*state);
    return std::unique_ptr<database>(new database(std::move(state)));
}

std::unique_ptr<database> database::open_postgresql(const postgresql_settings& settings, std::string_view password) {
    register_connectors();
    const parsed_conninfo parsed = check_conninfo(settings.connection_string);
    std::string conninfo = settings.connection_string;
    if (!parsed.has_connect_timeout) {
        conninfo += " connect_timeout=10";
    }
    if (!parsed.has_application_name) {
        conninfo += " application_name=jedeclare-aggregator";
    }
    if (!password.empty()) {
        conninfo += " password=" + conninfo_quoted(password);
    }
    std::unique_ptr<impl> state;
    try {
        Poco::Data::Session session("PostgreSQL", conninfo);
        std::fill(conninfo.begin(), conninfo.end(), '\0');
        state = std::make_unique<impl>(backend::postgresql, parsed.description, std::move(session));
    } catch (const Poco::Exception& error) {
        std::fill(conninfo.begin(), conninfo.end(), '\0');
        throw store_error(error_code::connection_failed,
                          without_secret("cannot connect to " + parsed.description + ": " + error.displayText(),
                                         password));
    }
    try {
        // NOTICEs ("relation already exists, skipping") would go to the host's stderr otherwise.
        state->execute_script("SET client_min_messages TO warning");
    } catch (const store_error& error) {
        throw store_error(error_code::connection_failed,
                          without_secret("cannot set up " + parsed.description + ": " + error.what(), password));
    }
    if (settings.rows_per_statement > 0) {
        state->bulk_rows = settings.rows_per_statement;
    }
    detail::apply_migrations(*state);
    return std::unique_ptr<database>(new database(std::move(state)));
}

} // namespace jd::store
