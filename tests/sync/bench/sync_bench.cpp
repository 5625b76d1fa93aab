// sync-bench: a firm's backfill from the simulator into the reference host, then no-op syncs; figures, no
// assertions. Each backend runs in a child process of its own, so that its peak RSS is its own.
//
//   sync-bench [--dossiers 1000] [--days 60] [--seed 42] [--backend sqlite|postgresql|both]
//              [--batch 1000] [--noop-runs 5] [--connections 4]
//
// Prints the wall time, movements/s, peak RSS and the no-op sync time, and for each backend a line
//   RESULT backend=sqlite backfill_s=… movements_per_s=… noop_ms=… peak_rss_mb=…
// PostgreSQL runs when JD_TEST_PG_DSN is set.
#include "sync_test_env.hpp"

#include "sync/sync_service.hpp"

#include "jedeclare/client.hpp"

#include <jdsim/sim_process.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace json = boost::json;
using namespace sync_test;

namespace {

struct options {
    int dossiers = 1000;
    int days = 60;
    std::uint64_t seed = 42;
    std::string backend = "both";
    std::size_t batch = 1000;
    int noop_runs = 5;
    std::size_t connections = 4;
    // Child mode.
    bool child = false;
    std::string workdir;
};

double peak_rss_mb() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

json::object read_json(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str()).as_object();
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One backend, in this (child) process.
int run_backend(const options& opt) {
    const std::filesystem::path work(opt.workdir);
    const auto ready = read_json(work / "ready.json");
    const auto truth = read_json(work / "truth.json");
    const auto seed = read_json(work / "host-seed.json");
    const auto endpoint = endpoint_from_ready(ready, 0);
    const bool pg = opt.backend == "postgresql";
    temp_dir dir("jd-sync-bench-" + opt.backend);
    const std::string instance_id = "jedeclare-bench-" + unique_suffix();

    const auto setup_started = std::chrono::steady_clock::now();
    host_env host(dir.path() / "host", instance_id);
    host.seed(seed);
    const auto place = pg ? store_place::postgresql(*pg_dsn()) : store_place::sqlite(dir.path() / "store");
    auto db = place->open();
    jd::store::instance_store store(*db, instance_id);
    const auto plan = link_from_truth(store, truth, endpoint.login);
    std::printf("[%s] setup: %zu RIBs linked, %zu companies' accounts, %lld movements expected (%.1f s)\n",
                opt.backend.c_str(), plan.ribs_linked, plan.expected.size(),
                static_cast<long long>(plan.expected_movements), seconds_since(setup_started));

    auto config = client_config_for(endpoint, false);
    config.max_connections = opt.connections;
    jd::jedeclare::client client(config);
    jd::sync::sync_options sync_options;
    sync_options.delivery_batch_size = opt.batch;
    jd::sync::sync_service service(host.host(), store, client, sync_options);
    host_sdk::call_context call;
    call.operation_id = "bench";

    const auto started = std::chrono::steady_clock::now();
    const auto backfill = service.run(call, jd::sync::trigger::scheduler);
    const double backfill_s = seconds_since(started);
    const double rss_after_backfill = peak_rss_mb();
    std::printf("[%s] backfill: %s/%s, pieces listed %lld downloaded %lld parsed %lld, movements parsed %lld "
                "inserted %lld duplicates %lld delivered %lld, %.2f s\n",
                opt.backend.c_str(), std::string(jd::sync::to_string(backfill.outcome)).c_str(),
                std::string(jd::store::to_string(backfill.state)).c_str(),
                static_cast<long long>(backfill.pieces.listed), static_cast<long long>(backfill.pieces.downloaded),
                static_cast<long long>(backfill.pieces.parsed), static_cast<long long>(backfill.movements.parsed),
                static_cast<long long>(backfill.movements.inserted),
                static_cast<long long>(backfill.movements.duplicates),
                static_cast<long long>(backfill.movements.delivered), backfill_s);
    std::printf("[%s] message: %s\n", opt.backend.c_str(), backfill.message.c_str());
    for (const auto& [type, count] : backfill.errors)
        std::printf("[%s] errors %s: %lld\n", opt.backend.c_str(), type.c_str(), static_cast<long long>(count));
    std::printf("[%s] phases (ms):", opt.backend.c_str());
    for (const auto& [phase, ms] : backfill.durations_ms) std::printf(" %s=%lld", phase.c_str(), static_cast<long long>(ms));
    std::printf("\n");

    std::vector<double> noops;
    for (int i = 0; i < opt.noop_runs; ++i) {
        const auto noop_started = std::chrono::steady_clock::now();
        const auto noop = service.run(call, jd::sync::trigger::scheduler);
        noops.push_back(seconds_since(noop_started) * 1000.0);
        if (i == 0) {
            std::printf("[%s] no-op phases (ms):", opt.backend.c_str());
            for (const auto& [phase, ms] : noop.durations_ms)
                std::printf(" %s=%lld", phase.c_str(), static_cast<long long>(ms));
            std::printf("\n");
        }
        if (noop.movements.delivered != 0 || noop.pieces.downloaded != 0)
            std::printf("[%s] warning: a no-op run moved data\n", opt.backend.c_str());
    }
    std::sort(noops.begin(), noops.end());
    const double noop_ms = noops.empty() ? 0.0 : noops[noops.size() / 2];

    const auto diff = compare_ledgers(plan.expected, host.ledger());
    std::printf("[%s] ledger %s (%lld movements); no-op runs (ms):", opt.backend.c_str(),
                diff.empty() ? "matches the truth" : "DIFFERS from the truth",
                static_cast<long long>(host.ledger_count()));
    for (const auto ms : noops) std::printf(" %.1f", ms);
    std::printf("\n");
    if (!diff.empty()) std::printf("%s", diff.c_str());

    const double movements_per_s = backfill_s > 0 ? static_cast<double>(backfill.movements.delivered) / backfill_s : 0;
    std::printf("RESULT backend=%s backfill_s=%.2f movements_per_s=%.0f noop_ms=%.1f peak_rss_mb=%.1f\n",
                opt.backend.c_str(), backfill_s, movements_per_s, noop_ms, std::max(rss_after_backfill, peak_rss_mb()));
    std::fflush(stdout);
    return diff.empty() ? 0 : 1;
}

int run_child(const std::string& self, const options& opt, const std::string& backend) {
    std::vector<std::string> args{self, "--child", "--backend", backend, "--workdir", opt.workdir,
                                  "--batch", std::to_string(opt.batch), "--noop-runs", std::to_string(opt.noop_runs),
                                  "--connections", std::to_string(opt.connections)};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

} // namespace

int main(int argc, char** argv) {
    options opt;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << "sync-bench: " << arg << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--dossiers") opt.dossiers = std::stoi(value());
        else if (arg == "--days") opt.days = std::stoi(value());
        else if (arg == "--seed") opt.seed = std::stoull(value());
        else if (arg == "--backend") opt.backend = value();
        else if (arg == "--batch") opt.batch = std::stoul(value());
        else if (arg == "--noop-runs") opt.noop_runs = std::stoi(value());
        else if (arg == "--connections") opt.connections = std::stoul(value());
        else if (arg == "--child") opt.child = true;
        else if (arg == "--workdir") opt.workdir = value();
        else {
            std::cerr << "usage: sync-bench [--dossiers N] [--days N] [--seed N] [--backend sqlite|postgresql|both]"
                         " [--batch N] [--noop-runs N] [--connections N]\n";
            return 2;
        }
    }
    try {
        if (opt.child) return run_backend(opt);

        temp_dir work("jd-sync-bench");
        opt.workdir = work.path().string();
        const auto sim_started = std::chrono::steady_clock::now();
        jdsim::sim_options sim_options;
        sim_options.tls_dir = (work.path() / "tls").string();
        jdsim::sim_process sim({"--seed", std::to_string(opt.seed), "--dossiers", std::to_string(opt.dossiers),
                                "--days", std::to_string(opt.days), "--threads", "2", "--compte",
                                "login=bench@jedeclare.com,password=Bench-2026,gestion=4242,procedures=RELEVE"},
                               sim_options);
        const auto truth = sim.truth();
        std::ofstream(work.path() / "ready.json") << json::serialize(sim.ready());
        std::ofstream(work.path() / "truth.json") << json::serialize(truth);
        std::ofstream(work.path() / "host-seed.json") << json::serialize(sim.host_seed());
        std::printf("simulator: %d dossiers, %d days, %zu RIBs, %lld pieces, %lld movements (ready in %.1f s)\n",
                    opt.dossiers, opt.days, truth.at("ribs").as_array().size(),
                    static_cast<long long>(truth.at("pieces_total").to_number<std::int64_t>()),
                    static_cast<long long>(truth.at("movements_total").to_number<std::int64_t>()),
                    seconds_since(sim_started));

        std::vector<std::string> backends;
        if (opt.backend == "both" || opt.backend == "sqlite") backends.push_back("sqlite");
        if (opt.backend == "both" || opt.backend == "postgresql") {
            if (pg_dsn()) backends.push_back("postgresql");
            else std::printf("postgresql: JD_TEST_PG_DSN is not set, skipped\n");
        }
        int failures = 0;
        for (const auto& backend : backends) {
            sim.reset_retrievals(); // each backend starts from a fresh compte de flux
            if (run_child(std::filesystem::read_symlink("/proc/self/exe").string(), opt, backend) != 0) ++failures;
        }
        return failures == 0 ? 0 : 1;
    } catch (const std::exception& error) {
        std::cerr << "sync-bench: " << error.what() << "\n";
        return 1;
    }
}
