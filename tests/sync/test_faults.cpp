// The fault matrix: with the simulator injecting each fault type, runs end with every movement delivered once
// (transient faults, possibly after a following run) or with the right admin-visible state (permanent ones,
// or transient ones that do not stop), never with a silent « 0 mouvement »: a run that says "ok" has
// delivered everything there was.
#include "sync_world.hpp"

#include <boost/test/data/test_case.hpp>

#include <iostream>
#include <ostream>

using namespace sync_test;
namespace json = boost::json;

namespace {

struct fault_case {
    const char* name;
    const char* faults; // {"faults":[…]} as POST /_sim/faults takes it
    /// "" for a fault the runs get through (count-limited, slow); otherwise the state the first run must end
    /// with while the fault lasts, before the fault is cleared.
    const char* state_while_faulty;
};

std::ostream& operator<<(std::ostream& out, const fault_case& c) { return out << c.name; }

const fault_case cases[] = {
    {"latency", R"({"faults":[{"type":"latency","ms":80,"share":0.5}]})", ""},
    {"hang_download", R"({"faults":[{"type":"hang","count":2,"operations":["download"]}]})", ""},
    {"hang_list", R"({"faults":[{"type":"hang","count":1,"operations":["list"]}]})", ""},
    {"reset", R"({"faults":[{"type":"reset","count":4}]})", ""},
    {"reset_after_processing",
     R"({"faults":[{"type":"reset","count":3,"operations":["download"],"after_processing":true}]})", ""},
    {"truncate", R"({"faults":[{"type":"truncate","count":4}]})", ""},
    {"http_500", R"({"faults":[{"type":"http_status","status":500,"count":4}]})", ""},
    {"http_502", R"({"faults":[{"type":"http_status","status":502,"count":4}]})", ""},
    {"http_503", R"({"faults":[{"type":"http_status","status":503,"count":4}]})", ""},
    {"too_many_requests", R"({"faults":[{"type":"too_many_requests","retry_after":1,"count":2}]})", ""},
    {"code99", R"({"faults":[{"type":"code99","count":4}]})", ""},
    {"soap_fault", R"({"faults":[{"type":"soap_fault","count":4}]})", ""},
    {"malformed_xml", R"({"faults":[{"type":"malformed_xml","count":4}]})", ""},
    {"trickle", R"({"faults":[{"type":"trickle","bytes_per_second":40000,"share":0.3}]})", ""},
    // Faults that last: the run must say so, keep everything, and the run after the fault delivers it all.
    {"persistent_503_download", R"({"faults":[{"type":"http_status","status":503,"operations":["download"]}]})",
     "erreur_reseau"},
    {"persistent_503_after_processing",
     R"({"faults":[{"type":"http_status","status":503,"operations":["download"],"after_processing":true}]})",
     "erreur_reseau"},
    {"persistent_reset_list", R"({"faults":[{"type":"reset","operations":["list"]}]})", "erreur_reseau"},
    {"persistent_malformed_xml", R"({"faults":[{"type":"malformed_xml"}]})", "erreur_reseau"},
    {"persistent_code99", R"({"faults":[{"type":"code99"}]})", "erreur_reseau"},
    {"invalid_credentials", R"({"faults":[{"type":"invalid_credentials"}]})", "identifiants_refuses"},
    {"invalid_credentials_mid_download",
     R"({"faults":[{"type":"invalid_credentials","operations":["download"]}]})", "identifiants_refuses"},
};

void run_case(jd::store::backend backend, const fault_case& c) {
    auto sim = start_sim({"--days", "4"});
    world w(backend, *sim);
    const auto plan = w.link();
    BOOST_REQUIRE_GT(plan.expected_movements, 0);
    sim->set_faults(c.faults);

    std::string trail; // the runs, as "state(delivered) "
    const auto check_not_silent = [&](const jd::sync::run_report& report) {
        trail += std::string(jd::store::to_string(report.state)) + "(" + std::to_string(report.movements.delivered) +
                 ") ";
        if (report.state == jd::store::health_state::ok)
            BOOST_TEST(w.ledger_diff(plan.expected) == "", c.name << ": a run said ok with movements missing");
        else
            BOOST_TEST(!report.message.empty(), c.name << ": a failed run without a message");
    };

    if (std::string_view(c.state_while_faulty).empty()) {
        std::vector<jd::sync::run_report> reports;
        for (int i = 0; i < 3; ++i) {
            reports.push_back(w.run());
            check_not_silent(reports.back());
            if (w.ledger_diff(plan.expected).empty() && reports.back().state == jd::store::health_state::ok) break;
        }
        BOOST_TEST(w.ledger_diff(plan.expected) == "", c.name);
        BOOST_TEST(jd::store::to_string(reports.back().state) == "ok", c.name << ": " << reports.back().message);
    } else {
        const auto faulty = w.run();
        BOOST_TEST(jd::store::to_string(faulty.state) == c.state_while_faulty, c.name << ": " << faulty.message);
        BOOST_TEST(jd::sync::to_string(faulty.outcome) == "failed", c.name);
        check_not_silent(faulty);
        const auto health = w.store->states().instance();
        BOOST_REQUIRE(health.has_value());
        BOOST_TEST(jd::store::to_string(health->state) == c.state_while_faulty);
        sim->clear_faults();
        const auto after = w.run();
        check_not_silent(after);
        BOOST_TEST(jd::store::to_string(after.state) == "ok", c.name << ": " << after.message);
        BOOST_TEST(w.ledger_diff(plan.expected) == "", c.name);
    }
    BOOST_TEST(w.host->ledger_count() == plan.expected_movements, c.name << ": a movement reached the host twice");
    const auto stats = sim->stats();
    const auto injected = stats.contains("faults_injected") ? stats.at("faults_injected").to_number<std::int64_t>() : -1;
    BOOST_TEST(injected > 0, c.name << ": the simulator injected no fault");
    std::cout << "fault " << jd::store::to_string(backend) << " " << c.name << ": " << injected << " faults injected, "
              << trail << "-> ledger " << w.host->ledger_count() << "/" << plan.expected_movements << std::endl;
    BOOST_TEST(w.integrity_ok());
}

} // namespace

BOOST_AUTO_TEST_SUITE(faults)

BOOST_AUTO_TEST_SUITE(sqlite)
BOOST_DATA_TEST_CASE(fault_matrix, boost::unit_test::data::make(cases), c) {
    run_case(jd::store::backend::sqlite, c);
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(postgresql)
BOOST_DATA_TEST_CASE(fault_matrix, boost::unit_test::data::make(cases), c) {
    if (!pg_dsn()) {
        BOOST_TEST_MESSAGE("JD_TEST_PG_DSN is not set: PostgreSQL fault matrix skipped");
        return;
    }
    run_case(jd::store::backend::postgresql, c);
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()
