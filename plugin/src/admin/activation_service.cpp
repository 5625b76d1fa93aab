#include "admin/activation_service.hpp"

#include "admin/json_input.hpp"
#include "admin/rights.hpp"

#include "store/transaction.hpp"

#include <host_sdk/error.hpp>

#include <boost/json.hpp>

#include <set>

namespace jd::admin {

namespace json = boost::json;

namespace {

struct requested_change {
    std::int64_t company_id = 0;
    bool active = false;
    bool date_given = false;                 // absent: keep the saved date; null or "": clear it
    std::optional<std::string> deliver_from;
};

} // namespace

json::value activation_service::set_activation(const host_sdk::call_context& call, const json::value& input) {
    require_platform_rights(context_.services, call);
    const bool english = call.english();
    const auto& object = input_object(input, "set_activation", call);
    reject_unknown_members(object, "companies", "set_activation", call);
    const auto* list = object.if_contains("companies");
    if (list == nullptr || !list->is_array() || list->get_array().empty())
        invalid_input("companies", "liste non vide attendue : [{\"company_id\":1,\"active\":true}]",
                      "a non-empty list is expected: [{\"company_id\":1,\"active\":true}]", call);

    std::vector<requested_change> changes;
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < list->get_array().size(); ++i) {
        const std::string where = "companies[" + std::to_string(i) + "]";
        const auto& item = list->get_array()[i];
        if (!item.is_object()) invalid_input(where, "un objet est attendu", "an object is expected", call);
        const auto& entry = item.get_object();
        reject_unknown_members(entry, "company_id,active,deliver_from", where, call);
        requested_change change;
        change.company_id = *id_member(entry, "company_id", where, call);
        change.active = *bool_member(entry, "active", where, call);
        change.date_given = entry.contains("deliver_from");
        change.deliver_from = date_member(entry, "deliver_from", where, call);
        if (!seen.insert(change.company_id).second)
            invalid_input(where, "société n° " + std::to_string(change.company_id) + " donnée deux fois",
                          "company #" + std::to_string(change.company_id) + " given twice", call);
        changes.push_back(std::move(change));
    }

    // Every company must exist on the platform; those activated must be linked to a dossier.
    for (const auto& change : changes) {
        const std::string company = std::to_string(change.company_id);
        if (!context_.services.get_company(change.company_id))
            throw host_sdk::error(HS_E_NOT_FOUND, english ? "Company #" + company + " does not exist on the platform. Nothing changed."
                                                          : "La société n° " + company +
                                                                " n'existe pas sur la plateforme. Rien n'a été modifié.");
        if (!change.active) continue;
        const bool linked = context_.store.with(
            [&](store::instance_store& s) { return s.links().find_by_company(change.company_id).has_value(); });
        if (!linked)
            throw host_sdk::error(
                HS_E_CONFLICT,
                english ? "Company #" + company +
                              " is not linked to a JeDéclare dossier, so it cannot be activated: run the company "
                              "matching and confirm its dossier first. Nothing changed."
                        : "La société n° " + company +
                              " n'est liée à aucun dossier JeDéclare : elle ne peut pas être activée. Lancez le "
                              "rapprochement des sociétés et confirmez d'abord son dossier. Rien n'a été modifié.");
    }

    const auto now = context_.now();
    json::array changed;
    json::array unchanged;
    context_.store.with([&](store::instance_store& s) {
        store::transaction tx(s.db());
        for (const auto& change : changes) {
            const auto current = s.activations().find(change.company_id);
            const bool was_active = current && current->active;
            const auto was_from = current ? current->deliver_from : std::nullopt;
            const auto from = change.date_given ? change.deliver_from : was_from;
            if (current && was_active == change.active && was_from == from) {
                unchanged.push_back(change.company_id);
                continue;
            }
            store::company_activation row;
            row.company_id = change.company_id;
            row.active = change.active;
            row.deliver_from = from;
            row.changed_by = call.user_id;
            row.changed_at = now;
            const auto routed = s.activations().set(row);
            json::object item{{"company_id", change.company_id},
                              {"active", change.active},
                              {"released", routed.released},
                              {"quarantined", routed.quarantined}};
            item["deliver_from"] = from ? json::value(*from) : json::value(nullptr);
            changed.push_back(std::move(item));
        }
        tx.commit();
    });
    context_.log(HS_LOG_INFO, "activation_changed",
                 {{"user_id", call.user_id}, {"changed", changed.size()}, {"unchanged", unchanged.size()}});
    return json::object{{"changed", std::move(changed)}, {"unchanged", std::move(unchanged)}};
}

} // namespace jd::admin
