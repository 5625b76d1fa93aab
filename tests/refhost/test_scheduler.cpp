#include <boost/test/unit_test.hpp>

#include "refhost_fixture.hpp"

#include "refhost/failure.hpp"
#include "refhost/instances.hpp"
#include "refhost/schedule_state.hpp"
#include "refhost/scheduler.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

BOOST_AUTO_TEST_SUITE(scheduler)

using refhost_test::host_fixture;

namespace {

constexpr std::int64_t hour_ms = 3600 * 1000;

// Tasks wait in a queue until the test runs them: a run is "in progress" between start and run_next().
struct queued_executor {
    std::deque<std::function<void()>> tasks;
    void operator()(std::function<void()> task) { tasks.push_back(std::move(task)); }
    void run_next() {
        auto task = std::move(tasks.front());
        tasks.pop_front();
        task();
    }
};

struct scheduler_fixture : host_fixture {
    std::map<std::string, int> runs;

    scheduler_fixture() {
        add("alpha", 3600, true);
        add("beta", 600, true);
        add("off", 60, false);
    }

    void add(const std::string& id, std::int64_t interval, bool enabled) {
        refhost::instance_record record;
        record.instance_id = id;
        record.provider_id = "refhost_fake";
        record.enabled = enabled;
        record.interval_seconds = interval;
        record.created_by = "admin";
        record.created_at = "2026-01-01T00:00:00Z";
        db->with_session([&](Poco::Data::Session& session) { refhost::instances::insert(session, record); });
    }

    refhost::scheduler make(double jitter, const std::string& owner = {}) {
        return refhost::scheduler(
            *db, time,
            [this](const refhost::instance_record& instance) {
                ++runs[instance.instance_id];
                return refhost::run_result{};
            },
            [jitter] { return jitter; }, owner);
    }

