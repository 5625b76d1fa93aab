#include "sync/deliverer.hpp"

#include "sync/messages.hpp"

#include <host_sdk/error.hpp>

#include <chrono>
#include <vector>

namespace jd::sync {

namespace {

// A refusal about this delivery's content or target: the route waits, the others go on.
bool refuses_route(hs_status status) noexcept {
    return status == HS_E_NOT_FOUND || status == HS_E_INVALID_ARGUMENT || status == HS_E_PERMISSION_DENIED ||
           status == HS_E_CONFLICT || status == HS_E_REMOTE_REFUSED;
}

// Microseconds since `since`, which moves to now.
std::int64_t lap(std::chrono::steady_clock::time_point& since) {
    const auto now = std::chrono::steady_clock::now();
    const auto ms = std::chrono::duration_cast<std::chrono::microseconds>(now - since).count();
    since = now;
    return ms;
}

hs_movement_v1 view_of(const store::stored_movement& stored) noexcept {
    const auto& m = stored.data;
    hs_movement_v1 view{};
    view.header.struct_size = sizeof(hs_movement_v1);
    view.header.abi_major = HS_ABI_MAJOR;
    view.header.abi_minor = HS_ABI_MINOR;
    view.idempotency_key = m.identity.c_str();
    view.booking_date = m.booking_date.c_str();
    view.value_date = m.value_date.c_str();
    view.amount_minor = m.amount_minor;
    view.decimals = m.decimals;
    view.currency = m.currency.c_str();
    view.label = m.label.c_str();
    view.details = m.details.c_str();
    view.reference = m.reference.c_str();
    view.operation_code = m.operation_code.c_str();
    view.entry_number = m.entry_number.c_str();
    return view;
}

} // namespace

delivery_summary deliver_pending(run_context& run, store::epoch_ms run_started_at) {
    const auto started = std::chrono::steady_clock::now();
    delivery_summary summary;
    auto& movements = run.store.movements();
    const auto routes = movements.pending_routes();
    std::uint64_t total = 0;
    for (const auto& backlog : routes) total += static_cast<std::uint64_t>(backlog.pending);
    run.progress.phase("deliver", total);

    const std::size_t batch_size = run.options.delivery_batch_size == 0 ? 1000 : run.options.delivery_batch_size;
    std::vector<hs_movement_v1> views;
    std::vector<store::delivery_ack> acks;
    // Where the time goes (run report): reading batches, the host's sink, recording acknowledgements.
    std::int64_t select_us = 0, host_us = 0, mark_us = 0;

    for (const auto& backlog : routes) {
        if (summary.stopped) break;
        ++summary.routes;
        const auto& route = backlog.route;
        for (;;) {
            run.step();
            auto clock = std::chrono::steady_clock::now();
            const auto batch = movements.next_batch(route, batch_size);
            select_us += lap(clock);
            if (batch.empty()) break;
            views.clear();
            for (const auto& stored : batch) views.push_back(view_of(stored));

            std::vector<std::uint8_t> outcomes;
            try {
                outcomes = run.services.deliver(route.company_id, route.bank_account_id, run.store.instance_id(),
                                                std::span<const hs_movement_v1>(views));
                host_us += lap(clock);
            } catch (const host_sdk::error& error) {
                const std::string type = "host_" + std::string(host_sdk::status_name(error.status()));
                run.report.count_error(type);
                if (summary.first_problem.empty())
                    summary.first_problem =
                        host_refused_message(route.company_id, route.bank_account_id, error.what(), run.locale);
                run.log(HS_LOG_ERROR, "delivery_refused",
                        {{"company_id", route.company_id},
                         {"bank_account_id", route.bank_account_id},
                         {"status", host_sdk::status_name(error.status())},
                         {"detail", error.what()}});
                if (refuses_route(error.status())) {
                    ++summary.refused_routes;
                } else {
                    summary.stopped = true;
                }
                break;
            }
            run.checkpoint("batch_delivered");

            acks.clear();
            std::int64_t unacknowledged = 0;
            for (std::size_t i = 0; i < batch.size(); ++i) {
                const auto outcome = i < outcomes.size() ? outcomes[i] : 0;
                if (outcome == HS_MOVEMENT_STORED) {
                    acks.push_back({batch[i].id, store::delivery_outcome::stored});
                } else if (outcome == HS_MOVEMENT_ALREADY_STORED) {
                    acks.push_back({batch[i].id, store::delivery_outcome::already_stored});
                    ++summary.already_stored;
                } else {
                    ++unacknowledged;
                    continue;
                }
                if (batch[i].stored_at < run_started_at) ++summary.released;
            }
            const auto marked = movements.mark_delivered(route, acks, run.now());
            mark_us += lap(clock);
            summary.delivered += marked;
            run.progress.advance(static_cast<std::uint64_t>(marked));
            run.checkpoint("batch_marked");
            if (unacknowledged > 0) {
                // The host answered without a verdict for some movements: they stay pending for the next run.
                run.report.count_error("host_unacknowledged", unacknowledged);
                break;
            }
            if (marked == 0) break; // nothing moved (re-routed meanwhile): do not ask for the same batch again
            if (batch.size() < batch_size) break;
        }
    }

    run.report.movements.delivered += summary.delivered;
    run.report.movements.host_already_stored += summary.already_stored;
    run.report.movements.released += summary.released;
    run.progress.complete();
    run.report.durations_ms["deliver_read"] += select_us / 1000;
    run.report.durations_ms["deliver_host"] += host_us / 1000;
    run.report.durations_ms["deliver_mark"] += mark_us / 1000;
    run.report.durations_ms["deliver"] += std::chrono::duration_cast<std::chrono::milliseconds>(
                                              std::chrono::steady_clock::now() - started)
                                              .count();
    return summary;
}

} // namespace jd::sync
