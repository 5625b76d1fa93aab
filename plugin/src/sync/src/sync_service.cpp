#include "sync/sync_service.hpp"

#include "sync/deliverer.hpp"
#include "sync/lease_guard.hpp"
#include "sync/messages.hpp"
#include "sync/new_pieces.hpp"
#include "sync/piece_importer.hpp"
#include "sync/progress_reporter.hpp"
#include "sync/recovery_pass.hpp"
#include "sync/run_context.hpp"
#include "sync/run_history.hpp"
#include "sync/state_mapping.hpp"

#include "jedeclare/wire_error.hpp"
#include "store/error.hpp"
#include "store/maintenance.hpp"

#include <host_sdk/error.hpp>

#include <boost/json.hpp>

#include <chrono>

namespace jd::sync {

namespace json = boost::json;

namespace {

std::int64_t elapsed_ms(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - since).count();
}

// What the remote side did to this run: the worst state seen and the sentence that goes with it.
struct remote_health {
    store::health_state state = store::health_state::ok;
    std::string message;
    bool blocked = false; // nothing more can be asked of JeDéclare in this run

    void note(const jedeclare::wire_error& error, std::string_view locale, const std::string& extra = {}) {
        const auto seen = health_of(error.kind());
        if (message.empty() || severity_rank(seen) > severity_rank(state)) {
            message = error.message(locale);
            if (!extra.empty()) message += " " + extra;
        }
        state = worse(state, seen);
    }
};

} // namespace

sync_service::sync_service(host_sdk::host services, store::instance_store& store, jedeclare::client& client,
                           sync_options options)
    : services_(services), store_(store), client_(client), options_(std::move(options)) {}

sync_service::~sync_service() {
    cancel();
    // A run still going in another thread holds the mutex: wait for it to leave before the members go.
    std::lock_guard<std::mutex> wait(run_mutex_);
}

void sync_service::cancel() noexcept {
    if (!running_.load()) return;
    cancel_.request();
    client_.cancel();
}

run_report sync_service::run(const host_sdk::call_context& call, trigger why) {
    run_report report;
    report.instance_id = store_.instance_id();
    report.triggered_by = why;
    report.user_id = call.user_id;
    report.started_at = services_.now_ms();

    std::unique_lock<std::mutex> lock(run_mutex_, std::try_to_lock);
    if (!lock.owns_lock()) {
        report.outcome = run_outcome::already_running;
        report.message = already_running_message(call.english() ? "this process" : "ce processus", 0, call.locale);
        report.finished_at = services_.now_ms();
        return report;
    }
    running_ = true;
    cancel_.reset();
    client_.resume();
    try {
        execute(report, call);
    } catch (...) {
        running_ = false;
        client_.resume();
        throw;
    }
    running_ = false;
    client_.resume();
    return report;
}

