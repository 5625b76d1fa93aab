#include "sync/run_history.hpp"

#include "sync/run_report.hpp"

#include <boost/json.hpp>

#include <unordered_set>

namespace jd::sync {

namespace json = boost::json;

recovery_plan plan_recovery(store::run_repository& runs, std::int64_t current_run_id, store::epoch_ms now,
                            const sync_options& options) {
    recovery_plan plan;
    if (const auto last = runs.last_finished()) {
        if (!last->report_json.empty()) plan.last_recovery_at = run_report_from_json(last->report_json).last_recovery_at;
    }

    std::optional<store::run_record> previous;
    for (const auto& record : runs.latest(4)) {
        if (record.run_id != current_run_id && record.run_id < current_run_id) {
            previous = record;
            break;
        }
    }
    if (options.always_recover) {
        plan.needed = true;
        plan.reason = "always";
    } else if (!previous) {
        plan.needed = true;
        plan.reason = "first_run";
    } else if (!previous->finished_at) {
        plan.needed = true;
        plan.reason = "previous_run_interrupted";
    } else if (previous->report_json.empty() || run_report_from_json(previous->report_json).recovery_needed) {
        plan.needed = true;
        plan.reason = "previous_run_unclean";
    } else if (!plan.last_recovery_at || now - *plan.last_recovery_at >= options.recovery_interval.count()) {
        plan.needed = true;
        plan.reason = "backstop";
    }
    return plan;
}

void record_consumption(store::audit_repository& audit, std::int64_t run_id, const std::vector<std::string>& numeros,
                        store::epoch_ms at) {
    if (numeros.empty()) return;
    json::array list;
    list.reserve(numeros.size());
    for (const auto& numero : numeros) list.emplace_back(numero);
    store::audit_event event;
    event.at = at;
    event.actor = "";
    event.action = std::string(consumption_action);
    event.subject = "run:" + std::to_string(run_id);
    event.details = json::serialize(json::object{{"run_id", run_id}, {"numeros", std::move(list)}});
    audit.append(event);
}

std::vector<std::string> consumed_since(store::audit_repository& audit, std::optional<store::epoch_ms> since) {
    std::vector<std::string> numeros;
    std::unordered_set<std::string> seen;
    store::audit_query query;
    query.since = since;
    query.action_prefix = std::string(consumption_action);
    query.limit = 200;
    for (;;) {
        const auto page = audit.list(query);
        for (const auto& event : page) {
            boost::system::error_code ec;
            const auto details = json::parse(event.details, ec);
            if (ec || !details.is_object()) continue;
            const auto* list = details.get_object().if_contains("numeros");
            if (list == nullptr || !list->is_array()) continue;
            for (const auto& item : list->get_array()) {
                if (!item.is_string()) continue;
                std::string numero(item.get_string());
                if (seen.insert(numero).second) numeros.push_back(std::move(numero));
            }
        }
        if (page.size() < query.limit) break;
        query.before_id = page.back().event_id;
    }
    return numeros;
}

} // namespace jd::sync
