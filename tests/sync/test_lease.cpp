// One run per compte de flux: two services on one store (two connections, as two host processes or two host
// nodes sharing PostgreSQL would have), the in-process guard, and the takeover of a lease left by a process
// that died.
#include "sync_world.hpp"

#include "store/lease.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

using namespace sync_test;

namespace {

// Waits until some run holds the instance's lease (seen through a connection of its own).
bool wait_for_lease(const store_place& place, const std::string& instance_id, std::chrono::seconds limit) {
    auto db = place.open();
    jd::store::instance_store probe(*db, instance_id);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (probe.lease().current()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(lease)

SYNC_TEST(two_holders_one_runs_the_other_reports_already_running) {
    auto sim = start_sim();
    world a(backend, *sim);
    const auto plan = a.link();
    // Holder B: its own connection, client and service on the same instance.
    auto db_b = a.place->open();
    jd::store::instance_store store_b(*db_b, a.instance_id);
    jd::jedeclare::client client_b(client_config_for(a.endpoint));
    jd::sync::sync_service b(a.host->host(), store_b, client_b);

    // A's listing is slow, so that A holds the lease while B tries.
    sim->set_faults(R"({"faults":[{"type":"latency","ms":1500,"operations":["list"],"count":1}]})");
    jd::sync::run_report report_a;
    std::thread runner([&] { report_a = a.run(); });
    BOOST_REQUIRE(wait_for_lease(*a.place, a.instance_id, std::chrono::seconds(10)));

    const auto started = std::chrono::steady_clock::now();
    const auto report_b = b.run(host_sdk::call_context{}, jd::sync::trigger::scheduler);
    const auto waited = std::chrono::steady_clock::now() - started;
    runner.join();

    BOOST_TEST(jd::sync::to_string(report_b.outcome) == "already_running");
    BOOST_TEST(jd::sync::report_state_code(report_b) == "deja_en_cours");
    BOOST_TEST(jd::sync::to_json(report_b).at("state").as_string() == "deja_en_cours");
    BOOST_TEST(!report_b.message.empty());
    BOOST_TEST(report_b.run_id == 0);
    BOOST_TEST(report_b.movements.delivered == 0);
    BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(waited).count() < 1000); // at once

    BOOST_TEST(jd::sync::to_string(report_a.outcome) == "completed");
    BOOST_TEST(a.ledger_diff(plan.expected) == "");

    // Once A is done, B runs (and finds nothing left to do).
    const auto again = b.run(host_sdk::call_context{}, jd::sync::trigger::scheduler);
    BOOST_TEST(jd::sync::to_string(again.outcome) == "completed");
    BOOST_TEST(again.movements.delivered == 0);
    BOOST_TEST(a.host->ledger_count() == plan.expected_movements);
}

SYNC_TEST(same_service_twice_at_once_reports_already_running) {
    auto sim = start_sim();
    world w(backend, *sim);
    w.link();
    sim->set_faults(R"({"faults":[{"type":"latency","ms":1000,"operations":["list"],"count":1}]})");
    jd::sync::run_report first;
    std::thread runner([&] { first = w.run(); });
    while (!w.service->running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const auto second = w.run();
    runner.join();
    BOOST_TEST(jd::sync::to_string(second.outcome) == "already_running");
    BOOST_TEST(jd::sync::to_string(first.outcome) == "completed");
}

SYNC_TEST(lease_of_a_dead_process_is_taken_over_a_live_one_is_not) {
    auto sim = start_sim();
    world w(backend, *sim);
    const auto plan = w.link();
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);

    // A foreign node holds it: the run does nothing.
    BOOST_REQUIRE(w.store->lease().acquire("other-node:4242:x", jd::store::now_ms(), 60000));
    const auto blocked = w.run();
    BOOST_TEST(jd::sync::to_string(blocked.outcome) == "already_running");
    BOOST_TEST(blocked.message.find("other-node") != std::string::npos);
    BOOST_REQUIRE(w.store->lease().release("other-node:4242:x"));

    // A process of this machine that died holding it: taken over at once.
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    const std::string dead = std::string(name) + ":" + std::to_string(child) + ":dead";
    BOOST_REQUIRE(w.store->lease().acquire(dead, jd::store::now_ms(), 10 * 60 * 1000));
    const auto report = w.run();
    BOOST_TEST(jd::sync::to_string(report.outcome) == "completed");
    BOOST_TEST(w.ledger_diff(plan.expected) == "");
    BOOST_TEST(!w.store->lease().current().has_value()); // released at the end
}

BOOST_AUTO_TEST_SUITE_END()
