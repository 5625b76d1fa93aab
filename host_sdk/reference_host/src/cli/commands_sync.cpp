// Synchronisation: one run now, or the scheduler.
#include "cli/commands.hpp"
#include "cli/render.hpp"
#include "cli/stop_signal.hpp"

#include "refhost/clock.hpp"
#include "refhost/database.hpp"
#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/instances.hpp"
#include "refhost/logger.hpp"
#include "refhost/plugin_catalog.hpp"
#include "refhost/progress.hpp"
#include "refhost/scheduler.hpp"
#include "refhost/time_format.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <ostream>
#include <thread>

namespace refhost::cli {

namespace {

run_result result_of(const boost::json::value& report) {
    const auto state = text_at(report, "state");
    run_result result;
    result.outcome = state.empty() ? "ok" : state;
    result.ok = result.outcome == "ok";
    result.message = text_at(report, "message");
    return result;
}

// Cancels `handle` when a stop is requested while `busy` is set; joined on destruction.
class cancel_on_signal {
public:
    explicit cancel_on_signal(const host_sdk::provider_handle& handle) : handle_(handle), watcher_([this] { watch(); }) {}
    cancel_on_signal(const cancel_on_signal&) = delete;
    cancel_on_signal& operator=(const cancel_on_signal&) = delete;
    ~cancel_on_signal() {
        done_ = true;
        watcher_.join();
    }

private:
    void watch() {
        bool cancelled = false;
        while (!done_) {
            if (!cancelled && stop_signal::requested()) {
                handle_.cancel();
                cancelled = true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }

    const host_sdk::provider_handle& handle_;
    std::atomic<bool> done_{false};
    std::thread watcher_;
};

} // namespace

int cmd_sync_now(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {});
    expect_positionals(parsed, 1, "ID");
    const auto instance = context.open(parsed.positionals[0]);
    const auto call = context.user_call("sync", instance->record().instance_id);
    std::string answer;
    std::optional<host_sdk::error> provider_error;
    scheduler runs(context.db(), context.time(),
                   [&](const instance_record&) {
                       try {
                           answer = instance->handle().sync(call, R"({"trigger":"manual"})");
                       } catch (const host_sdk::error& e) {
                           provider_error = e;
                           throw;
                       }
                       return result_of(parse_answer(answer, "sync"));
                   },
                   uniform_jitter());
    stop_signal::install();
    run_result result;
    {
        cancel_on_signal watcher(instance->handle());
        result = runs.run_now(instance->record());
    }
    context.progress().finish();
    if (provider_error) throw *provider_error;
    if (answer.empty()) throw failure(HS_E_INTERNAL, result.message);
    const auto report = parse_answer(answer, "sync");
    if (context.json()) {
        print_json(context.out(), report);
    } else {
        print_run_report(context.out(), report);
    }
    return result.ok ? 0 : 1;
}

int cmd_scheduler_run(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {{"--once", false, false}, {"--for", true, false}});
    expect_positionals(parsed, 0, "");
    std::optional<std::int64_t> for_ms;
    if (const auto seconds = parsed.value("--for")) {
        const auto value = parse_integer(*seconds, "--for");
        if (value < 1) throw usage_error(tr("--for : au moins 1 seconde", "--for: at least 1 second"));
        for_ms = value * 1000;
    }
    const bool once = parsed.has("--once");
    auto& catalog = context.catalog();
    auto& out = context.out();
    std::mutex output_mutex;
    std::mutex open_mutex;
    std::map<std::string, std::unique_ptr<open_instance>> opened;
    std::atomic<bool> any_failed{false};

    const auto print_line = [&](const std::string& line) {
        std::lock_guard<std::mutex> guard(output_mutex);
        context.progress().finish();
        out << "[" << iso_utc(context.time().now_ms()) << "] " << line << '\n' << std::flush;
    };

