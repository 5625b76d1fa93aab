// Migrations: fresh database, idempotent reopen, refusal of a newer or different schema, rollback on failure.
#include "store_test_env.hpp"
#include "test_data.hpp"

#include "store/error.hpp"
#include "store/instance_store.hpp"

#include <algorithm>

using namespace jd::store;
using namespace store_test;

namespace {

error_code code_of(const std::function<void()>& work) {
    try {
        work();
    } catch (const store_error& error) {
        BOOST_TEST_MESSAGE("store_error: " << error.what());
        return error.code();
    }
    BOOST_FAIL("expected a store_error");
    return error_code::database;
}

std::string message_of(const std::function<void()>& work) {
    try {
        work();
    } catch (const store_error& error) {
        return error.what();
    }
    return "";
}

} // namespace

STORE_TEST(fresh_database_gets_every_migration) {
    auto db = env.open();
    BOOST_TEST(db->kind() == env.kind());
    BOOST_TEST(db->schema_version() == database::known_schema_version(env.kind()));
    BOOST_TEST(database::known_schema_version(backend::sqlite) == database::known_schema_version(backend::postgresql));
    const auto applied = db->applied_migrations();
    BOOST_REQUIRE_EQUAL(applied.size(), 2U);
    BOOST_TEST(applied[0].version == 1);
    BOOST_TEST(applied[0].name == "admin_memory");
    BOOST_TEST(applied[1].version == 2);
    BOOST_TEST(applied[1].name == "sync_memory");
    BOOST_TEST(applied[0].checksum.size() == 64U);
    const auto tables = env.tables();
    for (const char* expected : {"schema_migrations", "instance_config", "remote_dossier", "remote_rib",
                                 "company_link", "company_activation", "bank_link", "audit_event", "raw_piece", "raw_piece_content",
                                 "movement", "piece_diagnostic", "instance_state", "company_state", "sync_run",
                                 "sync_lease", "routing_guard"}) {
        BOOST_TEST((std::find(tables.begin(), tables.end(), expected) != tables.end()), "table " << expected);
    }
    BOOST_TEST(!db->description().empty());
}

STORE_TEST(reopening_applies_nothing_and_keeps_data) {
    {
        auto db = env.open();
        instance_store store(*db, "instance-a");
        put_piece(store, "P1");
    }
    const auto before = env.open()->applied_migrations();
    auto db = env.open();
    const auto after = db->applied_migrations();
    BOOST_REQUIRE_EQUAL(before.size(), after.size());
    for (std::size_t i = 0; i < before.size(); ++i) {
        BOOST_TEST(before[i].applied_at == after[i].applied_at);
        BOOST_TEST(before[i].checksum == after[i].checksum);
    }
    instance_store store(*db, "instance-a");
    BOOST_TEST(store.pieces().contains("P1"));
    BOOST_TEST(env.raw()->column("SELECT COUNT(*) FROM schema_migrations").front() == "2");
}

