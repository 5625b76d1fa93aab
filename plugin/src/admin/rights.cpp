#include "admin/rights.hpp"

#include <host_sdk/c/host_api_v1.h>
#include <host_sdk/error.hpp>

namespace jd::admin {

std::string_view right_label(std::string_view right, bool english) noexcept {
    if (right == HS_RIGHT_PLATFORM_CONFIGURATION)
        return english ? "Allow access to the platform configuration"
                       : "Autoriser l'accès à la configuration de la plateforme";
    if (right == HS_RIGHT_PLATFORM_ADMINISTRATION)
        return english ? "Allow access to the platform administration"
                       : "Autoriser l'accès à l'administration de la plateforme";
    if (right == HS_RIGHT_COMPANY_ACCOUNTING_SETTINGS)
        return english ? "Allow access to the accounting settings"
                       : "Autoriser l'accès au paramétrage de la comptabilité";
    return right;
}

namespace {

std::string named_right(std::string_view right, bool english) {
    const std::string open = english ? "\"" : "« ";
    const std::string close = english ? "\"" : " »";
    return open + std::string(right_label(right, english)) + close + " (" + std::string(right) + ")";
}

} // namespace

std::string permission_denied_message(const std::vector<std::string>& missing, std::int64_t company_id,
                                      bool anonymous, bool english) {
    std::string list;
    for (std::size_t i = 0; i < missing.size(); ++i) {
        if (i > 0) list += english ? " and " : " et ";
        list += named_right(missing[i], english);
    }
    const bool several = missing.size() > 1;
    if (company_id != 0) {
        const std::string company = std::to_string(company_id);
        if (english)
            return "Access denied: you lack the right " + list + " on company #" + company +
                   "; it is needed to link this company's JeDéclare bank accounts.";
        return "Accès refusé : il vous manque le droit " + list + " sur la société n° " + company +
               " ; il est nécessaire pour rattacher les comptes bancaires JeDéclare de cette société.";
    }
    if (english) {
        std::string text = "Access denied: ";
        if (anonymous) text += "no user is identified, so ";
        text += std::string(anonymous ? "both rights are missing: " : (several ? "you lack the rights " : "you lack the right ")) +
                list + ". Setting up JeDeclare.com needs both platform rights (configuration and administration).";
        return text;
    }
    std::string text = "Accès refusé : ";
    if (anonymous) text += "aucun utilisateur n'est identifié ; ";
    text += std::string(anonymous ? "il manque les droits " : (several ? "il vous manque les droits " : "il vous manque le droit ")) +
            list + ". Le paramétrage de JeDeclare.com demande les deux droits de plateforme (configuration et administration).";
    return text;
}

std::vector<std::string> missing_platform_rights(const host_sdk::host& services, const host_sdk::call_context& call) {
    std::vector<std::string> missing;
    for (const char* right : {HS_RIGHT_PLATFORM_CONFIGURATION, HS_RIGHT_PLATFORM_ADMINISTRATION}) {
        if (call.user_id.empty() || !services.has_right(call.user_id, right, 0)) missing.emplace_back(right);
    }
    return missing;
}

void require_platform_rights(const host_sdk::host& services, const host_sdk::call_context& call) {
    const auto missing = missing_platform_rights(services, call);
    if (missing.empty()) return;
    throw host_sdk::error(HS_E_PERMISSION_DENIED,
                          permission_denied_message(missing, 0, call.user_id.empty(), call.english()));
}

void require_company_settings_right(const host_sdk::host& services, const host_sdk::call_context& call,
                                    std::int64_t company_id) {
    if (!call.user_id.empty() && services.has_right(call.user_id, HS_RIGHT_COMPANY_ACCOUNTING_SETTINGS, company_id))
        return;
    throw host_sdk::error(HS_E_PERMISSION_DENIED,
                          permission_denied_message({HS_RIGHT_COMPANY_ACCOUNTING_SETTINGS}, company_id,
                                                    call.user_id.empty(), call.english()));
}

} // namespace jd::admin