void sync_service::execute(run_report& report, const host_sdk::call_context& call) {
    const std::string& locale = call.locale;
    progress_reporter progress(services_, call.operation_id, options_.progress_interval);
    progress.phase("lease");
    const auto lease_started = std::chrono::steady_clock::now();

    lease_guard lease(store_.db(), store_.lease(), options_.lease_ttl_ms);
    if (!lease.acquire()) {
        const auto& blocker = lease.blocker();
        report.outcome = run_outcome::already_running;
        report.message = already_running_message(blocker ? blocker->holder : std::string("?"),
                                                 blocker ? blocker->acquired_at : 0, locale);
        report.finished_at = services_.now_ms();
        services_.log(HS_LOG_INFO, "sync", "already_running",
                      {{"instance_id", store_.instance_id()}, {"holder", blocker ? blocker->holder : ""}});
        progress.phase("done");
        return;
    }

    report.run_id = store_.runs().begin(report.triggered_by, call.user_id, report.started_at);
    if (report.triggered_by == trigger::manual) {
        store::audit_event event;
        event.at = report.started_at;
        event.actor = call.user_id;
        event.action = "sync.manual";
        event.subject = "run:" + std::to_string(report.run_id);
        event.details = json::serialize(json::object{{"run_id", report.run_id}});
        store_.audit().append(event);
    }
    report.durations_ms["lease"] = elapsed_ms(lease_started);

    run_context run{services_, store_, client_, options_, cancel_, lease, progress, report, locale, {}};
    const auto plan_started = std::chrono::steady_clock::now();
    const auto plan = plan_recovery(store_.runs(), report.run_id, store::now_ms(), options_);
    report.durations_ms["plan"] = elapsed_ms(plan_started);
    report.last_recovery_at = plan.last_recovery_at;
    run.log(HS_LOG_INFO, "run_started",
            {{"trigger", store::to_string(report.triggered_by)},
             {"recovery", plan.needed ? plan.reason : std::string("not_needed")}});

    remote_health remote;
    delivery_summary delivery;
    std::string ending_message; // set when the run ends early for a reason of its own
    bool record_state = true;

    try {
        // 1. New pieces: list (statut 00), note, download, store raw.
        try {
            const auto pass = fetch_new_pieces(run);
            if (pass.cancelled) throw run_cancelled();
            if (pass.failed > pass.skipped) report.recovery_needed = true;
            if (pass.stop_error) {
                remote.note(*pass.stop_error, locale,
                            is_transient(pass.stop_error->kind())
                                ? stopped_downloads_message(
                                      static_cast<std::int64_t>(options_.max_consecutive_download_failures), locale)
                                : std::string());
                remote.blocked = !is_transient(pass.stop_error->kind());
            } else if (pass.last_failure) {
                // Some downloads failed after the client's retries: they wait for the next run, and the admin
                // sees why (a run that leaves pieces behind is not "ok").
                remote.note(*pass.last_failure, locale);
            }
        } catch (const jedeclare::wire_error& error) {
            if (error.kind() == jedeclare::error_kind::cancelled) throw run_cancelled();
            report.count_error(std::string(jedeclare::to_string(error.kind())));
            remote.note(error, locale);
            remote.blocked = true;
            run.log(HS_LOG_WARNING, "list_failed",
                    {{"kind", jedeclare::to_string(error.kind())}, {"detail", error.detail()}});
        }
        run.step();

        // 2. Recovery pass: pieces consumed but never stored.
        if (plan.needed) {
            if (remote.blocked) {
                report.recovery_needed = true;
            } else {
                try {
                    const auto recovery = run_recovery_pass(run, plan);
                    if (recovery.pass.cancelled) throw run_cancelled();
                    report.recovery_ran = true;
                    if (recovery.complete) {
                        report.last_recovery_at = recovery.started_at;
                    } else {
                        report.recovery_needed = true;
                    }
                    if (recovery.pass.stop_error) {
                        remote.note(*recovery.pass.stop_error, locale);
                    } else if (recovery.pass.last_failure) {
                        remote.note(*recovery.pass.last_failure, locale);
                    }
                } catch (const jedeclare::wire_error& error) {
                    if (error.kind() == jedeclare::error_kind::cancelled) throw run_cancelled();
                    report.count_error(std::string(jedeclare::to_string(error.kind())));
                    report.recovery_needed = true;
                    remote.note(error, locale);
                    run.log(HS_LOG_WARNING, "recovery_failed",
                            {{"kind", jedeclare::to_string(error.kind())}, {"detail", error.detail()}});
                }
            }
        }
        run.step();

        // 3. Parse the stored pieces and insert their movements (local: runs whatever the remote side did).
        piece_importer importer(run);
        importer.import_all();
        run.step();

        // 4. Deliver pending movements to the host.
        delivery = deliver_pending(run, report.started_at);
        report.outcome = remote.state == store::health_state::ok ? run_outcome::completed : run_outcome::failed;
    } catch (const run_cancelled&) {
        report.outcome = run_outcome::cancelled;
        report.recovery_needed = true; // downloads may have been cut short
        ending_message = cancelled_message(locale);
        record_state = false;
    } catch (const lease_lost&) {
        report.outcome = run_outcome::failed;
        report.recovery_needed = true;
        report.count_error("lease_lost");
        ending_message = lease_lost_message(locale);
        record_state = false;
    } catch (const jedeclare::wire_error& error) {
        // Only a cancel reaches here (other remote failures are handled where they happen).
        if (error.kind() == jedeclare::error_kind::cancelled) {
            report.outcome = run_outcome::cancelled;
            ending_message = cancelled_message(locale);
            record_state = false;
        } else {
            report.outcome = run_outcome::failed;
            report.count_error(std::string(jedeclare::to_string(error.kind())));
            remote.note(error, locale);
        }
        report.recovery_needed = true;
    } catch (const store::store_error& error) {
        report.outcome = run_outcome::failed;
        report.recovery_needed = true;
        report.count_error("store_" + std::string(store::to_string(error.code())));
        ending_message = store_failure_message(error.what(), locale);
        run.log(HS_LOG_ERROR, "store_failed", {{"code", store::to_string(error.code())}, {"detail", error.what()}});
    } catch (const std::exception& error) {
        report.outcome = run_outcome::failed;
        report.recovery_needed = true;
        report.count_error("internal");
        ending_message = store_failure_message(error.what(), locale);
        run.log(HS_LOG_ERROR, "run_failed", {{"detail", error.what()}});
    }

    // The end: totals, state, message, run record. A store that fails here leaves the run unfinished in the
    // history, which only makes the next run run the recovery pass.
    progress.phase("finish");
    const auto finish_started = std::chrono::steady_clock::now();
    std::vector<std::string> unreadable;
    std::int64_t unreadable_total = 0;
    store::health_state state = remote.state;
    try {
        const bool changed = report.movements.inserted > 0 || report.movements.delivered > 0 ||
                             report.pieces.downloaded > 0;
        std::optional<run_report> previous;
        if (!changed) {
            if (const auto last = store_.runs().last_finished(); last && !last->report_json.empty())
                previous = run_report_from_json(last->report_json);
        }
        if (previous) {
            report.movements.quarantined_total = previous->movements.quarantined_total;
            report.movements.pending_left = previous->movements.pending_left - report.movements.delivered;
            if (report.movements.pending_left < 0) report.movements.pending_left = 0;
        } else {
            // From the pending and quarantined rows only (both indexed apart): counting every state would
            // read the whole history of delivered movements.
            std::int64_t quarantined = 0, pending = 0;
            for (const auto& group : store_.movements().quarantine_summary()) quarantined += group.count;
            for (const auto& backlog : store_.movements().pending_routes()) pending += backlog.pending;
            report.movements.quarantined_total = quarantined;
            report.movements.pending_left = pending;
        }
        const auto failed_pieces = store_.pieces().list(store::parse_state::failed, 1000);
        unreadable_total = static_cast<std::int64_t>(failed_pieces.size());
        for (std::size_t i = 0; i < failed_pieces.size() && i < 5; ++i) unreadable.push_back(failed_pieces[i].numero);
    } catch (const std::exception& error) {
        run.log(HS_LOG_WARNING, "totals_failed", {{"detail", error.what()}});
    }

    if (unreadable_total > 0) state = worse(state, store::health_state::piece_illisible);
    if (!record_state) {
        if (const auto current = store_.states().instance()) state = current->state;
    }
    report.state = state;
    if (!ending_message.empty()) {
        report.message = ending_message;
    } else if (remote.state != store::health_state::ok) {
        report.message = remote.message;
    } else if (unreadable_total > 0) {
        report.message = unreadable_pieces_message(unreadable, unreadable_total, locale);
    } else {
        report.message = success_message(report.movements.delivered, report.movements.quarantined_total, locale);
    }
    if (!delivery.first_problem.empty()) report.message += " " + delivery.first_problem;

    report.durations_ms["finish"] = elapsed_ms(finish_started);
    if (options_.maintenance_after_movements > 0 &&
        report.movements.inserted + report.movements.delivered >= options_.maintenance_after_movements) {
        const auto maintenance_started = std::chrono::steady_clock::now();
        try {
            store::run_maintenance(store_.db());
        } catch (const std::exception& error) {
            run.log(HS_LOG_WARNING, "maintenance_failed", {{"detail", error.what()}});
        }
        report.durations_ms["maintenance"] = elapsed_ms(maintenance_started);
    }
    report.finished_at = services_.now_ms();
    try {
        store_.runs().finish(report.run_id, report.finished_at, state, json::serialize(to_json(report)));
        if (record_state) store_.states().record_instance_run(state, report.message, report.finished_at);
        if (options_.runs_kept > 0 && report.run_id % 50 == 0) store_.runs().prune(options_.runs_kept);
    } catch (const std::exception& error) {
        run.log(HS_LOG_ERROR, "run_record_failed", {{"detail", error.what()}});
    }
    lease.release();
    progress.phase("done");
    run.log(report.outcome == run_outcome::completed && state == store::health_state::ok ? HS_LOG_INFO : HS_LOG_WARNING,
            "run_finished",
            {{"outcome", to_string(report.outcome)},
             {"state", store::to_string(state)},
             {"pieces_downloaded", report.pieces.downloaded},
             {"movements_delivered", report.movements.delivered},
             {"duration_ms", report.finished_at - report.started_at}});
}