STORE_TEST(newer_schema_is_refused_and_left_untouched) {
    env.open().reset();
    env.raw()->exec("INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                    "VALUES (999, 'from_the_future', 'x', 0)");
    const std::string message = message_of([&] { (void)env.open(); });
    BOOST_TEST_MESSAGE(message);
    BOOST_TEST(code_of([&] { (void)env.open(); }) == error_code::schema_too_new);
    BOOST_TEST(message.find("999") != std::string::npos);
    BOOST_TEST(message.find(std::to_string(database::known_schema_version(env.kind()))) != std::string::npos);
    BOOST_TEST(message.find("newer") != std::string::npos);
    BOOST_TEST(env.raw()->column("SELECT COUNT(*) FROM schema_migrations").front() == "3");
}

STORE_TEST(edited_migration_is_refused) {
    env.open().reset();
    env.raw()->exec("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
    BOOST_TEST(code_of([&] { (void)env.open(); }) == error_code::schema_mismatch);
    BOOST_TEST(message_of([&] { (void)env.open(); }).find("001_admin_memory") != std::string::npos);
}

STORE_TEST(failed_migration_rolls_back_everything) {
    // A table in the way of migration 002: 001 applies, 002 fails, and the whole transaction rolls back.
    env.raw()->exec("CREATE TABLE raw_piece (x BIGINT)");
    const std::string message = message_of([&] { (void)env.open(); });
    BOOST_TEST_MESSAGE(message);
    BOOST_TEST(code_of([&] { (void)env.open(); }) == error_code::migration_failed);
    BOOST_TEST(message.find("002_sync_memory") != std::string::npos);
    const auto tables = env.tables();
    BOOST_TEST((std::find(tables.begin(), tables.end(), "instance_config") == tables.end()));
    env.raw()->exec("DROP TABLE raw_piece");
    BOOST_TEST(env.open()->schema_version() == database::known_schema_version(env.kind()));
}

STORE_TEST(foreign_keys_are_enforced) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    piece_diagnostic d;
    d.code = "balance_mismatch";
    d.message = "x";
    BOOST_TEST(code_of([&] { store.diagnostics().replace_for_piece("no-such-piece", {d}, t0); }) ==
               error_code::invalid_argument);
}

BOOST_AUTO_TEST_SUITE(sqlite)

BOOST_AUTO_TEST_CASE(sqlite_file_is_wal_in_the_data_directory) {
    sqlite_env env;
    auto db = env.open();
    BOOST_TEST(std::filesystem::exists(env.directory() / "jedeclare.sqlite"));
    BOOST_TEST(env.raw()->column("PRAGMA journal_mode").front() == "wal");
    BOOST_TEST(db->description().find((env.directory() / "jedeclare.sqlite").string()) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sqlite_unusable_directory_is_a_clear_error) {
    sqlite_settings settings;
    settings.data_directory = "/proc/jd-store-cannot-exist";
    try {
        (void)database::open_sqlite(settings);
        BOOST_FAIL("expected connection_failed");
    } catch (const store_error& error) {
        BOOST_TEST(error.code() == error_code::connection_failed);
        BOOST_TEST(std::string(error.what()).find("/proc/jd-store-cannot-exist") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(postgresql_connection)

BOOST_AUTO_TEST_CASE(password_in_connection_string_is_refused) {
    postgresql_settings settings;
    settings.connection_string = "host=127.0.0.1 port=1 dbname=x user=y password=hunter2";
    try {
        (void)database::open_postgresql(settings, "");
        BOOST_FAIL("expected invalid_argument");
    } catch (const store_error& error) {
        BOOST_TEST(error.code() == error_code::invalid_argument);
        BOOST_TEST(std::string(error.what()).find("hunter2") == std::string::npos);
        BOOST_TEST(std::string(error.what()).find("password") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(uri_connection_string_is_refused) {
    postgresql_settings settings;
    settings.connection_string = "postgresql://user@127.0.0.1:1/db";
    BOOST_CHECK_EXCEPTION((void)database::open_postgresql(settings, ""), store_error,
                          [](const store_error& e) { return e.code() == error_code::invalid_argument; });
}

BOOST_AUTO_TEST_CASE(failed_connection_never_shows_the_password) {
    // Port 1 on 127.0.0.1: nothing listens, the connection fails at once.
    const std::string password = "S3cr3t-P@ss'word\\with quotes";
    postgresql_settings settings;
    settings.connection_string = "host=127.0.0.1 port=1 dbname=jd user=jd connect_timeout=2";
    try {
        (void)database::open_postgresql(settings, password);
        BOOST_FAIL("expected connection_failed");
    } catch (const store_error& error) {
        const std::string message = error.what();
        BOOST_TEST_MESSAGE(message);
        BOOST_TEST(error.code() == error_code::connection_failed);
        BOOST_TEST(message.find("S3cr3t") == std::string::npos);
        BOOST_TEST(message.find("password") == std::string::npos);
        BOOST_TEST(message.find("host=127.0.0.1 port=1") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
