// Integrity check, hostile strings, and no password anywhere in the database.
#include "store_test_env.hpp"
#include "test_data.hpp"

#include "store/error.hpp"
#include "store/instance_store.hpp"
#include "store/integrity.hpp"
#include "store/maintenance.hpp"
#include "store/transaction.hpp"

#include <algorithm>

using namespace jd::store;
using namespace store_test;

namespace {

// A small but complete scenario: config, links, pieces, movements delivered, pending and quarantined.
void fill(instance_store& store) {
    instance_config config;
    config.login = "cabinet@jedeclare.com";
    config.gestion_account_id = "4242";
    config.soap_url = "https://127.0.0.1/soap";
    config.gestion_url = "https://127.0.0.1/gestion";
    config.password_ref = "jedeclare/" + store.instance_id() + "/password";
    config.updated_at = t0;
    store.config().save(config);
    put_piece(store, "P1");
    store.bank_links().set(make_link(rib_a, 1, 10));
    store.activations().set(make_activation(1, true));
    std::vector<movement> batch;
    for (int i = 0; i < 10; ++i) {
        batch.push_back(make_movement("m" + std::to_string(i), rib_a, "2026-01-1" + std::to_string(i), i + 1));
    }
    batch.push_back(make_movement("q0", rib_b, "2026-01-10", 5));
    store.movements().insert_batch(batch, t0);
    const auto first = store.movements().next_batch({1, 10}, 4);
    std::vector<delivery_ack> acks;
    for (const auto& m : first) {
        acks.push_back({m.id, delivery_outcome::stored});
    }
    store.movements().mark_delivered({1, 10}, acks, t0 + 1);
    piece_diagnostic d;
    d.code = "balance_mismatch";
    d.message = "x";
    store.diagnostics().replace_for_piece("P1", {d}, t0);
}

bool mentions(const integrity_report& report, const std::string& text) {
    return std::any_of(report.problems.begin(), report.problems.end(),
                       [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

} // namespace

STORE_TEST(integrity_check_passes_on_a_consistent_database) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    fill(store);
    instance_store other(*db, "instance-b");
    fill(other);
    const auto report = check_integrity(*db);
    for (const auto& line : report.problems) {
        BOOST_TEST_MESSAGE(line);
    }
    BOOST_TEST(report.ok);
    BOOST_TEST(report.problems.empty());
}

STORE_TEST(integrity_check_finds_a_missing_piece) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    fill(store);
    auto raw = env.raw();
    if (env.kind() == backend::sqlite) {
        raw->exec("PRAGMA foreign_keys = OFF; DELETE FROM raw_piece WHERE numero = 'P1'");
    } else {
        raw->exec("SET session_replication_role = replica; DELETE FROM raw_piece WHERE numero = 'P1'");
    }
    const auto report = check_integrity(*db);
    for (const auto& line : report.problems) {
        BOOST_TEST_MESSAGE(line);
    }
    BOOST_TEST(!report.ok);
    BOOST_TEST(mentions(report, "refers to a piece that is not stored"));
    BOOST_TEST(mentions(report, "(piece P1)"));
    BOOST_TEST(mentions(report, "instance instance-a"));
    if (env.kind() == backend::sqlite) {
        BOOST_TEST(mentions(report, "foreign_key_check"));
    }
}

STORE_TEST(integrity_check_finds_a_delivered_movement_without_route) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    fill(store);
    auto raw = env.raw();
    // Break a rule the schema itself guards: switch the guard off first.
    if (env.kind() == backend::sqlite) {
        raw->exec("PRAGMA ignore_check_constraints = ON;"
                  " UPDATE movement SET bank_account_id = NULL WHERE identity = 'm0'");
    } else {
        raw->exec("ALTER TABLE movement DROP CONSTRAINT movement_delivered_has_route;"
                  " UPDATE movement SET bank_account_id = NULL WHERE identity = 'm0'");
    }
    raw->exec("UPDATE movement SET bank_account_id = 99 WHERE identity = 'm9'"); // pending on a stale route
    const auto report = check_integrity(*db);
    for (const auto& line : report.problems) {
        BOOST_TEST_MESSAGE(line);
    }
    BOOST_TEST(!report.ok);
    BOOST_TEST(mentions(report, "delivered without a route"));
    BOOST_TEST(mentions(report, "pending on a route that is not the RIB's current bank link"));
}

