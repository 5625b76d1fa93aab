#pragma once
// Triggers each enabled instance's sync at its interval, with ±10 % jitter so that many hosts (or many
// instances) do not hit the remote service in step, and never two runs of one instance at a time.
//
// The policy (what is due, when the next run is) is separated from time and threads: the clock, the
// jitter and the executor are injected, so tests drive it without sleeping.

#include "refhost/database.hpp"
#include "refhost/instances.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace refhost {

class clock;

/// The share of the interval the next run may move by, each way.
inline constexpr double jitter_fraction = 0.10;

/// When to run next after a run that started at `started_ms` and finished at `finished_ms`:
/// started + interval·(1 + 0.1·u) with u ∈ [-1, 1]; if that instant has already passed when the run ends,
/// missed slots are skipped: finished + interval·(1 + 0.1·u).
[[nodiscard]] std::int64_t next_run_after(std::int64_t started_ms, std::int64_t finished_ms,
                                          std::int64_t interval_seconds, double unit_jitter);

/// A source of u ∈ [-1, 1].
using jitter_source = std::function<double()>;
/// Uniform u from a seeded generator (random_device by default).
[[nodiscard]] jitter_source uniform_jitter(std::optional<std::uint64_t> seed = std::nullopt);

struct run_result {
    bool ok = true;
    std::string outcome = "ok"; ///< the provider's state, or the status name of a failure
    std::string message;
};

class scheduler {
public:
    using runner = std::function<run_result(const instance_record&)>;
    /// Runs a task: on a new thread in the host, inline or queued in tests.
    using executor = std::function<void(std::function<void()>)>;

    scheduler(database& db, const clock& time, runner run, jitter_source jitter,
              std::string owner = std::string());

    /// Claims and hands to `execute` every enabled instance that is due and not running. Returns the ids
    /// started. A claim is a database flag: another process cannot start the same instance meanwhile.
    std::vector<std::string> start_due(const executor& execute);

    /// Runs one instance now, in the calling thread (a manual sync). Throws failure(HS_E_CONFLICT) when a
    /// run of it is in progress anywhere.
    run_result run_now(const instance_record& instance);

    /// The earliest next run among enabled instances not running (std::nullopt: none).
    [[nodiscard]] std::optional<std::int64_t> earliest_next_run();

    /// Number of runs started by this scheduler and not finished yet.
    [[nodiscard]] std::size_t active() const;
    /// Blocks until no run started by this scheduler is active, or until `deadline_real_ms` (real time).
    bool wait_idle(std::optional<std::int64_t> deadline_real_ms = std::nullopt);
    /// Blocks until a run finishes or `timeout_ms` passes (the host loop's sleep).
    void wait_for_change(std::int64_t timeout_ms);
    /// Ids running in this scheduler now.
    [[nodiscard]] std::vector<std::string> running_ids() const;

    [[nodiscard]] const std::string& owner() const noexcept { return owner_; }

private:
    void finish(const instance_record& instance, std::int64_t started_ms, const run_result& result);
    run_result guarded_run(const instance_record& instance);

    database& db_;
    const clock& clock_;
    runner run_;
    jitter_source jitter_;
    std::string owner_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::set<std::string> active_;
};

/// Runs tasks each on its own thread; joins finished threads as new tasks come, and all of them on
/// destruction.
class thread_executor {
public:
    thread_executor() = default;
    thread_executor(const thread_executor&) = delete;
    thread_executor& operator=(const thread_executor&) = delete;
    ~thread_executor();
    void operator()(std::function<void()> task);
    void join_all();

private:
    struct worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };
    std::mutex mutex_;
    std::vector<worker> workers_;
};

} // namespace refhost
