#include "admin/bank_links_service.hpp"

#include "admin/display_text.hpp"
#include "admin/json_input.hpp"
#include "admin/remote_failure.hpp"
#include "admin/rib_format.hpp"
#include "admin/rights.hpp"
#include "admin/utf8.hpp"

#include "store/dossiers_and_ribs.hpp"
#include "store/error.hpp"

#include <host_sdk/error.hpp>

#include <boost/json.hpp>

#include <map>

namespace jd::admin {

namespace json = boost::json;

namespace {

host_sdk::company require_company(admin_context& context, std::int64_t company_id, const host_sdk::call_context& call) {
    auto company = context.services.get_company(company_id);
    if (!company) {
        const std::string id = std::to_string(company_id);
        throw host_sdk::error(HS_E_NOT_FOUND, call.english() ? "Company #" + id + " does not exist on the platform."
                                                             : "La société n° " + id + " n'existe pas sur la plateforme.");
    }
    return *company;
}

std::string rib_iban(const store::remote_rib& rib) {
    return rib.iban.empty() ? french_iban(rib.rib_key) : normalise_iban(rib.iban);
}

std::string ids_text(const host_sdk::company& company) {
    std::string text;
    for (const auto& account : company.bank_accounts) {
        if (!text.empty()) text += ", ";
        text += std::to_string(account.id);
    }
    return text.empty() ? "-" : text;
}

} // namespace

void bank_links_service::refresh_ribs(const host_sdk::call_context& call, const std::string& dossier_id,
                                      json::array& warnings) {
    const bool english = call.english();
    const auto config = context_.saved_configuration();
    if (!config) {
        warnings.push_back(json::object{
            {"code", "non_configure"},
            {"message", english ? "JeDeclare.com is not configured: only the RIBs already known are listed."
                                : "JeDeclare.com n'est pas configuré : seuls les RIB déjà connus sont listés."}});
        return;
    }
    std::vector<jedeclare::rib> ribs;
    try {
        auto client = context_.remote.saved_client(*config, call);
        ribs = client->list_ribs(dossier_id);
    } catch (const jedeclare::wire_error& error) {
        const auto failure = describe_failure(error, english);
        if (failure.status == HS_E_CANCELLED) throw to_host_error(failure);
        warnings.push_back(json::object{
            {"code", failure.kind},
            {"message", failure.message + (english ? " The RIBs already known are listed."
                                                   : " Les RIB déjà connus sont listés.")}});
        return;
    }
    std::vector<store::remote_rib> rows;
    for (const auto& rib : ribs) {
        const auto key = make_rib_key(rib.etablissement, rib.guichet, rib.num_compte);
        if (!key) {
            warnings.push_back(json::object{
                {"code", "malformed_rib"},
                {"message", english ? "A RIB of the dossier is not well formed and was ignored (id " + display_text(rib.id, 40) + ")."
                                    : "Un RIB du dossier est mal formé et a été ignoré (id " + display_text(rib.id, 40) + ")."}});
            continue;
        }
        store::remote_rib row;
        row.rib_key = *key;
        row.dossier_id = dossier_id;
        row.iban = french_iban(*key, rib.cle);
        row.label = utf8::make_valid(rib.libelle);
        row.source = store::rib_source::gestion;
        rows.push_back(std::move(row));
    }
    const auto now = context_.now();
    context_.store.with([&](store::instance_store& s) { s.dossiers().record_ribs(rows, now); });
}

json::value bank_links_service::list_bank_links(const host_sdk::call_context& call, const json::value& input) {
    const auto& object = input_object(input, "list_bank_links", call);
    reject_unknown_members(object, "company_id", "list_bank_links", call);
    const auto company_id = *id_member(object, "company_id", "", call);
    require_company_settings_right(context_.services, call, company_id);
    const auto company = require_company(context_, company_id, call);
    const bool english = call.english();

    json::array warnings;
    const auto link = context_.store.with([&](store::instance_store& s) { return s.links().find_by_company(company_id); });
    if (link) {
        refresh_ribs(call, link->dossier_id, warnings);
    } else {
        warnings.push_back(json::object{
            {"code", "company_not_linked"},
            {"message", english ? "This company is not linked to a JeDéclare dossier yet: only the RIBs seen in statements "
                                  "with one of its IBANs are listed."
                                : "Cette société n'est liée à aucun dossier JeDéclare : seuls les RIB vus dans les relevés "
                                  "avec l'un de ses IBAN sont listés."}});
    }

    std::map<std::string, std::int64_t> account_by_iban; // the company's accounts, by IBAN as compared
    for (const auto& account : company.bank_accounts) {
        if (!account.iban.empty()) account_by_iban.emplace(normalise_iban(account.iban), account.id);
    }

    json::array ribs;
    json::array accounts;
    context_.store.with([&](store::instance_store& s) {
        std::map<std::string, store::remote_rib> shown;
        if (link) {
            for (auto& rib : s.dossiers().list_ribs_of_dossier(link->dossier_id)) shown.emplace(rib.rib_key, rib);
        }
        const auto company_links = s.bank_links().list_for_company(company_id);
        for (const auto& bank_link : company_links) {
            if (shown.count(bank_link.rib_key) != 0) continue;
            if (auto rib = s.dossiers().find_rib(bank_link.rib_key)) shown.emplace(rib->rib_key, *rib);
        }
        for (auto& rib : s.dossiers().list_ribs()) {
            if (shown.count(rib.rib_key) != 0) continue;
            if (account_by_iban.count(rib_iban(rib)) != 0) shown.emplace(rib.rib_key, rib);
        }

        std::map<std::int64_t, std::string> rib_of_account;
        for (const auto& bank_link : company_links) rib_of_account[bank_link.bank_account_id] = bank_link.rib_key;

        for (const auto& [key, rib] : shown) {
            const auto iban = rib_iban(rib);
            json::object item{{"rib_key", key},
                              {"rib", rib_display(key, iban.size() == 27 ? std::string_view(iban).substr(25, 2) : "")},
                              {"iban", iban},
                              {"label", rib.label},
                              {"source", store::to_string(rib.source)}};
            item["dossier_id"] = rib.dossier_id ? json::value(*rib.dossier_id) : json::value(nullptr);
            json::value linked = nullptr;
            json::value proposed = nullptr;
            if (const auto existing = s.bank_links().find(key)) {
                if (existing->company_id == company_id) {
                    linked = existing->bank_account_id;
                    item["deliver_from"] = existing->deliver_from ? json::value(*existing->deliver_from) : json::value(nullptr);
                } else {
                    item["linked_to_company_id"] = existing->company_id;
                }
            } else if (const auto match = account_by_iban.find(iban);
                       match != account_by_iban.end() && rib_of_account.count(match->second) == 0) {
                proposed = match->second;
            }
            item["bank_account_id"] = linked;
            item["proposed_bank_account_id"] = proposed;
            ribs.push_back(std::move(item));
        }
        for (const auto& account : company.bank_accounts) {
            json::object item{{"id", account.id},
                              {"label", account.label},
                              {"iban", account.iban},
                              {"journal_code", account.journal_code}};
            const auto linked = rib_of_account.find(account.id);
            item["rib_key"] = linked != rib_of_account.end() ? json::value(linked->second) : json::value(nullptr);
            accounts.push_back(std::move(item));
        }
    });

    json::object answer{{"company_id", company_id},
                        {"legal_name", utf8::make_valid(company.legal_name)},
                        {"ribs", std::move(ribs)},
                        {"bank_accounts", std::move(accounts)},
                        {"warnings", std::move(warnings)}};
    answer["dossier_id"] = link ? json::value(link->dossier_id) : json::value(nullptr);
    return answer;
}

json::value bank_links_service::set_bank_link(const host_sdk::call_context& call, const json::value& input) {
    const auto& object = input_object(input, "set_bank_link", call);
    reject_unknown_members(object, "company_id,rib_key,bank_account_id,deliver_from", "set_bank_link", call);
    const auto company_id = *id_member(object, "company_id", "", call);
    require_company_settings_right(context_.services, call, company_id);
    const bool english = call.english();
    const std::string company_text = std::to_string(company_id);

    auto rib_key = string_member(object, "rib_key", "", call).value_or("");
    for (auto& c : rib_key) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    if (!store::is_rib_key(rib_key))
        invalid_input("rib_key",
                      "clé RIB de 21 caractères attendue (banque 5 + guichet 5 + compte 11), reçu « " +
                          display_text(rib_key, 40) + " »",
                      "a 21-character RIB key is expected (bank 5 + branch 5 + account 11), got \"" +
                          display_text(rib_key, 40) + "\"",
                      call);
    const auto bank_account_id = id_member(object, "bank_account_id", "", call, false);
    const auto deliver_from = date_member(object, "deliver_from", "", call);
    const auto company = require_company(context_, company_id, call);
    const auto now = context_.now();
    const std::string rib_text = rib_display(rib_key);

    if (!bank_account_id) {
        // Unlink.
        const auto change = context_.store.with([&](store::instance_store& s) -> std::optional<store::route_change> {
            const auto existing = s.bank_links().find(rib_key);
            if (!existing) return std::nullopt;
            if (existing->company_id != company_id)
                throw host_sdk::error(HS_E_CONFLICT,
                                      english ? "RIB " + rib_text + " feeds a bank account of another company (#" +
                                                    std::to_string(existing->company_id) + "), not of company #" + company_text + "."
                                              : "Le RIB " + rib_text + " alimente un compte bancaire d'une autre société (n° " +
                                                    std::to_string(existing->company_id) + "), pas de la société n° " +
                                                    company_text + ".");
            return s.bank_links().remove(rib_key, call.user_id, now);
        });
        context_.log(HS_LOG_INFO, "bank_link_removed",
                     {{"user_id", call.user_id}, {"company_id", company_id}, {"changed", change.has_value()}});
        return json::object{{"ok", true},
                            {"changed", change.has_value()},
                            {"quarantined", change ? change->quarantined : 0}};
    }

    // Link: the account must be one of the company's.
    bool owns = false;
    for (const auto& account : company.bank_accounts) owns = owns || account.id == *bank_account_id;
    if (!owns)
        throw host_sdk::error(HS_E_INVALID_ARGUMENT,
                              english ? "Bank account #" + std::to_string(*bank_account_id) + " does not belong to company #" +
                                            company_text + " (its accounts: " + ids_text(company) + ")."
                                      : "Le compte bancaire n° " + std::to_string(*bank_account_id) +
                                            " n'appartient pas à la société n° " + company_text + " (ses comptes : " +
                                            ids_text(company) + ").");

    // The RIB must be known (from gestion or a statement), and not be another company's.
    const auto company_link =
        context_.store.with([&](store::instance_store& s) { return s.links().find_by_company(company_id); });
    auto rib = context_.store.with([&](store::instance_store& s) { return s.dossiers().find_rib(rib_key); });
    if (!rib && company_link) {
        json::array ignored;
        refresh_ribs(call, company_link->dossier_id, ignored);
        rib = context_.store.with([&](store::instance_store& s) { return s.dossiers().find_rib(rib_key); });
    }
    if (!rib)
        throw host_sdk::error(HS_E_NOT_FOUND,
                              english ? "RIB " + rib_text + " is unknown: neither JeDéclare.com's dossiers nor the statements "
                                                           "received hold it (list the company's RIBs first)."
                                      : "Le RIB " + rib_text + " est inconnu : ni les dossiers JeDéclare.com ni les relevés "
                                                               "reçus ne le contiennent (affichez d'abord les RIB de la société).");
    if (rib->dossier_id) {
        const auto owner = context_.store.with(
            [&](store::instance_store& s) { return s.links().find_by_dossier(*rib->dossier_id); });
        if (owner && owner->company_id != company_id)
            throw host_sdk::error(
                HS_E_CONFLICT,
                english ? "RIB " + rib_text + " belongs to dossier " + display_text(*rib->dossier_id, 60) +
                              ", which is linked to company #" + std::to_string(owner->company_id) + ", not to company #" +
                              company_text + "."
                        : "Le RIB " + rib_text + " appartient au dossier " + display_text(*rib->dossier_id, 60) +
                              ", lié à la société n° " + std::to_string(owner->company_id) + ", pas à la société n° " +
                              company_text + ".");
    }

    store::bank_link row;
    row.rib_key = rib_key;
    row.company_id = company_id;
    row.bank_account_id = *bank_account_id;
    row.deliver_from = deliver_from;
    row.linked_by = call.user_id;
    row.linked_at = now;
    store::route_change change;
    try {
        change = context_.store.with([&](store::instance_store& s) { return s.bank_links().set(row); });
    } catch (const store::link_conflict& conflict) {
        const auto& other = conflict.existing();
        if (conflict.kind() == store::conflict_kind::rib_already_linked)
            throw host_sdk::error(
                HS_E_CONFLICT,
                english ? "RIB " + rib_text + " is already linked to bank account #" + std::to_string(other.bank_account_id) +
                              " of company #" + std::to_string(other.company_id) +
                              ": a RIB feeds one bank account only; unlink it first."
                        : "Le RIB " + rib_text + " est déjà lié au compte bancaire n° " +
                              std::to_string(other.bank_account_id) + " de la société n° " +
                              std::to_string(other.company_id) +
                              " : un RIB n'alimente qu'un seul compte bancaire ; déliez-le d'abord.");
        throw host_sdk::error(
            HS_E_CONFLICT,
            english ? "Bank account #" + std::to_string(*bank_account_id) + " already receives RIB " +
                          rib_display(other.rib_key) + ": a bank account receives one RIB only; unlink that RIB first."
                    : "Le compte bancaire n° " + std::to_string(*bank_account_id) + " reçoit déjà le RIB " +
                          rib_display(other.rib_key) +
                          " : un compte bancaire ne reçoit qu'un seul RIB ; déliez d'abord ce RIB.");
    }
    context_.log(HS_LOG_INFO, "bank_link_set",
                 {{"user_id", call.user_id},
                  {"company_id", company_id},
                  {"bank_account_id", *bank_account_id},
                  {"released", change.released}});
    return json::object{{"ok", true}, {"released", change.released}, {"quarantined", change.quarantined}};
}

} // namespace jd::admin
