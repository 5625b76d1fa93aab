#pragma once
// One store test case, run on SQLite always and on PostgreSQL when JD_TEST_PG_DSN is set:
//
//   STORE_TEST(name) { auto db = env.open(); … }
//
// registers sqlite/name and postgresql/name. Each run gets a fresh place: a temporary directory (SQLite) or a
// fresh schema dropped at the end (PostgreSQL), so reruns and parallel runs on one cluster never collide.

#include "store/database.hpp"
#include "store/error.hpp"
#include "store/routing.hpp"

#include <boost/test/unit_test.hpp>

#include <ostream>
#include <type_traits>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

// Printing store values in test failures.
namespace jd::store {

template <typename Enum>
    requires std::is_enum_v<Enum> && requires(Enum value) { to_string(value); }
std::ostream& operator<<(std::ostream& out, Enum value) {
    return out << to_string(value);
}

inline std::ostream& operator<<(std::ostream& out, const route_change& change) {
    return out << "{released " << change.released << ", quarantined " << change.quarantined << "}";
}

inline std::ostream& operator<<(std::ostream& out, const delivery_route& route) {
    return out << "{company " << route.company_id << ", bank account " << route.bank_account_id << "}";
}

} // namespace jd::store

namespace store_test {

// Raw SQL on the test database through a separate connection (not the store's): to inspect or to break things.
class raw_connection {
public:
    virtual ~raw_connection() = default;
    virtual void exec(const std::string& sql) = 0;
    // First column of every row, as text ("" for NULL).
    virtual std::vector<std::string> column(const std::string& sql) = 0;
};

class store_env {
public:
    virtual ~store_env() = default;
    [[nodiscard]] virtual jd::store::backend kind() const = 0;
    // A new connection (store::database) to this test's database. rows_per_statement: PostgreSQL's multi-row
    // INSERT size (small values exercise the remainders); SQLite has no such thing.
    [[nodiscard]] virtual std::unique_ptr<jd::store::database> open(std::size_t rows_per_statement = 0) = 0;
    [[nodiscard]] virtual std::unique_ptr<raw_connection> raw() = 0;
    // Every column name of every table of the test database, as "table.column".
    [[nodiscard]] std::vector<std::string> columns();
    // Every table name.
    [[nodiscard]] std::vector<std::string> tables();
};

class sqlite_env final : public store_env {
public:
    sqlite_env();
    ~sqlite_env() override;
    [[nodiscard]] jd::store::backend kind() const override { return jd::store::backend::sqlite; }
    [[nodiscard]] std::unique_ptr<jd::store::database> open(std::size_t rows_per_statement = 0) override;
    [[nodiscard]] std::unique_ptr<raw_connection> raw() override;
    [[nodiscard]] const std::filesystem::path& directory() const { return directory_; }

private:
    std::filesystem::path directory_;
};

class postgresql_env final : public store_env {
public:
    postgresql_env();
    ~postgresql_env() override;
    [[nodiscard]] jd::store::backend kind() const override { return jd::store::backend::postgresql; }
    [[nodiscard]] std::unique_ptr<jd::store::database> open(std::size_t rows_per_statement = 0) override;
    // Same, with a password (the test cluster trusts 127.0.0.1, so any password is accepted and ignored).
    [[nodiscard]] std::unique_ptr<jd::store::database> open_with_password(const std::string& password);
    [[nodiscard]] std::unique_ptr<raw_connection> raw() override;
    [[nodiscard]] const std::string& schema() const { return schema_; }
    [[nodiscard]] std::string connection_string() const;

private:
    std::string dsn_;
    std::string schema_;
};

// The DSN from JD_TEST_PG_DSN, or nullopt.
[[nodiscard]] std::optional<std::string> pg_dsn();

// Boost.Test precondition: PostgreSQL tests need JD_TEST_PG_DSN.
struct pg_configured {
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const;
};

} // namespace store_test

#define STORE_TEST(name)                                                                                           \
    static void name##_body(store_test::store_env& env);                                                           \
    BOOST_AUTO_TEST_SUITE(sqlite)                                                                                  \
    BOOST_AUTO_TEST_CASE(name) {                                                                                   \
        store_test::sqlite_env env;                                                                                \
        name##_body(env);                                                                                          \
    }                                                                                                              \
    BOOST_AUTO_TEST_SUITE_END()                                                                                    \
    BOOST_AUTO_TEST_SUITE(postgresql)                                                                              \
    BOOST_AUTO_TEST_CASE(name, *boost::unit_test::precondition(store_test::pg_configured{})) {                     \
        store_test::postgresql_env env;                                                                            \
        name##_body(env);                                                                                          \
    }                                                                                                              \
    BOOST_AUTO_TEST_SUITE_END()                                                                                    \
    static void name##_body([[maybe_unused]] store_test::store_env& env)
