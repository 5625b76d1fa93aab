#include "sync/status_view.hpp"

#include "sync/messages.hpp"
#include "sync/route_snapshot.hpp"
#include "sync/run_report.hpp"

#include <boost/json.hpp>

#include <map>

namespace jd::sync {

namespace json = boost::json;

namespace {

json::value time_or_null(const std::optional<store::epoch_ms>& instant) {
    if (!instant) return nullptr;
    return json::value(store::to_iso8601_utc(*instant));
}

std::map<std::int64_t, std::string> legal_names(const host_sdk::host& services,
                                                const std::map<std::int64_t, company_routes>& wanted) {
    std::map<std::int64_t, std::string> names;
    if (wanted.empty()) return names;
    try {
        services.for_each_company([&](const host_sdk::company& company) {
            if (wanted.count(company.id) != 0) names[company.id] = company.legal_name;
        });
    } catch (const std::exception&) {
        // A host without list_companies: ask one by one (a company the host lost keeps "").
        for (const auto& entry : wanted) {
            try {
                if (const auto company = services.get_company(entry.first)) names[entry.first] = company->legal_name;
            } catch (const std::exception&) {
            }
        }
    }
    return names;
}

} // namespace

json::object build_status(const host_sdk::host& services, store::instance_store& store, std::string_view locale,
                          const status_options& options) {
    const bool en = is_english(locale);
    json::object instance;
    auto health = store.states().instance();
    store::health_state state = store::health_state::non_configure;
    std::string message;
    if (!options.configured) {
        message = not_configured_message(locale);
    } else if (health) {
        state = health->state;
        message = health->message;
    } else {
        state = store::health_state::ok;
        message = en ? "Configured; no sync has run yet." : "Configuré ; aucune synchronisation n'a encore eu lieu.";
    }
    instance["state"] = store::to_string(state);
    instance["message"] = message;
    instance["last_success_at"] = health ? time_or_null(health->last_success_at) : json::value(nullptr);
    instance["last_run_at"] = health ? time_or_null(health->last_run_at) : json::value(nullptr);

    const auto lease = store.lease().current();
    instance["running"] = lease.has_value() && lease->expires_at >= store::now_ms();
    if (const auto last = store.runs().last_finished(); last && !last->report_json.empty()) {
        const auto report = run_report_from_json(last->report_json);
        json::object summary;
        summary["run_id"] = last->run_id;
        summary["trigger"] = store::to_string(last->trigger);
        summary["started_at"] = store::to_iso8601_utc(last->started_at);
        summary["finished_at"] = time_or_null(last->finished_at);
        summary["outcome"] = to_string(report.outcome);
        summary["state"] = report_state_code(report);
        summary["movements_delivered"] = report.movements.delivered;
        summary["pieces_downloaded"] = report.pieces.downloaded;
        summary["message"] = report.message;
        instance["last_run"] = std::move(summary);
    }

    json::array unreadable;
    for (const auto& piece : store.pieces().list(store::parse_state::failed, options.unreadable_pieces_shown)) {
        unreadable.push_back(json::object{{"numero", piece.numero},
                                          {"error", piece.parse_error},
                                          {"attempts", piece.attempts},
                                          {"downloaded_at", store::to_iso8601_utc(piece.downloaded_at)}});
    }

    const auto routes = route_snapshot::load(store);
    std::map<std::string, std::int64_t> company_of_rib;
    for (const auto& [company_id, entry] : routes.companies())
        for (const auto& link : entry.bank_links) company_of_rib[link.rib_key] = company_id;
    std::map<std::int64_t, std::int64_t> quarantined_by_company;
    json::array quarantine;
    for (const auto& group : store.movements().quarantine_summary()) {
        json::object item{{"rib_key", group.rib_key},
                          {"reason", store::to_string(group.reason)},
                          {"count", group.count},
                          {"first_booking_date", group.first_booking_date},
                          {"last_booking_date", group.last_booking_date}};
        if (const auto found = company_of_rib.find(group.rib_key); found != company_of_rib.end()) {
            item["company_id"] = found->second;
            quarantined_by_company[found->second] += group.count;
        } else {
            item["company_id"] = nullptr;
        }
        quarantine.push_back(std::move(item));
    }

    const bool instance_blocked = state != store::health_state::ok && state != store::health_state::piece_illisible;
    const auto names = legal_names(services, routes.companies());
    std::map<std::int64_t, store::health> recorded_states;
    for (auto& recorded : store.states().companies()) recorded_states[recorded.company_id] = std::move(recorded.status);
    json::array companies;
    for (const auto& [company_id, entry] : routes.companies()) {
        json::object company;
        company["company_id"] = company_id;
        const auto name = names.find(company_id);
        company["legal_name"] = name != names.end() ? name->second : std::string();
        company["active"] = entry.active;
        std::string company_state;
        std::string company_message;
        std::optional<store::epoch_ms> last_success;
        const auto held = quarantined_by_company.count(company_id) != 0 ? quarantined_by_company[company_id] : 0;
        if (!entry.active) {
            company_state = "inactive";
            company_message = en ? "Not activated: its movements are kept, not delivered."
                                 : "Non activée : ses mouvements sont conservés, pas livrés.";
        } else if (instance_blocked) {
            company_state = std::string(store::to_string(state));
            company_message = message;
        } else {
            company_state = "ok";
            if (entry.bank_links.empty()) {
                company_message = en ? "No bank account linked yet: its movements wait."
                                     : "Aucun compte bancaire rattaché : ses mouvements attendent.";
            } else {
                company_message = en ? std::to_string(entry.bank_links.size()) + " bank account(s) linked."
                                     : std::to_string(entry.bank_links.size()) + " compte(s) bancaire(s) rattaché(s).";
            }
            if (held > 0)
                company_message += en ? " " + std::to_string(held) + " movement(s) held back."
                                      : " " + std::to_string(held) + " mouvement(s) en attente.";
            if (health) last_success = health->last_success_at;
        }
        if (const auto recorded = recorded_states.find(company_id);
            recorded != recorded_states.end() && recorded->second.last_success_at &&
            (!last_success || *recorded->second.last_success_at > *last_success))
            last_success = recorded->second.last_success_at;
        company["state"] = company_state;
        company["message"] = company_message;
        company["last_success_at"] = time_or_null(last_success);
        company["deliver_from"] = entry.deliver_from ? json::value(*entry.deliver_from) : json::value(nullptr);
        company["dossier_id"] = entry.dossier_id ? json::value(*entry.dossier_id) : json::value(nullptr);
        company["bank_accounts_linked"] = static_cast<std::int64_t>(entry.bank_links.size());
        company["movements_held_back"] = held;
        companies.push_back(std::move(company));
    }

    json::object out;
    out["instance"] = std::move(instance);
    out["companies"] = std::move(companies);
    out["unreadable_pieces"] = std::move(unreadable);
    out["quarantine"] = std::move(quarantine);
    return out;
}

} // namespace jd::sync
