#pragma once
// Rights checks of the admin operations, asked of the host on every call (never cached: a right the
// platform withdraws takes effect at the next click).
//
//  - configuration, matching, activation, status and a manual sync need BOTH platform rights:
//    platform.configuration AND platform.administration;
//  - a company's bank links need that company's company.accounting_settings right.
// A refusal is host_sdk::error(HS_E_PERMISSION_DENIED) whose message names every missing right, in the
// caller's language.
#include <host_sdk/call_context.hpp>
#include <host_sdk/host.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jd::admin {

/// The platform rights `call.user_id` lacks among the two the admin operations need (both when there is
/// no user at all), in a fixed order: configuration, then administration.
[[nodiscard]] std::vector<std::string> missing_platform_rights(const host_sdk::host& services,
                                                               const host_sdk::call_context& call);

/// Throws host_sdk::error(HS_E_PERMISSION_DENIED) unless the caller holds both platform rights.
void require_platform_rights(const host_sdk::host& services, const host_sdk::call_context& call);

/// Throws host_sdk::error(HS_E_PERMISSION_DENIED) unless the caller holds company.accounting_settings on
/// `company_id`.
void require_company_settings_right(const host_sdk::host& services, const host_sdk::call_context& call,
                                    std::int64_t company_id);

/// The message of a refusal for `missing` rights (platform rights when company_id is 0).
[[nodiscard]] std::string permission_denied_message(const std::vector<std::string>& missing, std::int64_t company_id,
                                                    bool anonymous, bool english);

/// The host's wording of a right: « Autoriser l'accès à la configuration de la plateforme ».
[[nodiscard]] std::string_view right_label(std::string_view right, bool english) noexcept;

} // namespace jd::admin