STORE_TEST(hostile_strings_round_trip) {
    auto db = env.open(3);
    instance_store store(*db, "instance-'; DROP TABLE movement; --");
    const std::vector<std::string> hostile{
        "O'Brien & \"Fils\"",
        "'; DROP TABLE movement; --",
        "Robert'); DELETE FROM bank_link WHERE ('1'='1",
        "$1 $2 ?1 ? :name @p %s %n",
        "back\\slash \\x00 \\0",
        "ligne 1\nligne 2\r\n\ttab",
        "Société Générale — café ☕ 𝄞 €",
        std::string(200000, 'x') + "fin",
    };
    put_piece(store, "P'1");
    std::vector<movement> batch;
    for (std::size_t i = 0; i < hostile.size(); ++i) {
        auto m = make_movement("id-" + hostile[i].substr(0, 100) + std::to_string(i), rib_a, "2026-01-02",
                               -static_cast<std::int64_t>(i), "P'1");
        m.label = hostile[i];
        m.details = hostile[i];
        m.reference = hostile[i].substr(0, 50);
        batch.push_back(m);
    }
    BOOST_TEST(store.movements().insert_batch(batch, t0).inserted == static_cast<std::int64_t>(hostile.size()));
    for (const auto& m : batch) {
        const auto found = store.movements().find(m.identity);
        BOOST_REQUIRE(found.has_value());
        BOOST_TEST(found->data.label == m.label);
        BOOST_TEST(found->data.details == m.details);
        BOOST_TEST(found->data.reference == m.reference);
    }
    // Configuration and dossiers take them as well.
    instance_config config;
    config.login = hostile[1];
    config.editeur = hostile[6];
    config.ca_bundle = hostile[7];
    config.updated_by = hostile[0];
    store.config().save(config);
    BOOST_TEST(store.config().get()->login == hostile[1]);
    BOOST_TEST(store.config().get()->ca_bundle == hostile[7]);
    store.dossiers().record_dossiers({{hostile[2], hostile[6], "", "", 0, 0}}, t0);
    BOOST_TEST(store.dossiers().find_dossier(hostile[2])->rs == hostile[6]);
    const auto events = store.audit().list();
    BOOST_REQUIRE(!events.empty());
    BOOST_TEST(events.front().actor == hostile[0]);
    BOOST_TEST(events.front().details.find("DROP TABLE movement") != std::string::npos);

    // Nothing was executed: the tables are all there, and the other instance is untouched.
    BOOST_TEST(env.tables().size() >= 16U);
    BOOST_TEST(check_integrity(*db).ok);
}

STORE_TEST(invalid_utf8_is_refused_cleanly_everywhere) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    const std::vector<std::string> invalid{
        std::string("caf\xe9"),          // latin-1
        std::string("\xc3\x28"),         // broken 2-byte sequence
        std::string("\xed\xa0\x80"),     // UTF-16 surrogate
        std::string("\xc0\xaf"),         // overlong '/'
        std::string("\xf4\x90\x80\x80"), // above U+10FFFF
        std::string("nul\0inside", 10),
    };
    for (const auto& text : invalid) {
        instance_config config;
        config.login = text;
        try {
            store.config().save(config);
            BOOST_FAIL("invalid text accepted");
        } catch (const store_error& error) {
            BOOST_TEST(error.code() == error_code::invalid_argument);
            BOOST_TEST(std::string(error.what()).find("login") != std::string::npos);
            BOOST_TEST(std::string(error.what()).find("byte offset") != std::string::npos);
        }
        BOOST_CHECK_EXCEPTION(store.dossiers().record_dossiers({{"D1", text, "", "", 0, 0}}, t0), store_error,
                              [](const store_error& e) { return e.code() == error_code::invalid_argument; });
        BOOST_CHECK_EXCEPTION(store.links().link({text, 1, link_kind::exact, "", t0}), store_error,
                              [](const store_error& e) { return e.code() == error_code::invalid_argument; });
    }
    BOOST_TEST(!store.config().get().has_value());
    BOOST_TEST(store.dossiers().list_dossiers().empty());
    BOOST_TEST(store.audit().list().empty());
}

STORE_TEST(no_column_holds_a_password) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    fill(store);
    // Only the reference (key name in the host's secret store) exists; no column may be named for a secret.
    for (const auto& column : env.columns()) {
        std::string lower = column;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        const bool secretish = lower.find("pass") != std::string::npos || lower.find("pwd") != std::string::npos ||
                               lower.find("secret") != std::string::npos || lower.find("token") != std::string::npos;
        BOOST_TEST((!secretish || column == "instance_config.password_ref"), column);
    }
    BOOST_TEST(store.config().get()->password_ref == "jedeclare/instance-a/password");
}

BOOST_AUTO_TEST_SUITE(postgresql)

BOOST_AUTO_TEST_CASE(password_given_to_open_is_stored_nowhere,
                     *boost::unit_test::precondition(pg_configured{})) {
    postgresql_env env;
    const std::string password = "Zk8-unique-secret-value-7731";
    auto db = env.open_with_password(password); // the test cluster trusts 127.0.0.1: accepted, unused
    instance_store store(*db, "instance-a");
    fill(store);
    auto raw = env.raw();
    for (const auto& table : env.tables()) {
        const auto hits = raw->column("SELECT COUNT(*) FROM " + table + " t WHERE CAST(t AS TEXT) LIKE '%" +
                                      password + "%'");
        BOOST_TEST(hits.front() == "0", table);
    }
    BOOST_TEST(db->description().find(password) == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

STORE_TEST(maintenance_runs_outside_transactions) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    fill(store);
    run_maintenance(*db);
    BOOST_TEST(check_integrity(*db).ok);
    BOOST_TEST(store.movements().count_by_state().delivered == 4);
    transaction tx(*db);
    BOOST_CHECK_EXCEPTION(run_maintenance(*db), store_error,
                          [](const store_error& e) { return e.code() == error_code::usage; });
}