    const auto runner = [&](const instance_record& record) -> run_result {
        try {
            open_instance* instance = nullptr;
            {
                std::lock_guard<std::mutex> guard(open_mutex);
                auto& slot = opened[record.instance_id];
                if (!slot) slot = catalog.open(record);
                instance = slot.get();
            }
            host_sdk::call_context call;
            call.user_id = ""; // the scheduler acts on no user's behalf
            call.locale = locale_code();
            call.operation_id = "sync:" + record.instance_id + ":" + std::to_string(context.time().now_ms());
            const auto answer = instance->handle().sync(call, R"({"trigger":"scheduler"})");
            const auto report = parse_answer(answer, "sync");
            const auto result = result_of(report);
            if (!result.ok) any_failed = true;
            if (context.json()) {
                std::lock_guard<std::mutex> guard(output_mutex);
                out << boost::json::serialize(report) << '\n' << std::flush;
            } else {
                print_line(run_report_line(record.instance_id, report));
            }
            return result;
        } catch (const std::exception& e) {
            any_failed = true;
            if (context.json()) {
                std::lock_guard<std::mutex> guard(output_mutex);
                out << boost::json::serialize(boost::json::object{{"instance_id", record.instance_id},
                                                                  {"error", e.what()}})
                    << '\n'
                    << std::flush;
            } else {
                print_line(record.instance_id + tr(" : échec — ", " : failed — ") + e.what());
            }
            throw;
        }
    };

    scheduler runs(context.db(), context.time(), runner, uniform_jitter());
    thread_executor executor;
    const auto execute = [&](std::function<void()> task) { executor(std::move(task)); };
    stop_signal::install();
    context.log().log(log_level::info, "scheduler", "started",
                      boost::json::object{{"owner", runs.owner()}, {"once", once}});

    if (once) {
        const auto started = runs.start_due(execute);
        if (started.empty() && !context.json())
            out << tr("Aucune instance à synchroniser maintenant.", "No instance due now.") << '\n';
        while (!runs.wait_idle(real_now_ms() + 200)) {
            if (stop_signal::requested()) {
                std::lock_guard<std::mutex> guard(open_mutex);
                for (const auto& entry : opened) entry.second->handle().cancel();
            }
        }
        executor.join_all();
        return any_failed ? 1 : 0;
    }

    const auto start = real_now_ms();
    if (!context.json()) {
        std::lock_guard<std::mutex> guard(output_mutex);
        out << tr("Planificateur démarré", "Scheduler started")
            << (for_ms ? tr(" pour ", " for ") + std::to_string(*for_ms / 1000) + " s" : std::string())
            << tr(" (Ctrl-C pour arrêter).", " (Ctrl-C to stop).") << '\n' << std::flush;
    }
    while (!stop_signal::requested() && (!for_ms || real_now_ms() - start < *for_ms)) {
        runs.start_due(execute);
        // Wake up for the next due run, but at least every second to notice a stop or a new instance.
        std::int64_t wait = 1000;
        if (const auto next = runs.earliest_next_run()) wait = std::clamp<std::int64_t>(*next - context.time().now_ms(), 100, 1000);
        if (for_ms) wait = std::clamp<std::int64_t>(start + *for_ms - real_now_ms(), 0, wait);
        runs.wait_for_change(wait);
    }
    // Stopping: no new run; the running ones are asked to cancel and are waited for.
    {
        std::lock_guard<std::mutex> guard(open_mutex);
        for (const auto& id : runs.running_ids()) {
            const auto found = opened.find(id);
            if (found != opened.end() && found->second) found->second->handle().cancel();
        }
    }
    runs.wait_idle();
    executor.join_all();
    context.log().log(log_level::info, "scheduler", "stopped", boost::json::object{{"owner", runs.owner()}});
    if (!context.json()) out << tr("Planificateur arrêté.", "Scheduler stopped.") << '\n';
    return 0;
}

} // namespace refhost::cli
