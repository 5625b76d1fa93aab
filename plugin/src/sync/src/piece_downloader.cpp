#include "sync/piece_downloader.hpp"

#include "sync/state_mapping.hpp"

#include "store/transaction.hpp"

#include <chrono>
#include <memory>

namespace jd::sync {

using jedeclare::download_result;
using jedeclare::error_kind;
using jedeclare::wire_error;

download_pass download_and_store(run_context& run, const std::vector<std::string>& numeros, std::string_view phase) {
    download_pass pass;
    if (numeros.empty()) return pass;
    run.progress.phase(phase, numeros.size());

    auto& pieces = run.store.pieces();
    auto& db = run.store.db();
    const std::size_t per_commit = run.options.pieces_per_commit == 0 ? 1 : run.options.pieces_per_commit;
    std::unique_ptr<store::transaction> group; // open while pieces wait for their commit (per_commit > 1)
    std::size_t in_group = 0;
    std::chrono::steady_clock::time_point group_opened{};
    std::size_t failures_in_a_row = 0;
    std::int64_t store_us = 0; // time spent storing pieces (run report)

    const auto commit_group = [&] {
        if (!group) return;
        group->commit();
        group.reset();
        in_group = 0;
        run.checkpoint("pieces_committed");
    };

    const auto on_piece = [&](download_result& result) -> bool {
        if (result.piece) {
            failures_in_a_row = 0;
            run.checkpoint("piece_downloaded");
            if (per_commit > 1 && !group) {
                group = std::make_unique<store::transaction>(db);
                group_opened = std::chrono::steady_clock::now();
            }
            const auto& piece = *result.piece;
            const auto put_started = std::chrono::steady_clock::now();
            const auto outcome = pieces.put(result.numero, piece.type_de_piece, piece.raw, run.now());
            store_us += std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                              put_started)
                            .count();
            switch (outcome) {
            case store::put_outcome::stored: ++pass.stored; break;
            case store::put_outcome::already_stored: ++pass.already_stored; break;
            case store::put_outcome::content_differs:
                ++pass.content_differs;
                run.report.count_error("piece_content_differs");
                run.log(HS_LOG_WARNING, "piece_content_differs", {{"numero", result.numero}});
                break;
            }
            if (group && (++in_group >= per_commit ||
                          std::chrono::steady_clock::now() - group_opened >= run.options.max_commit_delay))
                commit_group();
            run.checkpoint("piece_stored");
            result.piece.reset(); // the bytes are in the store: free them now
        } else if (result.error) {
            commit_group(); // what arrived before is not held back by a failure
            const auto& error = *result.error;
            switch (scope_of_download_failure(error.kind())) {
            case download_failure_scope::cancelled: pass.cancelled = true; break;
            case download_failure_scope::piece:
                ++pass.skipped;
                ++pass.failed;
                pass.failed_numeros.push_back(result.numero);
                run.report.count_error(std::string(jedeclare::to_string(error.kind())));
                run.log(HS_LOG_WARNING, "piece_download_refused",
                        {{"numero", result.numero}, {"kind", jedeclare::to_string(error.kind())},
                         {"detail", error.detail()}});
                break;
            case download_failure_scope::service:
                ++pass.failed;
                ++failures_in_a_row;
                pass.failed_numeros.push_back(result.numero);
                pass.last_failure = error;
                run.report.count_error(std::string(jedeclare::to_string(error.kind())));
                run.log(HS_LOG_WARNING, "piece_download_failed",
                        {{"numero", result.numero}, {"kind", jedeclare::to_string(error.kind())},
                         {"attempts", error.attempts()}, {"detail", error.detail()}});
                if (failures_in_a_row >= run.options.max_consecutive_download_failures) pass.stop_error = error;
                break;
            case download_failure_scope::instance:
                ++pass.failed;
                pass.failed_numeros.push_back(result.numero);
                run.report.count_error(std::string(jedeclare::to_string(error.kind())));
                pass.stop_error = error;
                pass.last_failure = error;
                break;
            }
        }
        run.progress.advance();
        if (!group) run.lease.keep_alive();
        return !pass.stop_error && !pass.cancelled && !run.cancel.requested();
    };

    try {
        run.client.download_many(numeros, on_piece, run.options.download_concurrency);
    } catch (const wire_error& error) {
        if (error.kind() != error_kind::cancelled) throw;
        pass.cancelled = true;
    }
    commit_group();
    run.report.durations_ms[std::string(phase) + "_store"] += store_us / 1000;
    if (run.cancel.requested()) pass.cancelled = true;
    run.progress.complete();
    return pass;
}

} // namespace jd::sync
