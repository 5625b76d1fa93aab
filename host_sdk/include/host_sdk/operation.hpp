#pragma once
// The operations of hs_provider_api_v1 as an enumeration, with their names ("configure", "sync", …),
// so that a host can dispatch a command-line verb or an HTTP route to the provider's table.

#include "host_sdk/c/provider_api_v1.h"

#include <array>
#include <optional>
#include <string_view>

namespace host_sdk {

enum class operation {
    configure,
    get_configuration,
    test_connection,
    match_companies,
    confirm_company_match,
    set_activation,
    list_bank_links,
    set_bank_link,
    status,
    sync,
};

inline constexpr std::array<operation, 10> all_operations{
    operation::configure,       operation::get_configuration, operation::test_connection, operation::match_companies,
    operation::confirm_company_match, operation::set_activation, operation::list_bank_links,
    operation::set_bank_link,   operation::status,            operation::sync};

/// The member name in hs_provider_api_v1, e.g. "get_configuration".
[[nodiscard]] constexpr std::string_view operation_name(operation op) noexcept {
    switch (op) {
    case operation::configure: return "configure";
    case operation::get_configuration: return "get_configuration";
    case operation::test_connection: return "test_connection";
    case operation::match_companies: return "match_companies";
    case operation::confirm_company_match: return "confirm_company_match";
    case operation::set_activation: return "set_activation";
    case operation::list_bank_links: return "list_bank_links";
    case operation::set_bank_link: return "set_bank_link";
    case operation::status: return "status";
    case operation::sync: return "sync";
    }
    return "unknown";
}

[[nodiscard]] constexpr std::optional<operation> operation_from_name(std::string_view name) noexcept {
    for (const auto op : all_operations)
        if (operation_name(op) == name) return op;
    return std::nullopt;
}

/// The member of the table that implements `op`.
[[nodiscard]] constexpr hs_operation_fn hs_provider_api_v1::*operation_member(operation op) noexcept {
    switch (op) {
    case operation::configure: return &hs_provider_api_v1::configure;
    case operation::get_configuration: return &hs_provider_api_v1::get_configuration;
    case operation::test_connection: return &hs_provider_api_v1::test_connection;
    case operation::match_companies: return &hs_provider_api_v1::match_companies;
    case operation::confirm_company_match: return &hs_provider_api_v1::confirm_company_match;
    case operation::set_activation: return &hs_provider_api_v1::set_activation;
    case operation::list_bank_links: return &hs_provider_api_v1::list_bank_links;
    case operation::set_bank_link: return &hs_provider_api_v1::set_bank_link;
    case operation::status: return &hs_provider_api_v1::status;
    case operation::sync: return &hs_provider_api_v1::sync;
    }
    return nullptr;
}

} // namespace host_sdk
