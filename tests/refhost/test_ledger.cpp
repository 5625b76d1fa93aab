#include <boost/test/unit_test.hpp>

#include "refhost_fixture.hpp"

#include "refhost/host_table.hpp"
#include "refhost/ledger.hpp"

#include "host_sdk/host.hpp"

#include <cstring>

BOOST_AUTO_TEST_SUITE(ledger)

using refhost_test::host_fixture;

namespace {

host_sdk::movement make(const std::string& key, std::int64_t amount, const std::string& date = "2026-01-15") {
    host_sdk::movement m;
    m.idempotency_key = key;
    m.booking_date = date;
    m.amount_minor = amount;
    m.label = "VIR " + key;
    return m;
}

std::int64_t stored_count(refhost::database& db) {
    return db.with_session([](Poco::Data::Session& session) { return refhost::ledger::count(session); });
}

struct ledger_fixture : host_fixture {
    ledger_fixture() { seed_example(); }
    refhost::host_table table{services, "refhost_fake", "fake-1"};
    host_sdk::host host{table.api()};
};

} // namespace

BOOST_FIXTURE_TEST_CASE(a_key_is_stored_once_and_acknowledged_afterwards, ledger_fixture) {
    const auto first = host.deliver(1, 101, "fake-1", std::vector<host_sdk::movement>{make("a", 1000), make("b", -250)});
    BOOST_TEST(first == (std::vector<std::uint8_t>{HS_MOVEMENT_STORED, HS_MOVEMENT_STORED}), boost::test_tools::per_element());
    const auto second = host.deliver(1, 101, "fake-1", std::vector<host_sdk::movement>{make("b", -250), make("c", 75)});
    BOOST_TEST(second == (std::vector<std::uint8_t>{HS_MOVEMENT_ALREADY_STORED, HS_MOVEMENT_STORED}),
               boost::test_tools::per_element());
    BOOST_TEST(stored_count(*db) == 3);

    const auto rows = db->with_session([](Poco::Data::Session& session) { return refhost::ledger::summary(session); });
    BOOST_REQUIRE(rows.size() == 1U);
    BOOST_TEST(rows[0].movements == 3);
    BOOST_TEST(rows[0].sum_minor == 825);
    BOOST_TEST(rows[0].legal_name == "SARL L'ÉTOILE");
}

BOOST_FIXTURE_TEST_CASE(a_key_repeated_inside_one_delivery_is_stored_once, ledger_fixture) {
    const auto outcomes = host.deliver(1, 101, "fake-1", std::vector<host_sdk::movement>{make("x", 1), make("x", 1)});
    BOOST_TEST(outcomes == (std::vector<std::uint8_t>{HS_MOVEMENT_STORED, HS_MOVEMENT_ALREADY_STORED}),
               boost::test_tools::per_element());
    BOOST_TEST(stored_count(*db) == 1);
}

BOOST_FIXTURE_TEST_CASE(keys_are_scoped_by_provider_not_by_instance, ledger_fixture) {
    (void)host.deliver(1, 101, "fake-1", std::vector<host_sdk::movement>{make("k", 10)});
    // Another instance of the same provider (re-created, or a second account) cannot store it twice.
    refhost::host_table sibling_table(services, "refhost_fake", "fake-2");
    const host_sdk::host sibling(sibling_table.api());
    BOOST_TEST(sibling.deliver(1, 101, "fake-2", std::vector<host_sdk::movement>{make("k", 10)})[0] ==
               HS_MOVEMENT_ALREADY_STORED);
    // Another provider has its own key space.
    refhost::host_table other_table(services, "other_provider", "other-1");
    const host_sdk::host other(other_table.api());
    BOOST_TEST(other.deliver(1, 101, "other-1", std::vector<host_sdk::movement>{make("k", 10)})[0] == HS_MOVEMENT_STORED);
    BOOST_TEST(stored_count(*db) == 2);
}

