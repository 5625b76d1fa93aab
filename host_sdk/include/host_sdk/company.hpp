#pragma once
// A host company and its bank accounts, as the host describes them (JSON of hs_host_api_v1.get_company).

#include <boost/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace host_sdk {

struct bank_account {
    std::int64_t id = 0;
    std::string label;
    std::string iban;
    std::string journal_code;

    friend bool operator==(const bank_account&, const bank_account&) = default;
};

struct company {
    std::int64_t id = 0;
    std::string legal_name;
    std::string siren;
    std::string siret;
    std::vector<bank_account> bank_accounts;

    friend bool operator==(const company&, const company&) = default;
};

/// One page of hs_host_api_v1.list_companies: {"total":N,"companies":[…]}.
struct company_page {
    std::int64_t total = 0;
    std::vector<company> companies;
};

namespace detail {
// Absent or null text members read as "": the host may omit what it does not know (a SIRET, a journal).
inline std::string optional_string(const boost::json::object& object, boost::json::string_view key) {
    const auto* found = object.if_contains(key);
    if (found == nullptr || found->is_null()) return {};
    return std::string(found->as_string());
}
} // namespace detail

// JSON: {"id":10,"label":"…","iban":"FR76…","journal_code":"BQ1"}. Reading throws std::exception
// (boost::system::system_error / std::invalid_argument) on a wrong type or a missing id.
inline void tag_invoke(boost::json::value_from_tag, boost::json::value& json, const bank_account& account) {
    json = {{"id", account.id}, {"label", account.label}, {"iban", account.iban},
            {"journal_code", account.journal_code}};
}

inline bank_account tag_invoke(boost::json::value_to_tag<bank_account>, const boost::json::value& json) {
    const auto& object = json.as_object();
    bank_account account;
    account.id = boost::json::value_to<std::int64_t>(object.at("id"));
    account.label = detail::optional_string(object, "label");
    account.iban = detail::optional_string(object, "iban");
    account.journal_code = detail::optional_string(object, "journal_code");
    return account;
}

// JSON: {"id":1,"legal_name":"…","siren":"…","siret":"…","bank_accounts":[…]}.
inline void tag_invoke(boost::json::value_from_tag, boost::json::value& json, const company& value) {
    boost::json::array accounts;
    for (const auto& account : value.bank_accounts) accounts.push_back(boost::json::value_from(account));
    json = {{"id", value.id},       {"legal_name", value.legal_name},   {"siren", value.siren},
            {"siret", value.siret}, {"bank_accounts", std::move(accounts)}};
}

inline company tag_invoke(boost::json::value_to_tag<company>, const boost::json::value& json) {
    const auto& object = json.as_object();
    company value;
    value.id = boost::json::value_to<std::int64_t>(object.at("id"));
    value.legal_name = detail::optional_string(object, "legal_name");
    value.siren = detail::optional_string(object, "siren");
    value.siret = detail::optional_string(object, "siret");
    if (const auto* accounts = object.if_contains("bank_accounts"); accounts != nullptr && !accounts->is_null()) {
        for (const auto& account : accounts->as_array())
            value.bank_accounts.push_back(boost::json::value_to<bank_account>(account));
    }
    return value;
}

inline void tag_invoke(boost::json::value_from_tag, boost::json::value& json, const company_page& page) {
    boost::json::array companies;
    for (const auto& value : page.companies) companies.push_back(boost::json::value_from(value));
    json = {{"total", page.total}, {"companies", std::move(companies)}};
}

inline company_page tag_invoke(boost::json::value_to_tag<company_page>, const boost::json::value& json) {
    const auto& object = json.as_object();
    company_page page;
    page.total = boost::json::value_to<std::int64_t>(object.at("total"));
    for (const auto& value : object.at("companies").as_array())
        page.companies.push_back(boost::json::value_to<company>(value));
    return page;
}

} // namespace host_sdk