json::value sync_service::sync_operation(const host_sdk::call_context& call, const json::value& input) {
    const auto why = parse_trigger(input, call);
    if (!call.user_id.empty()) require_admin_rights(services_, call);
    const auto report = run(call, why);
    if (report.outcome == run_outcome::cancelled) throw host_sdk::error(HS_E_CANCELLED, report.message);
    return to_json(report);
}

std::int64_t sync_service::requeue_failed_pieces(const std::optional<std::string>& numero) {
    std::unique_lock<std::mutex> lock(run_mutex_, std::try_to_lock);
    if (!lock.owns_lock())
        throw store::store_error(store::error_code::usage, "a sync run is in progress; requeue after it");
    auto& pieces = store_.pieces();
    std::int64_t count = 0;
    if (numero) {
        const auto info = pieces.info(*numero);
        if (info && info->state == store::parse_state::failed) {
            pieces.mark_pending(*numero);
            ++count;
        }
        return count;
    }
    for (const auto& info : pieces.list(store::parse_state::failed, std::size_t{1} << 30)) {
        pieces.mark_pending(info.numero);
        ++count;
    }
    return count;
}

void require_admin_rights(const host_sdk::host& services, const host_sdk::call_context& call) {
    const bool allowed = !call.user_id.empty() &&
                         services.has_right(call.user_id, HS_RIGHT_PLATFORM_CONFIGURATION) &&
                         services.has_right(call.user_id, HS_RIGHT_PLATFORM_ADMINISTRATION);
    if (!allowed) throw host_sdk::error(HS_E_PERMISSION_DENIED, permission_denied_message(call.locale));
}

