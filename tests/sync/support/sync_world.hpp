#pragma once
// One sync test's world: a simulator (started by the test), the plugin's store on the chosen backend, an
// in-process reference host seeded from the simulator, a client and a sync service.
//
//   SYNC_TEST(name) { auto sim = start_sim({...}); world w(backend, sim); … w.run() … }
// registers sqlite/name and postgresql/name (the latter skipped, with a message, without JD_TEST_PG_DSN).

#include "sync_test_env.hpp"

#include "sync/sync_service.hpp"

#include "jedeclare/client.hpp"
#include "store/integrity.hpp"

#include <jdsim/sim_process.hpp>

#include <boost/test/unit_test.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace sync_test {

/// The TLS material of the simulators of this process, generated once.
inline const std::string& shared_tls_dir() {
    static temp_dir dir("jd-sync-tls");
    static const std::string path = (dir.path() / "tls").string();
    return path;
}

/// A simulator with a small dataset by default (extra arguments come after).
inline std::unique_ptr<jdsim::sim_process> start_sim(std::vector<std::string> args = {}) {
    jdsim::sim_options options;
    options.tls_dir = shared_tls_dir();
    std::vector<std::string> all{"--seed", "11", "--dossiers", "10", "--days", "6"};
    all.insert(all.end(), args.begin(), args.end());
    return std::make_unique<jdsim::sim_process>(all, options);
}

struct pg_configured {
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
        boost::test_tools::assertion_result result(pg_dsn().has_value());
        if (!pg_dsn()) result.message() << "JD_TEST_PG_DSN is not set: PostgreSQL sync tests skipped";
        return result;
    }
};

class world {
public:
    world(jd::store::backend kind, jdsim::sim_process& sim, std::size_t compte = 0, jd::sync::sync_options options = {},
          bool quick = true)
        : sim_(sim) {
        instance_id = "jedeclare-" + unique_suffix();
        if (kind == jd::store::backend::sqlite) {
            place = store_place::sqlite(dir.path() / "store");
        } else {
            place = store_place::postgresql(*pg_dsn());
        }
        host = std::make_unique<host_env>(dir.path() / "host", instance_id);
        host->seed(sim.host_seed());
        db = place->open();
        store = std::make_unique<jd::store::instance_store>(*db, instance_id);
        endpoint = endpoint_from_ready(sim.ready(), compte);
        client = std::make_unique<jd::jedeclare::client>(client_config_for(endpoint, quick));
        service = std::make_unique<jd::sync::sync_service>(host->host(), *store, *client, std::move(options));
    }

    ~world() {
        service.reset();
        client.reset();
        store.reset();
        db.reset();
    }

    world(const world&) = delete;
    world& operator=(const world&) = delete;

    jd::sync::run_report run(jd::sync::trigger why = jd::sync::trigger::scheduler, const std::string& locale = "fr") {
        host_sdk::call_context call;
        call.user_id = why == jd::sync::trigger::manual ? "admin" : "";
        call.locale = locale;
        call.operation_id = "sync-test-" + std::to_string(++runs_);
        return service->run(call, why);
    }

    link_plan link(const std::function<bool(std::int64_t)>& activate = {}) {
        return link_from_truth(*store, sim_.truth(), endpoint.login, activate);
    }

    std::string ledger_diff(const ledger_map& expected) { return compare_ledgers(expected, host->ledger()); }

    /// The store's integrity check, with its problems printed when there are some.
    bool integrity_ok() {
        const auto check = jd::store::check_integrity(*db);
        for (const auto& problem : check.problems) std::cerr << "integrity: " << problem << "\n";
        return check.ok;
    }

    temp_dir dir{"jd-sync-world"};
    std::unique_ptr<store_place> place;
    std::string instance_id;
    std::unique_ptr<host_env> host;
    std::unique_ptr<jd::store::database> db;
    std::unique_ptr<jd::store::instance_store> store;
    sim_endpoint endpoint;
    std::unique_ptr<jd::jedeclare::client> client;
    std::unique_ptr<jd::sync::sync_service> service;

private:
    jdsim::sim_process& sim_;
    int runs_ = 0;
};

/// Runs until the ledger matches (at most `runs` runs); returns the reports.
inline std::vector<jd::sync::run_report> run_until_matches(world& w, const ledger_map& expected, int runs = 3) {
    std::vector<jd::sync::run_report> reports;
    for (int i = 0; i < runs; ++i) {
        reports.push_back(w.run());
        if (w.ledger_diff(expected).empty() && reports.back().state == jd::store::health_state::ok) break;
    }
    return reports;
}

} // namespace sync_test

#define SYNC_TEST(name)                                                                                            \
    static void name##_body(jd::store::backend backend);                                                           \
    BOOST_AUTO_TEST_SUITE(sqlite)                                                                                  \
    BOOST_AUTO_TEST_CASE(name) { name##_body(jd::store::backend::sqlite); }                                        \
    BOOST_AUTO_TEST_SUITE_END()                                                                                    \
    BOOST_AUTO_TEST_SUITE(postgresql)                                                                              \
    BOOST_AUTO_TEST_CASE(name, *boost::unit_test::precondition(sync_test::pg_configured{})) {                      \
        name##_body(jd::store::backend::postgresql);                                                               \
    }                                                                                                              \
    BOOST_AUTO_TEST_SUITE_END()                                                                                    \
    static void name##_body([[maybe_unused]] jd::store::backend backend)