    refhost::schedule_state state(const std::string& id) {
        return db->with_session([&](Poco::Data::Session& session) { return *refhost::schedule::get(session, id); });
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(the_next_run_stays_within_ten_percent_of_the_interval) {
    const std::int64_t start = 1'000'000;
    BOOST_TEST(refhost::next_run_after(start, start + 5, 3600, 0.0) == start + hour_ms);
    BOOST_TEST(refhost::next_run_after(start, start + 5, 3600, -1.0) == start + hour_ms * 9 / 10);
    BOOST_TEST(refhost::next_run_after(start, start + 5, 3600, 1.0) == start + hour_ms * 11 / 10);
    BOOST_TEST(refhost::next_run_after(start, start + 5, 3600, 7.0) == start + hour_ms * 11 / 10); // clamped
    // A run longer than the interval: the missed slot is skipped, counted from the end.
    BOOST_TEST(refhost::next_run_after(start, start + 2 * hour_ms, 3600, 0.0) == start + 3 * hour_ms);

    auto jitter = refhost::uniform_jitter(42);
    bool below = false, above = false;
    for (int i = 0; i < 2000; ++i) {
        const double u = jitter();
        BOOST_TEST_REQUIRE((u >= -1.0 && u <= 1.0));
        const auto next = refhost::next_run_after(start, start, 3600, u);
        BOOST_TEST_REQUIRE((next >= start + hour_ms * 9 / 10 && next <= start + hour_ms * 11 / 10));
        below = below || next < start + hour_ms;
        above = above || next > start + hour_ms;
    }
    BOOST_TEST(below);
    BOOST_TEST(above);
}

BOOST_FIXTURE_TEST_CASE(due_enabled_instances_start_and_the_next_run_is_jittered, scheduler_fixture) {
    auto scheduler = make(0.5);
    queued_executor executor;
    const auto started = scheduler.start_due(std::ref(executor));
    BOOST_TEST(started == (std::vector<std::string>{"alpha", "beta"}), boost::test_tools::per_element());
    BOOST_TEST(state("alpha").running);
    const auto start = time.now_ms();
    time.advance(2000);
    executor.run_next();
    executor.run_next();
    BOOST_TEST(runs["alpha"] == 1);
    BOOST_TEST(runs["off"] == 0);
    const auto alpha = state("alpha");
    BOOST_TEST(!alpha.running);
    BOOST_TEST(alpha.last_outcome == "ok");
    BOOST_TEST(alpha.last_started_ms == start);
    BOOST_TEST(alpha.last_finished_ms == start + 2000);
    BOOST_TEST(alpha.next_run_ms == start + hour_ms * 105 / 100);
    BOOST_TEST(state("beta").next_run_ms == start + 600'000 * 105 / 100);

    // Nothing is due until the next run.
    BOOST_TEST(scheduler.start_due(std::ref(executor)).empty());
    BOOST_TEST(scheduler.earliest_next_run().value_or(0) == start + 630'000);
    time.set(start + 630'000);
    BOOST_TEST(scheduler.start_due(std::ref(executor)) == (std::vector<std::string>{"beta"}), boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_running_instance_is_never_started_again, scheduler_fixture) {
    auto scheduler = make(0.0);
    auto other_process = make(0.0, "elsewhere:1:1"); // another host process sharing the database
    queued_executor executor;
    BOOST_TEST(scheduler.start_due(std::ref(executor)).size() == 2U);
    // Hours later the first runs are still going: still due by the clock, but not started twice.
    time.advance(5 * hour_ms);
    BOOST_TEST(scheduler.start_due(std::ref(executor)).empty());
    BOOST_TEST(other_process.start_due(std::ref(executor)).empty());
    BOOST_CHECK_THROW((void)scheduler.run_now(*db->with_session([](Poco::Data::Session& s) {
        return refhost::instances::get(s, "alpha");
    })), refhost::failure);
    BOOST_TEST(executor.tasks.size() == 2U);
    executor.run_next();
    executor.run_next();
    BOOST_TEST(runs["alpha"] == 1);
    // Finished: due again (a run longer than the interval schedules the next from its end).
    time.advance(hour_ms);
    BOOST_TEST(other_process.start_due(std::ref(executor)).size() == 2U);
}

BOOST_FIXTURE_TEST_CASE(a_flag_left_by_a_dead_process_is_recovered, scheduler_fixture) {
    // A process that held the flag and died (crash, kill -9): its pid no longer exists.
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    const std::string dead_owner = std::string(host) + ":" + std::to_string(child) + ":1";
    BOOST_TEST(!refhost::schedule::owner_process_alive(dead_owner));
    BOOST_TEST(refhost::schedule::owner_process_alive("another-machine:1:1")); // cannot tell: assumed alive
    db->with_session([&](Poco::Data::Session& session) {
        BOOST_TEST(refhost::schedule::try_claim(session, "alpha", dead_owner, time.now_ms()));
    });
    auto scheduler = make(0.0);
    BOOST_TEST(refhost::schedule::owner_process_alive(scheduler.owner()));
    queued_executor executor;
    BOOST_TEST(scheduler.start_due(std::ref(executor)).size() == 2U);
    BOOST_TEST(state("alpha").running_owner == scheduler.owner());
}

BOOST_FIXTURE_TEST_CASE(threads_never_overlap_runs_of_one_instance, scheduler_fixture) {
    // Real threads; the runner holds each run until the test releases it, so overlaps would be visible
    // as two active runs of one instance. No sleeps: everything waits on conditions.
    std::mutex mutex;
    std::condition_variable changed;
    std::map<std::string, int> active, max_active;
    int released = 0, entered = 0;
    refhost::scheduler scheduler(
        *db, time,
        [&](const refhost::instance_record& instance) {
            std::unique_lock<std::mutex> lock(mutex);
            const int now_active = ++active[instance.instance_id];
            max_active[instance.instance_id] = std::max(max_active[instance.instance_id], now_active);
            ++entered;
            changed.notify_all();
            changed.wait(lock, [&] { return released > 0; });
            --released;
            --active[instance.instance_id];
            return refhost::run_result{};
        },
        [] { return 0.0; });
    refhost::thread_executor executor;
    const auto execute = [&](std::function<void()> task) { executor(std::move(task)); };

    for (int round = 0; round < 20; ++round) {
        const auto started = scheduler.start_due(execute);
        BOOST_TEST_REQUIRE(started.size() == 2U);
        {
            std::unique_lock<std::mutex> lock(mutex);
            changed.wait(lock, [&] { return entered == 2 * (round + 1); });
        }
        // While both run, time passes and the scheduler is asked again and again.
        for (int tick = 0; tick < 5; ++tick) {
            time.advance(hour_ms);
            BOOST_TEST_REQUIRE(scheduler.start_due(execute).empty());
        }
        {
            std::lock_guard<std::mutex> lock(mutex);
            released = 2;
        }
        changed.notify_all();
        scheduler.wait_idle();
        time.advance(2 * hour_ms);
    }
    executor.join_all();
    BOOST_TEST(max_active["alpha"] == 1);
    BOOST_TEST(max_active["beta"] == 1);
    BOOST_TEST(entered == 40);
}

BOOST_FIXTURE_TEST_CASE(a_failed_run_is_recorded_and_rescheduled, scheduler_fixture) {
    refhost::scheduler scheduler(
        *db, time,
        [](const refhost::instance_record&) -> refhost::run_result {
            throw refhost::failure(HS_E_TRANSIENT, "réseau indisponible");
        },
        [] { return -1.0; });
    const auto record = *db->with_session([](Poco::Data::Session& s) { return refhost::instances::get(s, "beta"); });
    const auto result = scheduler.run_now(record);
    BOOST_TEST(!result.ok);
    BOOST_TEST(result.outcome == "transient");
    const auto beta = state("beta");
    BOOST_TEST(!beta.running);
    BOOST_TEST(beta.last_outcome == "transient");
    BOOST_TEST(beta.last_message == "réseau indisponible");
    BOOST_TEST(beta.next_run_ms == time.now_ms() + 540'000);
}

BOOST_AUTO_TEST_SUITE_END()
