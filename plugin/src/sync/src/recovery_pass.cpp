#include "sync/recovery_pass.hpp"

#include "sync/new_pieces.hpp"

#include <chrono>
#include <unordered_set>

namespace jd::sync {

namespace {

// Events a little older than the last recovery are read again: clocks of host nodes differ a little.
constexpr store::epoch_ms consumption_margin_ms = 60 * 60 * 1000;

std::chrono::year_month_day day_of(store::epoch_ms instant) {
    return std::chrono::year_month_day(
        std::chrono::floor<std::chrono::days>(std::chrono::sys_time<std::chrono::milliseconds>(
            std::chrono::milliseconds(instant))));
}

} // namespace

recovery_result run_recovery_pass(run_context& run, const recovery_plan& plan) {
    recovery_result result;
    result.started_at = store::now_ms();
    const auto started = std::chrono::steady_clock::now();
    run.progress.phase("recover");

    std::optional<store::epoch_ms> since;
    if (plan.last_recovery_at) since = *plan.last_recovery_at - consumption_margin_ms;
    std::vector<std::string> wanted = consumed_since(run.store.audit(), since);
    const std::unordered_set<std::string> noted(wanted.begin(), wanted.end());

    const auto today = day_of(run.now());
    jedeclare::list_query query;
    query.status = jedeclare::piece_status_filter::all;
    query.from = std::chrono::year_month_day(std::chrono::sys_days(today) -
                                             std::chrono::days(run.options.recovery_window_days));
    query.to = today;
    const auto items = run.client.list_pieces(query);
    run.report.pieces.recovery_listed += static_cast<std::int64_t>(items.size());
    std::vector<std::string> listed_only;
    for (const auto& item : items) {
        wanted.push_back(item.numero);
        if (noted.count(item.numero) == 0) listed_only.push_back(item.numero);
    }
    run.step();

    const auto missing = missing_numeros(run.store.pieces(), wanted);
    if (!missing.empty()) {
        // A listed piece may still be statut 00 (published meanwhile): downloading it consumes it.
        std::vector<std::string> to_note;
        const std::unordered_set<std::string> listed_set(listed_only.begin(), listed_only.end());
        for (const auto& numero : missing)
            if (listed_set.count(numero) != 0) to_note.push_back(numero);
        record_consumption(run.store.audit(), run.report.run_id, to_note, store::now_ms());
        run.log(HS_LOG_INFO, "recovery_downloads", {{"pieces", missing.size()}});
        result.pass = download_and_store(run, missing, "recover");
    }
    run.report.pieces.recovered += result.pass.stored;
    run.report.pieces.downloaded += result.pass.stored;
    run.report.pieces.already_stored += result.pass.already_stored;
    run.report.pieces.download_failed += result.pass.failed;
    result.complete = !result.pass.stop_error && !result.pass.cancelled && result.pass.failed == result.pass.skipped;
    run.report.durations_ms["recover"] += std::chrono::duration_cast<std::chrono::milliseconds>(
                                              std::chrono::steady_clock::now() - started)
                                              .count();
    return result;
}

} // namespace jd::sync