BOOST_FIXTURE_TEST_CASE(a_delivery_with_one_bad_movement_stores_nothing, ledger_fixture) {
    std::vector<host_sdk::movement> batch{make("ok-1", 1), make("ok-2", 2), make("bad", 3, "2026-02-30")};
    std::vector<hs_movement_v1> views;
    for (const auto& m : batch) views.push_back(m.to_c());
    hs_delivery_v1 delivery{};
    delivery.header = {sizeof(hs_delivery_v1), HS_ABI_MAJOR, HS_ABI_MINOR};
    delivery.source = "fake-1";
    delivery.company_id = 1;
    delivery.bank_account_id = 101;
    delivery.movements = views.data();
    delivery.count = views.size();
    delivery.movement_size = sizeof(hs_movement_v1);
    std::vector<std::uint8_t> outcomes(views.size(), 0xEE);
    hs_error err{};
    const auto* api = table.api();
    BOOST_TEST(api->deliver_movements(api->ctx, &delivery, outcomes.data(), &err) == HS_E_INVALID_ARGUMENT);
    BOOST_TEST(std::string(err.message).find("booking_date") != std::string::npos);
    BOOST_TEST(stored_count(*db) == 0);
    BOOST_TEST(outcomes == (std::vector<std::uint8_t>(3, 0xEE)), boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_bank_account_of_another_company_is_refused, ledger_fixture) {
    try {
        (void)host.deliver(1, 201, "fake-1", std::vector<host_sdk::movement>{make("a", 1)});
        BOOST_FAIL("accepted");
    } catch (const host_sdk::error& e) {
        BOOST_TEST(e.status() == HS_E_NOT_FOUND);
    }
    BOOST_CHECK_THROW((void)host.deliver(1, 999, "fake-1", std::vector<host_sdk::movement>{make("a", 1)}), host_sdk::error);
    BOOST_TEST(stored_count(*db) == 0);
}

BOOST_FIXTURE_TEST_CASE(a_delivery_in_the_name_of_another_instance_is_refused, ledger_fixture) {
    try {
        (void)host.deliver(1, 101, "someone-else", std::vector<host_sdk::movement>{make("a", 1)});
        BOOST_FAIL("accepted");
    } catch (const host_sdk::error& e) {
        BOOST_TEST(e.status() == HS_E_INVALID_ARGUMENT);
    }
    refhost::host_table loader_table(services, "", "");
    const host_sdk::host loader_host(loader_table.api());
    BOOST_CHECK_THROW((void)loader_host.deliver(1, 101, "", std::vector<host_sdk::movement>{make("a", 1)}), host_sdk::error);
    BOOST_TEST(stored_count(*db) == 0);
}

BOOST_FIXTURE_TEST_CASE(larger_movement_structs_from_a_newer_plugin_are_read, ledger_fixture) {
    // A plugin built for a later minor appends members: movements are movement_size bytes apart.
    struct movement_v1_1 {
        hs_movement_v1 base;
        const char* future_member;
    };
    const auto a = make("n-1", 5);
    const auto b = make("n-2", 6);
    std::vector<movement_v1_1> items{{a.to_c(), "x"}, {b.to_c(), "y"}};
    for (auto& item : items) item.base.header.struct_size = sizeof(movement_v1_1);
    hs_delivery_v1 delivery{};
    delivery.header = {sizeof(hs_delivery_v1), HS_ABI_MAJOR, HS_ABI_MINOR};
    delivery.source = "fake-1";
    delivery.company_id = 1;
    delivery.bank_account_id = 101;
    delivery.movements = &items[0].base;
    delivery.count = items.size();
    delivery.movement_size = sizeof(movement_v1_1);
    std::vector<std::uint8_t> outcomes(2, 0);
    hs_error err{};
    BOOST_TEST(table.api()->deliver_movements(table.api()->ctx, &delivery, outcomes.data(), &err) == HS_OK);
    BOOST_TEST(outcomes == (std::vector<std::uint8_t>{HS_MOVEMENT_STORED, HS_MOVEMENT_STORED}), boost::test_tools::per_element());
    const auto rows = db->with_session(
        [](Poco::Data::Session& session) { return refhost::ledger::list(session, 1, 101, 10); });
    BOOST_REQUIRE(rows.size() == 2U);
    BOOST_TEST(rows[0].movement.label == "VIR n-2");
}

BOOST_FIXTURE_TEST_CASE(a_reused_key_with_other_content_is_acknowledged_and_logged, ledger_fixture) {
    (void)host.deliver(1, 101, "fake-1", std::vector<host_sdk::movement>{make("r", 100)});
    BOOST_TEST(host.deliver(1, 101, "fake-1", std::vector<host_sdk::movement>{make("r", 999)})[0] ==
               HS_MOVEMENT_ALREADY_STORED);
    BOOST_TEST(refhost_test::read_bytes(home.log_file()).find("idempotency_key_reused") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(an_empty_delivery_is_fine, ledger_fixture) {
    BOOST_TEST(host.deliver(1, 101, "fake-1", std::vector<host_sdk::movement>{}).empty());
}

BOOST_AUTO_TEST_SUITE_END()
