// Crash consistency: a host process running a sync (sync-driver, which behaves like `aggregator-host sync
// now`) is killed with SIGKILL at random moments and at named points of the run (after a download and
// before its commit, before a parse transaction commits, after the host took a batch and before it was
// marked delivered…), restarted, and killed again. New pieces arrive between cycles (new movements, genuine
// twins, re-sent pieces) so that every cycle has work to be killed in. At the end, runs without kills until
// done; the host's ledger must hold exactly the expected movements (none lost, none twice) and the store
// must pass its integrity check.
//
// JD_CRASH_CYCLES (default 30) sets the number of cycles, JD_CRASH_SEED the random seed.
#include "sync_world.hpp"

#include "store/movements.hpp"

#include <jdsim/calendar.hpp>
#include <jdsim/cfonb_writer.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <thread>

using namespace sync_test;
namespace json = boost::json;

#ifndef JD_SYNC_DRIVER
#define JD_SYNC_DRIVER ""
#endif

namespace {

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return fallback;
    return std::stoull(value);
}

struct new_piece {
    std::string content;
    std::int64_t movements = 0;
    std::int64_t sum = 0;
};

// A one-day statement of `rib` with `count` new movements (labels unique to `tag`) and one genuine twin.
new_piece make_piece(const linked_rib& rib, jdsim::date day, int count, const std::string& tag, std::mt19937_64& rng) {
    jdsim::cfonb_account account;
    jdsim::set_field(account.bank, rib.rib_key.substr(0, 5));
    jdsim::set_field(account.branch, rib.rib_key.substr(5, 5));
    jdsim::set_field(account.number, rib.rib_key.substr(10, 11));
    new_piece piece;
    jdsim::cfonb_writer writer(piece.content, "\r\n");
    const std::int64_t opening = 1000000;
    writer.balance('1', account, day.plus_days(-1), opening);
    std::uniform_int_distribution<std::int64_t> amount(-50000, 80000);
    jdsim::cfonb_movement m;
    for (int i = 0; i < count; ++i) {
        m = jdsim::cfonb_movement{};
        m.amount = amount(rng);
        if (m.amount == 0) m.amount = 1;
        jdsim::set_field(m.operation_code, m.amount < 0 ? "B1" : "05");
        jdsim::set_field(m.label, "CRASH " + tag + " " + std::to_string(i));
        writer.movement(account, day, m);
        piece.sum += m.amount;
        ++piece.movements;
    }
    writer.movement(account, day, m); // the same again: a genuine twin, delivered twice
    piece.sum += m.amount;
    ++piece.movements;
    writer.balance('7', account, day, opening + piece.sum);
    return piece;
}

// How long a run took that was seen to its end (at least 50 ms): the next kill delay is drawn below it.
std::int64_t run_length_ms(std::chrono::steady_clock::time_point started) {
    const auto elapsed = std::chrono::steady_clock::now() - started;
    return std::max<std::int64_t>(50, std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count());
}

// A cycle's new work: four pieces of `day` on linked accounts, counted in `expected` and `expected_total`.
// `tag` keeps their entry numbers apart from other cycles'.
json::array new_work(const link_plan& plan, jdsim::date day, const std::string& tag, std::mt19937_64& rng,
                     ledger_map& expected, std::int64_t& expected_total) {
    json::array pieces;
    for (int k = 0; k < 4; ++k) {
        const auto& rib = plan.linked[rng() % plan.linked.size()];
        const auto piece = make_piece(rib, day, 20 + static_cast<int>(rng() % 60), tag + "P" + std::to_string(k), rng);
        pieces.push_back(json::object{{"content", piece.content}});
        auto& entry = expected[{rib.company_id, rib.bank_account_id}];
        entry.movements += piece.movements;
        entry.sum_minor += piece.sum;
        expected_total += piece.movements;
    }
    return pieces;
}

struct driver_result {
    bool killed = false;
    int exit_code = -1;
    std::string output;
};

