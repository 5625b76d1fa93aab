#include "sync/new_pieces.hpp"

#include "sync/run_history.hpp"

#include <chrono>
#include <unordered_set>

namespace jd::sync {

std::vector<std::string> missing_numeros(store::piece_repository& pieces, const std::vector<std::string>& listed) {
    std::vector<std::string> missing;
    std::unordered_set<std::string> seen;
    // A few pieces (the usual hourly run): ask for each; a backlog: read every stored numero once.
    constexpr std::size_t few = 64;
    std::unordered_set<std::string> known;
    const bool bulk = listed.size() > few;
    if (bulk) {
        auto all = pieces.known_numeros();
        known.reserve(all.size());
        for (auto& numero : all) known.insert(std::move(numero));
    }
    for (const auto& numero : listed) {
        if (numero.empty() || !seen.insert(numero).second) continue;
        const bool stored = bulk ? known.count(numero) != 0 : pieces.contains(numero);
        if (!stored) missing.push_back(numero);
    }
    return missing;
}

download_pass fetch_new_pieces(run_context& run) {
    const auto list_started = std::chrono::steady_clock::now();
    run.progress.phase("list");
    jedeclare::list_query query;
    query.status = jedeclare::piece_status_filter::not_retrieved;
    const auto items = run.client.list_pieces(query);
    std::vector<std::string> listed;
    listed.reserve(items.size());
    for (const auto& item : items) listed.push_back(item.numero);
    run.report.pieces.listed += static_cast<std::int64_t>(listed.size());
    run.progress.set_total(listed.size());
    run.progress.advance(listed.size());

    const auto missing = missing_numeros(run.store.pieces(), listed);
    run.report.pieces.already_stored += static_cast<std::int64_t>(listed.size() - missing.size());
    run.report.durations_ms["list"] += std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::steady_clock::now() - list_started)
                                           .count();
    run.step();
    if (missing.empty()) return {};

    const auto download_started = std::chrono::steady_clock::now();
    record_consumption(run.store.audit(), run.report.run_id, missing, store::now_ms());
    run.checkpoint("consumption_recorded");
    auto pass = download_and_store(run, missing, "download");
    run.report.pieces.downloaded += pass.stored;
    run.report.pieces.already_stored += pass.already_stored;
    run.report.pieces.download_failed += pass.failed;
    run.report.durations_ms["download"] += std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::steady_clock::now() - download_started)
                                               .count();
    return pass;
}

} // namespace jd::sync
