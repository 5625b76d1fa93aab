#include "refhost/scheduler.hpp"

#include "refhost/clock.hpp"
#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/schedule_state.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace refhost {

std::int64_t next_run_after(std::int64_t started_ms, std::int64_t finished_ms, std::int64_t interval_seconds,
                            double unit_jitter) {
    const double u = std::clamp(unit_jitter, -1.0, 1.0);
    const double interval_ms = static_cast<double>(std::max<std::int64_t>(interval_seconds, 1)) * 1000.0;
    const auto delay = static_cast<std::int64_t>(std::llround(interval_ms * (1.0 + jitter_fraction * u)));
    const std::int64_t from_start = started_ms + delay;
    return from_start > finished_ms ? from_start : finished_ms + delay;
}

jitter_source uniform_jitter(std::optional<std::uint64_t> seed) {
    auto generator = std::make_shared<std::mt19937_64>(seed ? *seed : std::random_device{}());
    auto mutex = std::make_shared<std::mutex>();
    return [generator, mutex] {
        std::lock_guard<std::mutex> guard(*mutex);
        return std::uniform_real_distribution<double>(-1.0, 1.0)(*generator);
    };
}

scheduler::scheduler(database& db, const clock& time, runner run, jitter_source jitter, std::string owner)
    : db_(db), clock_(time), run_(std::move(run)), jitter_(std::move(jitter)),
      owner_(owner.empty() ? schedule::new_owner_name() : std::move(owner)) {}

run_result scheduler::guarded_run(const instance_record& instance) {
    try {
        return run_(instance);
    } catch (const failure& e) {
        return run_result{false, std::string(host_sdk::status_name(e.status())), e.what()};
    } catch (const std::exception& e) {
        return run_result{false, "internal", e.what()};
    } catch (...) {
        return run_result{false, "internal", "unknown exception"};
    }
}

void scheduler::finish(const instance_record& instance, std::int64_t started_ms, const run_result& result) {
    const auto finished = clock_.now_ms();
    const auto next = next_run_after(started_ms, finished, instance.interval_seconds, jitter_());
    db_.with_session([&](Poco::Data::Session& session) {
        schedule::release(session, instance.instance_id, owner_, started_ms, finished, result.outcome, result.message,
                          next);
    });
    {
        std::lock_guard<std::mutex> guard(mutex_);
        active_.erase(instance.instance_id);
    }
    changed_.notify_all();
}

std::vector<std::string> scheduler::start_due(const executor& execute) {
    const auto now = clock_.now_ms();
    struct claimed {
        instance_record instance;
        std::int64_t started_ms;
    };
    std::vector<claimed> to_start;
    db_.with_session([&](Poco::Data::Session& session) {
        schedule::recover_abandoned(session, schedule::owner_process_alive);
        for (const auto& instance : instances::list(session)) {
            if (!instance.enabled) continue;
            const auto state = schedule::get(session, instance.instance_id);
            if (state && (state->running || state->next_run_ms > now)) continue;
            {
                std::lock_guard<std::mutex> guard(mutex_);
                if (active_.count(instance.instance_id) != 0) continue;
            }
            if (!schedule::try_claim(session, instance.instance_id, owner_, now)) continue;
            {
                std::lock_guard<std::mutex> guard(mutex_);
                active_.insert(instance.instance_id);
            }
            to_start.push_back(claimed{instance, now});
        }
    });
    std::vector<std::string> started;
    for (auto& item : to_start) {
        started.push_back(item.instance.instance_id);
        execute([this, item] {
            const auto result = guarded_run(item.instance);
            finish(item.instance, item.started_ms, result);
        });
    }
    return started;
}

run_result scheduler::run_now(const instance_record& instance) {
    const auto started = clock_.now_ms();
    const bool claimed = db_.with_session([&](Poco::Data::Session& session) {
        schedule::recover_abandoned(session, schedule::owner_process_alive);
        return schedule::try_claim(session, instance.instance_id, owner_, started);
    });
    if (!claimed) {
        throw failure(HS_E_CONFLICT, tr("une synchronisation de « ", "a sync of \"") + instance.instance_id +
                                         tr(" » est déjà en cours", "\" is already running"));
    }
    {
        std::lock_guard<std::mutex> guard(mutex_);
        active_.insert(instance.instance_id);
    }
    const auto result = guarded_run(instance);
    finish(instance, started, result);
    return result;
}

std::optional<std::int64_t> scheduler::earliest_next_run() {
    return db_.with_session([&](Poco::Data::Session& session) {
        std::optional<std::int64_t> earliest;
        for (const auto& instance : instances::list(session)) {
            if (!instance.enabled) continue;
            const auto state = schedule::get(session, instance.instance_id);
            if (state && state->running) continue;
            const std::int64_t next = state ? state->next_run_ms : 0;
            if (!earliest || next < *earliest) earliest = next;
        }
        return earliest;
    });
}

std::size_t scheduler::active() const {
    std::lock_guard<std::mutex> guard(mutex_);
    return active_.size();
}

std::vector<std::string> scheduler::running_ids() const {
    std::lock_guard<std::mutex> guard(mutex_);
    return {active_.begin(), active_.end()};
}

bool scheduler::wait_idle(std::optional<std::int64_t> deadline_real_ms) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!active_.empty()) {
        if (!deadline_real_ms) {
            changed_.wait(lock);
            continue;
        }
        const auto left = *deadline_real_ms - real_now_ms();
        if (left <= 0) return false;
        changed_.wait_for(lock, std::chrono::milliseconds(left));
    }
    return true;
}

void scheduler::wait_for_change(std::int64_t timeout_ms) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, std::chrono::milliseconds(std::max<std::int64_t>(timeout_ms, 0)));
}

thread_executor::~thread_executor() { join_all(); }

void thread_executor::operator()(std::function<void()> task) {
    std::lock_guard<std::mutex> guard(mutex_);
    // Join the threads that are done, so that a long-running scheduler does not accumulate them.
    for (auto it = workers_.begin(); it != workers_.end();) {
        if (it->done->load()) {
            it->thread.join();
            it = workers_.erase(it);
        } else {
            ++it;
        }
    }
    auto done = std::make_shared<std::atomic<bool>>(false);
    std::thread thread([task = std::move(task), done] {
        task();
        done->store(true);
    });
    workers_.push_back(worker{std::move(thread), std::move(done)});
}

void thread_executor::join_all() {
    std::vector<worker> workers;
    {
        std::lock_guard<std::mutex> guard(mutex_);
        workers.swap(workers_);
    }
    for (auto& item : workers)
        if (item.thread.joinable()) item.thread.join();
}

} // namespace refhost