class driver {
public:
    driver(std::vector<std::string> args, const std::filesystem::path& out, const std::string& executable = JD_SYNC_DRIVER)
        : out_(out) {
        std::vector<char*> argv;
        args.insert(args.begin(), executable);
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        const int fd = ::open(out.c_str(), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0644);
        const pid_t parent = ::getpid();
        pid_ = ::fork();
        if (pid_ == 0) {
            (void)parent;
            ::dup2(fd, 1);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(fd);
    }
    void kill() { ::kill(pid_, SIGKILL); }
    bool finished() {
        if (done_) return true;
        const pid_t r = ::waitpid(pid_, &status_, WNOHANG);
        if (r == pid_) done_ = true;
        return done_;
    }
    driver_result wait() {
        if (!done_) ::waitpid(pid_, &status_, 0);
        done_ = true;
        driver_result result;
        result.killed = WIFSIGNALED(status_) && WTERMSIG(status_) == SIGKILL;
        result.exit_code = WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
        std::ifstream in(out_);
        std::stringstream text;
        text << in.rdbuf();
        result.output = text.str();
        return result;
    }

private:
    std::filesystem::path out_;
    pid_t pid_ = -1;
    int status_ = 0;
    bool done_ = false;
};

const char* const kill_points[] = {
    "consumption_recorded", "piece_downloaded", "piece_stored",  "pieces_parsed_before_commit",
    "pieces_parsed",        "batch_delivered",  "batch_marked",
};

// Runs syncs (`run_once(attempt)`) until one completes with nothing left to do, the recovery pass included;
// then checks the host's ledger against what the simulator sent, and the store's integrity. Returns the
// ledger's movement count. `require_exit_zero`: each of those runs must exit 0 (the sync driver does; the host
// process may report a run that still found work with another status).
std::int64_t settle_and_verify(const std::function<driver_result(int)>& run_once, const std::filesystem::path& home,
                               const std::string& instance_id, const store_place& place, const ledger_map& expected,
                               std::int64_t expected_total, bool require_exit_zero) {
    jd::sync::run_report last;
    for (int attempt = 0; attempt < 4; ++attempt) {
        const auto result = run_once(attempt);
        if (require_exit_zero) BOOST_REQUIRE_EQUAL(result.exit_code, 0);
        last = jd::sync::run_report_from_json(result.output);
        if (last.outcome == jd::sync::run_outcome::completed && last.state == jd::store::health_state::ok &&
            last.movements.delivered == 0 && last.pieces.downloaded == 0)
            break;
    }
    BOOST_TEST(jd::store::to_string(last.state) == "ok", last.message);

    host_env host(home, instance_id);
    BOOST_TEST(compare_ledgers(expected, host.ledger()) == "");
    BOOST_TEST(host.ledger_count() == expected_total);
    auto db = place.open();
    const auto check = jd::store::check_integrity(*db);
    for (const auto& problem : check.problems) BOOST_TEST_MESSAGE("integrity: " << problem);
    BOOST_TEST(check.ok);
    jd::store::instance_store store(*db, instance_id);
    BOOST_TEST(store.movements().count_by_state().pending == 0);
    return host.ledger_count();
}

void crash_cycles(jd::store::backend backend) {
    const auto cycles = env_number("JD_CRASH_CYCLES", 30);
    const auto seed = env_number("JD_CRASH_SEED", 20261128);
    BOOST_REQUIRE_MESSAGE(std::string(JD_SYNC_DRIVER) != "", "the sync-driver path is not compiled in");
    std::mt19937_64 rng(seed);

    auto sim = start_sim({"--seed", "29", "--dossiers", "14", "--days", "12"});
    temp_dir dir("jd-sync-crash");
    const auto place = backend == jd::store::backend::sqlite ? store_place::sqlite(dir.path() / "store")
                                                             : store_place::postgresql(*pg_dsn());
    const std::string instance_id = "jedeclare-crash-" + unique_suffix();
    const auto home = dir.path() / "host";
    const auto endpoint = endpoint_from_ready(sim->ready(), 0);
    link_plan plan;
    {
        host_env host(home, instance_id);
        host.seed(sim->host_seed());
    }
    {
        auto db = place->open();
        jd::store::instance_store store(*db, instance_id);
        plan = link_from_truth(store, sim->truth(), endpoint.login);
    }
    BOOST_REQUIRE(!plan.linked.empty());
    const auto ready_file = dir.path() / "ready.json";
    std::ofstream(ready_file) << json::serialize(sim->ready());

    auto expected = plan.expected;
    std::int64_t expected_total = plan.expected_movements;
    const auto truth = sim->truth();
    auto day = *jdsim::date::parse_iso(std::string(truth.at("last_statement_day").as_string()));
    std::vector<std::string> sent; // contents already added, re-sent now and then
    const std::vector<std::string> base_args{"--home",  home.string(),       "--store", place->description(),
                                             "--instance", instance_id,      "--ready", ready_file.string()};
    std::size_t killed_timer = 0, killed_point = 0, finished = 0;
    std::string progression;
    std::int64_t typical_run_ms = 600; // until a run is seen to the end

    for (std::uint64_t cycle = 1; cycle <= cycles; ++cycle) {
        // New work for this cycle: new movements on two linked accounts, sometimes a piece sent again.
        day = day.plus_days(1);
        auto pieces = new_work(plan, day, "C" + std::to_string(cycle), rng, expected, expected_total);
        for (const auto& piece : pieces) sent.push_back(std::string(piece.as_object().at("content").as_string()));
        if (cycle % 4 == 0) pieces.push_back(json::object{{"content", sent[rng() % sent.size()]}});
        sim->add_pieces(json::object{{"compte", endpoint.login}, {"pieces", pieces}});

        auto args = base_args;
        const bool at_point = cycle % 3 == 0;
        if (at_point) {
            const std::string point = kill_points[rng() % std::size(kill_points)];
            args.insert(args.end(), {"--kill-at", point + ":" + std::to_string(1 + rng() % 3)});
        }
        const auto cycle_started = std::chrono::steady_clock::now();
        driver child(args, dir.path() / ("cycle-" + std::to_string(cycle) + ".json"));
        if (!at_point) {
            // Anywhere in a run: the delay is drawn over the length of the last run that was not killed.
            const auto delay = std::chrono::milliseconds(5 + rng() % static_cast<std::uint64_t>(typical_run_ms));
            const auto deadline = std::chrono::steady_clock::now() + delay;
            while (std::chrono::steady_clock::now() < deadline && !child.finished())
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            child.kill();
        }
        const auto result = child.wait();
        if (result.killed) {
            ++(at_point ? killed_point : killed_timer);
        } else {
            BOOST_TEST(result.exit_code == 0, "cycle " << cycle << ": the driver failed");
            ++finished;
            typical_run_ms = run_length_ms(cycle_started);
        }
        {
            host_env look(home, instance_id);
            progression += " " + std::to_string(look.ledger_count());
        }
    }
    BOOST_TEST_MESSAGE("ledger after each cycle:" << progression);

    // Now let it finish (the recovery pass included).
    const auto ledger_count = settle_and_verify(
        [&](int attempt) {
            driver child(base_args, dir.path() / ("final-" + std::to_string(attempt) + ".json"));
            return child.wait();
        },
        home, instance_id, *place, expected, expected_total, true);
    BOOST_TEST_MESSAGE("crash cycles (" << jd::store::to_string(backend) << "): " << cycles << " cycles, "
                                        << killed_timer << " killed at a random moment, " << killed_point
                                        << " killed at a named point, " << finished << " finished before the kill; "
                                        << expected_total << " movements in the ledger, none lost, none twice");
    std::cout << "crash cycles (" << jd::store::to_string(backend) << "): " << cycles << " cycles, " << killed_timer
              << " killed at a random moment, " << killed_point << " at a named point, " << finished
              << " finished first; ledger " << ledger_count << " = expected " << expected_total << std::endl;
}

#if defined(JD_AGGREGATOR_HOST) && defined(JD_PLUGIN_DIR)

// Runs `aggregator-host` to the end, `stdin_text` on its standard input; returns its exit status.
int host_command(const std::vector<std::string>& args, const std::string& stdin_text = {}) {
    std::string command = "'" + std::string(JD_AGGREGATOR_HOST) + "'";
    for (const auto& arg : args) {
        std::string quoted;
        for (const char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        command += " '" + quoted + "'";
    }
    command += " >/dev/null 2>&1";
    FILE* pipe = ::popen(command.c_str(), "w");
    if (pipe == nullptr) return -1;
    if (!stdin_text.empty()) std::fwrite(stdin_text.data(), 1, stdin_text.size(), pipe);
    const int status = ::pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The same cycles with the real host process (`aggregator-host sync now`) and the real plugin, killed with
// SIGKILL at random moments (the plugin has no test hooks, so no named points here).
void real_host_cycles(jd::store::backend backend) {
    const auto cycles = env_number("JD_CRASH_CYCLES", 30);
    const auto seed = env_number("JD_CRASH_SEED", 20261128) + 1;
    std::mt19937_64 rng(seed);

    auto sim = start_sim({"--seed", "31", "--dossiers", "14", "--days", "12"});
    temp_dir dir("jd-sync-realhost");
    const auto place = backend == jd::store::backend::sqlite ? store_place::sqlite(dir.path() / "store")
                                                             : store_place::postgresql(*pg_dsn());
    json::object storage;
    if (backend == jd::store::backend::sqlite) {
        std::filesystem::create_directories(dir.path() / "store");
        storage = {{"backend", "sqlite"}, {"file", (dir.path() / "store" / "jedeclare.sqlite").string()}};
    } else {
        const auto schema = place->description().substr(std::string("postgresql:").size());
        storage = {{"backend", "postgresql"}, {"connection", *pg_dsn() + " options=-csearch_path=" + schema}};
    }
    const std::string instance_id = "jedeclare-real-" + unique_suffix();
    const auto home = dir.path() / "host";
    const auto endpoint = endpoint_from_ready(sim->ready(), 0);
    const std::vector<std::string> host_args{"--home", home.string(), "--plugins", JD_PLUGIN_DIR, "--lang", "en"};
    const auto with = [&](std::vector<std::string> more) {
        auto all = host_args;
        all.insert(all.end(), more.begin(), more.end());
        return all;
    };

    std::ofstream(dir.path() / "host-seed.json") << json::serialize(sim->host_seed());
    BOOST_REQUIRE_EQUAL(host_command(with({"seed", (dir.path() / "host-seed.json").string()})), 0);
    BOOST_REQUIRE_EQUAL(host_command(with({"--user", "admin", "aggregators", "add", "jedeclare", "--instance",
                                           instance_id, "--set", "login=" + endpoint.login, "--set",
                                           "gestion_account_id=" + endpoint.gestion_account_id, "--set",
                                           "soap_url=" + endpoint.soap_url, "--set",
                                           "gestion_url=" + endpoint.gestion_url, "--set",
                                           "ca_bundle=" + endpoint.ca_file, "--password-stdin", "--settings",
                                           json::serialize(json::object{{"storage", storage}})}),
                                     endpoint.password),
                        0);
    link_plan plan;
    {
        auto db = place->open();
        jd::store::instance_store store(*db, instance_id);
        plan = link_from_truth(store, sim->truth(), endpoint.login);
    }
    BOOST_REQUIRE(!plan.linked.empty());

    auto expected = plan.expected;
    std::int64_t expected_total = plan.expected_movements;
    auto day = *jdsim::date::parse_iso(std::string(sim->truth().at("last_statement_day").as_string()));
    const auto sync_now = with({"--user", "admin", "--json", "sync", "now", instance_id});
    std::size_t killed = 0, finished = 0;
    std::int64_t typical_run_ms = 800;
    std::string progression;
    for (std::uint64_t cycle = 1; cycle <= cycles; ++cycle) {
        day = day.plus_days(1);
        const auto pieces = new_work(plan, day, "R" + std::to_string(cycle), rng, expected, expected_total);
        sim->add_pieces(json::object{{"compte", endpoint.login}, {"pieces", pieces}});

        const auto started = std::chrono::steady_clock::now();
        driver child(sync_now, dir.path() / ("cycle-" + std::to_string(cycle) + ".json"), JD_AGGREGATOR_HOST);
        const auto delay = std::chrono::milliseconds(5 + rng() % static_cast<std::uint64_t>(typical_run_ms));
        const auto deadline = started + delay;
        while (std::chrono::steady_clock::now() < deadline && !child.finished())
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        child.kill();
        const auto result = child.wait();
        if (result.killed) {
            ++killed;
        } else {
            ++finished;
            typical_run_ms = run_length_ms(started);
        }
        host_env look(home, instance_id);
        progression += " " + std::to_string(look.ledger_count());
    }
    BOOST_TEST_MESSAGE("ledger after each cycle:" << progression);

    const auto ledger_count = settle_and_verify(
        [&](int attempt) {
            driver child(sync_now, dir.path() / ("final-" + std::to_string(attempt) + ".json"), JD_AGGREGATOR_HOST);
            return child.wait();
        },
        home, instance_id, *place, expected, expected_total, false);
    std::cout << "crash cycles, real host (" << jd::store::to_string(backend) << "): " << cycles << " cycles, "
              << killed << " aggregator-host processes killed, " << finished << " finished first; ledger "
              << ledger_count << " = expected " << expected_total << std::endl;
}

#endif

} // namespace

BOOST_AUTO_TEST_SUITE(crash)

SYNC_TEST(sigkill_cycles_lose_nothing_and_deliver_nothing_twice) { crash_cycles(backend); }

#if defined(JD_AGGREGATOR_HOST) && defined(JD_PLUGIN_DIR)
SYNC_TEST(sigkill_cycles_of_aggregator_host_sync_now) { real_host_cycles(backend); }
#endif

BOOST_AUTO_TEST_SUITE_END()
