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

#include <chrono>
#include <fstream>
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

struct driver_result {
    bool killed = false;
    int exit_code = -1;
    std::string output;
};

class driver {
public:
    driver(std::vector<std::string> args, const std::filesystem::path& out) : out_(out) {
        std::vector<char*> argv;
        args.insert(args.begin(), JD_SYNC_DRIVER);
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

    for (std::uint64_t cycle = 1; cycle <= cycles; ++cycle) {
        // New work for this cycle: new movements on two linked accounts, sometimes a piece sent again.
        json::array pieces;
        day = day.plus_days(1);
        for (int k = 0; k < 2; ++k) {
            const auto& rib = plan.linked[rng() % plan.linked.size()];
            const auto piece = make_piece(rib, day, 20 + static_cast<int>(rng() % 60),
                                          "C" + std::to_string(cycle) + "P" + std::to_string(k), rng);
            pieces.push_back(json::object{{"content", piece.content}});
            sent.push_back(piece.content);
            auto& entry = expected[{rib.company_id, rib.bank_account_id}];
            entry.movements += piece.movements;
            entry.sum_minor += piece.sum;
            expected_total += piece.movements;
        }
        if (cycle % 4 == 0) pieces.push_back(json::object{{"content", sent[rng() % sent.size()]}});
        sim->add_pieces(json::object{{"compte", endpoint.login}, {"pieces", pieces}});

        auto args = base_args;
        const bool at_point = cycle % 3 == 0;
        if (at_point) {
            const std::string point = kill_points[rng() % std::size(kill_points)];
            args.insert(args.end(), {"--kill-at", point + ":" + std::to_string(1 + rng() % 3)});
        }
        driver child(args, dir.path() / ("cycle-" + std::to_string(cycle) + ".json"));
        if (!at_point) {
            const auto delay = std::chrono::milliseconds(30 + rng() % 600);
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
        }
    }

    // Now let it finish (the recovery pass included).
    jd::sync::run_report last;
    for (int attempt = 0; attempt < 4; ++attempt) {
        driver child(base_args, dir.path() / ("final-" + std::to_string(attempt) + ".json"));
        const auto result = child.wait();
        BOOST_REQUIRE_EQUAL(result.exit_code, 0);
        last = jd::sync::run_report_from_json(result.output);
        if (last.outcome == jd::sync::run_outcome::completed && last.state == jd::store::health_state::ok &&
            last.movements.delivered == 0 && last.pieces.downloaded == 0)
            break;
    }
    BOOST_TEST(jd::store::to_string(last.state) == "ok", last.message);

    host_env host(home, instance_id);
    BOOST_TEST(compare_ledgers(expected, host.ledger()) == "");
    BOOST_TEST(host.ledger_count() == expected_total);
    auto db = place->open();
    const auto check = jd::store::check_integrity(*db);
    for (const auto& problem : check.problems) BOOST_TEST_MESSAGE("integrity: " << problem);
    BOOST_TEST(check.ok);
    jd::store::instance_store store(*db, instance_id);
    BOOST_TEST(store.movements().count_by_state().pending == 0);
    BOOST_TEST_MESSAGE("crash cycles (" << jd::store::to_string(backend) << "): " << cycles << " cycles, "
                                        << killed_timer << " killed at a random moment, " << killed_point
                                        << " killed at a named point, " << finished << " finished before the kill; "
                                        << expected_total << " movements in the ledger, none lost, none twice");
    std::cout << "crash cycles (" << jd::store::to_string(backend) << "): " << cycles << " cycles, " << killed_timer
              << " killed at a random moment, " << killed_point << " at a named point, " << finished
              << " finished first; ledger " << host.ledger_count() << " = expected " << expected_total << std::endl;
}

} // namespace

BOOST_AUTO_TEST_SUITE(crash)

SYNC_TEST(sigkill_cycles_lose_nothing_and_deliver_nothing_twice) { crash_cycles(backend); }

BOOST_AUTO_TEST_SUITE_END()
