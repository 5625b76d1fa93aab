#include "admin/company_links_service.hpp"

#include "admin/company_matcher.hpp"
#include "admin/display_text.hpp"
#include "admin/json_input.hpp"
#include "admin/match_report.hpp"
#include "admin/remote_failure.hpp"
#include "admin/rights.hpp"
#include "admin/utf8.hpp"

#include "store/error.hpp"
#include "store/transaction.hpp"

#include <host_sdk/error.hpp>

#include <boost/json.hpp>

#include <set>

namespace jd::admin {

namespace json = boost::json;

namespace {

store::link_kind to_store(link_kind kind) {
    return kind == link_kind::confirmed ? store::link_kind::confirmed : store::link_kind::exact;
}

link_kind from_store(store::link_kind kind) {
    return kind == store::link_kind::confirmed ? link_kind::confirmed : link_kind::exact;
}

// The store keeps valid UTF-8 only; the engine gets the bytes as they came, so that an exact match stays
// byte for byte.
store::remote_dossier to_store(const jedeclare::dossier& d) {
    store::remote_dossier row;
    row.dossier_id = utf8::make_valid(d.id);
    row.rs = utf8::make_valid(d.raison_sociale);
    row.siren = utf8::make_valid(d.siren);
    row.nic = utf8::make_valid(d.nic);
    return row;
}

// Deactivates `company_id` if it is active (it just lost its link). Returns true when it was active.
bool deactivate_unlinked(store::instance_store& s, std::int64_t company_id, const std::string& actor,
                         std::int64_t at) {
    const auto activation = s.activations().find(company_id);
    if (!activation || !activation->active) return false;
    store::company_activation off = *activation;
    off.active = false;
    off.changed_by = actor;
    off.changed_at = at;
    s.activations().set(off);
    return true;
}

std::string dossier_words(const std::string& id, bool english) {
    return (english ? "dossier " : "le dossier ") + display_text(id, 60);
}

} // namespace

std::vector<jedeclare::dossier> company_links_service::refresh_dossiers(const host_sdk::call_context& call) {
    auto client = context_.saved_client(call);
    std::vector<jedeclare::dossier> dossiers;
    try {
        dossiers = client->list_dossiers();
    } catch (const jedeclare::wire_error& error) {
        const auto failure = describe_failure(error, call.english());
        context_.log(HS_LOG_WARNING, "dossiers_unavailable", {{"kind", failure.kind}});
        throw to_host_error(failure);
    }
    std::vector<store::remote_dossier> rows;
    rows.reserve(dossiers.size());
    std::set<std::string> seen;
    for (const auto& d : dossiers) {
        auto row = to_store(d);
        if (row.dossier_id.empty() || !seen.insert(row.dossier_id).second) continue; // the engine reports these
        rows.push_back(std::move(row));
    }
    const auto now = context_.now();
    context_.store.with([&](store::instance_store& s) { s.dossiers().record_dossiers(rows, now); });
    return dossiers;
}

json::value company_links_service::match_companies(const host_sdk::call_context& call, const json::value& input) {
    require_platform_rights(context_.services, call);
    (void)input_object(input, "match_companies", call);
    const bool english = call.english();

    match_input engine_input;
    for (const auto& d : refresh_dossiers(call))
        engine_input.dossiers.push_back({d.id, d.raison_sociale, d.siren, d.nic});
    context_.services.for_each_company([&](const host_sdk::company& c) {
        engine_input.companies.push_back({c.id, c.legal_name, c.siren, c.siret});
    });
    context_.store.with([&](store::instance_store& s) {
        for (const auto& link : s.links().list()) {
            const auto activation = s.activations().find(link.company_id);
            engine_input.links.push_back(
                {link.dossier_id, link.company_id, from_store(link.kind), activation && activation->active});
        }
    });

    const auto result = jd::admin::match_companies(engine_input);

    // Store what the engine decided: new exact links, and the removal of stale ones. Nothing else.
    const auto now = context_.now();
    std::size_t stored = 0;
    json::array removed;
    json::array deactivated;
    json::array store_warnings;
    context_.store.with([&](store::instance_store& s) {
        store::transaction tx(s.db());
        for (const auto& stale : result.stale_links) {
            const auto existing = s.links().find_by_dossier(stale.link.dossier_id);
            if (!existing || existing->company_id != stale.link.company_id) continue;
            s.links().unlink_dossier(stale.link.dossier_id, call.user_id, now);
            removed.push_back(json::object{{"dossier_id", utf8::make_valid(stale.link.dossier_id)},
                                           {"company_id", stale.link.company_id},
                                           {"reason", to_string(stale.reason)}});
            // The company may still hold a new link made below; it is deactivated only if it ends unlinked.
        }
        for (const auto& link : result.links) {
            if (link.stored) continue;
            store::company_link row;
            row.dossier_id = link.dossier.id;
            row.company_id = link.company.id;
            row.kind = to_store(link.kind);
            row.linked_by = call.user_id;
            row.linked_at = now;
            try {
                if (s.links().link(row)) ++stored;
            } catch (const store::link_conflict& conflict) {
                // Another session linked one side meanwhile: report it, never force it.
                store_warnings.push_back(json::object{{"code", "link_not_stored"},
                                                      {"dossier_id", utf8::make_valid(link.dossier.id)},
                                                      {"company_id", link.company.id},
                                                      {"message", std::string(store::to_string(conflict.kind()))}});
            }
        }
        for (const auto& stale : result.stale_links) {
            if (s.links().find_by_company(stale.link.company_id)) continue;
            if (deactivate_unlinked(s, stale.link.company_id, call.user_id, now))
                deactivated.push_back(stale.link.company_id);
        }
        tx.commit();
    });

    report_options options;
    options.language = english ? report_language::en : report_language::fr;
    auto report = match_report_json(result, options);
    // Which links this run created (the text says « nouveau » for them too).
    if (auto* links = report.if_contains("links"); links != nullptr && links->is_array()) {
        auto& items = links->get_array();
        for (std::size_t i = 0; i < items.size() && i < result.links.size(); ++i) {
            if (items[i].is_object()) items[i].get_object()["new"] = !result.links[i].stored;
        }
    }
    report["stored"] = json::object{{"new_links", stored},
                                    {"removed_stale_links", removed},
                                    {"deactivated_companies", deactivated}};
    if (!store_warnings.empty()) {
        auto& warnings = report["warnings"];
        if (!warnings.is_array()) warnings = json::array();
        for (auto& w : store_warnings) warnings.get_array().push_back(std::move(w));
    }
    context_.audit(call, "companies.matched", "instance:" + context_.instance_id(),
                   {{"dossiers", result.summary.dossiers},
                    {"companies", result.summary.companies},
                    {"exact", result.summary.exact},
                    {"confirmed", result.summary.confirmed},
                    {"proposed", result.summary.proposed},
                    {"new_links", stored},
                    {"removed_stale_links", removed.size()}});
    context_.log(HS_LOG_INFO, "companies_matched",
                 {{"user_id", call.user_id},
                  {"dossiers", result.summary.dossiers},
                  {"companies", result.summary.companies},
                  {"exact", result.summary.exact},
                  {"proposed", result.summary.proposed},
                  {"new_links", stored}});
    return report;
}

json::value company_links_service::confirm_company_match(const host_sdk::call_context& call, const json::value& input) {
    require_platform_rights(context_.services, call);
    const bool english = call.english();
    const auto& object = input_object(input, "confirm_company_match", call);
    reject_unknown_members(object, "dossier_id,company_id,action", "confirm_company_match", call);
    const auto dossier_id = string_member(object, "dossier_id", "dossier_id", call);
    if (!dossier_id || dossier_id->empty() || !utf8::is_valid(*dossier_id) || dossier_id->size() > 128)
        invalid_input("dossier_id", "identifiant de dossier JeDéclare requis", "a JeDéclare dossier id is required", call);
    const auto company_id = *id_member(object, "company_id", "", call);
    const auto action = string_member(object, "action", "action", call).value_or("link");
    if (action != "link" && action != "unlink")
        invalid_input("action", "« link » ou « unlink » attendu", "\"link\" or \"unlink\" expected", call);
    const auto now = context_.now();
    const std::string company_text = std::to_string(company_id);

    if (action == "unlink") {
        bool deactivated = false;
        context_.store.with([&](store::instance_store& s) {
            store::transaction tx(s.db());
            const auto existing = s.links().find_by_dossier(*dossier_id);
            if (!existing)
                throw host_sdk::error(HS_E_NOT_FOUND,
                                      english ? "The " + dossier_words(*dossier_id, true) + " is linked to no company."
                                              : "Le dossier " + display_text(*dossier_id, 60) +
                                                    " n'est lié à aucune société.");
            if (existing->company_id != company_id)
                throw host_sdk::error(
                    HS_E_CONFLICT,
                    english ? "The " + dossier_words(*dossier_id, true) + " is linked to company #" +
                                  std::to_string(existing->company_id) + ", not to company #" + company_text + "."
                            : "Le dossier " + display_text(*dossier_id, 60) + " est lié à la société n° " +
                                  std::to_string(existing->company_id) + ", pas à la société n° " + company_text + ".");
            s.links().unlink_dossier(*dossier_id, call.user_id, now);
            deactivated = deactivate_unlinked(s, company_id, call.user_id, now);
            tx.commit();
        });
        context_.log(HS_LOG_INFO, "company_unlinked", {{"user_id", call.user_id}, {"company_id", company_id}});
        return json::object{{"ok", true}, {"action", "unlink"}, {"deactivated", deactivated}};
    }

    // Link: the company must exist on the platform, the dossier on JeDéclare.
    const auto company = context_.services.get_company(company_id);
    if (!company)
        throw host_sdk::error(HS_E_NOT_FOUND, english ? "Company #" + company_text + " does not exist on the platform."
                                                      : "La société n° " + company_text + " n'existe pas sur la plateforme.");
    auto known = context_.store.with([&](store::instance_store& s) { return s.dossiers().find_dossier(*dossier_id); });
    if (!known) {
        (void)refresh_dossiers(call); // a dossier created on JeDéclare since the last listing
        known = context_.store.with([&](store::instance_store& s) { return s.dossiers().find_dossier(*dossier_id); });
    }
    if (!known)
        throw host_sdk::error(HS_E_NOT_FOUND,
                              english ? "JeDéclare.com lists no " + dossier_words(*dossier_id, true) +
                                            " for this compte de flux (see the match report for the dossier ids)."
                                      : "JeDéclare.com ne connaît pas le dossier " + display_text(*dossier_id, 60) +
                                            " pour ce compte de flux (voir le rapport de rapprochement pour les "
                                            "identifiants des dossiers).");

    store::company_link row;
    row.dossier_id = *dossier_id;
    row.company_id = company_id;
    row.kind = store::link_kind::confirmed;
    row.linked_by = call.user_id;
    row.linked_at = now;
    bool changed = false;
    try {
        changed = context_.store.with([&](store::instance_store& s) { return s.links().link(row); });
    } catch (const store::link_conflict& conflict) {
        const auto& other = conflict.existing();
        if (conflict.kind() == store::conflict_kind::dossier_already_linked)
            throw host_sdk::error(
                HS_E_CONFLICT,
                english ? "The " + dossier_words(*dossier_id, true) + " is already linked to company #" +
                              std::to_string(other.company_id) + ": remove that link first (action \"unlink\")."
                        : "Le dossier " + display_text(*dossier_id, 60) + " est déjà lié à la société n° " +
                              std::to_string(other.company_id) + " : supprimez d'abord ce lien (action « unlink »).");
        throw host_sdk::error(
            HS_E_CONFLICT,
            english ? "Company #" + company_text + " is already linked to dossier " + display_text(other.dossier_id, 60) +
                          ": remove that link first (action \"unlink\")."
                    : "La société n° " + company_text + " est déjà liée au dossier " +
                          display_text(other.dossier_id, 60) + " : supprimez d'abord ce lien (action « unlink »).");
    }
    context_.log(HS_LOG_INFO, "company_linked",
                 {{"user_id", call.user_id}, {"company_id", company_id}, {"changed", changed}});
    return json::object{{"ok", true}, {"action", "link"}, {"kind", "confirmed"}, {"changed", changed}};
}

} // namespace jd::admin