trigger parse_trigger(const json::value& input, const host_sdk::call_context& call) {
    if (input.is_null()) return call.user_id.empty() ? trigger::scheduler : trigger::manual;
    if (!input.is_object())
        throw host_sdk::error(HS_E_INVALID_ARGUMENT,
                              call.pick("sync : un objet JSON est attendu", "sync: a JSON object is expected"));
    const auto* value = input.get_object().if_contains("trigger");
    if (value == nullptr) return call.user_id.empty() ? trigger::scheduler : trigger::manual;
    if (value->is_string()) {
        if (value->get_string() == "scheduler") return trigger::scheduler;
        if (value->get_string() == "manual") return trigger::manual;
    }
    throw host_sdk::error(HS_E_INVALID_ARGUMENT, call.pick("sync : « trigger » vaut « scheduler » ou « manual »",
                                                           "sync: \"trigger\" is \"scheduler\" or \"manual\""));
}

json::value status_operation(const host_sdk::host& services, store::instance_store& store,
                             const host_sdk::call_context& call, const json::value&, bool configured) {
    require_admin_rights(services, call);
    status_options options;
    options.configured = configured;
    return build_status(services, store, call.locale, options);
}

json::value unconfigured_sync_operation(const host_sdk::host& services, store::instance_store& store,
                                        const host_sdk::call_context& call, const json::value& input) {
    const auto why = parse_trigger(input, call);
    if (!call.user_id.empty()) require_admin_rights(services, call);
    run_report report;
    report.instance_id = store.instance_id();
    report.triggered_by = why;
    report.user_id = call.user_id;
    report.started_at = services.now_ms();
    report.outcome = run_outcome::failed;
    report.state = store::health_state::non_configure;
    report.message = not_configured_message(call.locale);
    report.count_error("non_configure");
    report.finished_at = services.now_ms();
    store.states().record_instance_run(report.state, report.message, report.finished_at);
    return to_json(report);
}

} // namespace jd::sync
