#pragma once
// Small builders and finders shared by the matching tests.
#include "admin/company_matcher.hpp"
#include "admin/siren.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace jd::admin::testing {

inline dossier make_dossier(std::string id, std::string rs, std::string siren = {}, std::string nic = {}) {
    return dossier{std::move(id), std::move(rs), std::move(siren), std::move(nic)};
}

inline host_company make_company(std::int64_t id, std::string name, std::string siren = {}, std::string siret = {}) {
    return host_company{id, std::move(name), std::move(siren), std::move(siret)};
}

inline stored_link make_link(std::string dossier_id, std::int64_t company_id, link_kind kind, bool active = false) {
    return stored_link{std::move(dossier_id), company_id, kind, active};
}

// A valid SIREN built from an 8-digit base by appending its Luhn check digit.
inline std::string siren_from_base(std::uint32_t base) {
    std::string digits = std::to_string(base);
    digits.insert(0, 8 - digits.size(), '0');
    for (char key = '0'; key <= '9'; ++key) {
        if (luhn_valid(digits + key)) {
            return digits + key;
        }
    }
    return digits + '0';
}

inline const match_link* find_link(const match_result& r, std::string_view dossier_id) {
    for (const match_link& link : r.links) {
        if (link.dossier.id == dossier_id) {
            return &link;
        }
    }
    return nullptr;
}

inline const proposal* find_proposal(const match_result& r, std::string_view dossier_id) {
    for (const proposal& p : r.proposals) {
        if (p.dossier.id == dossier_id) {
            return &p;
        }
    }
    return nullptr;
}

inline const unmatched_dossier* find_unmatched_dossier(const match_result& r, std::string_view dossier_id) {
    for (const unmatched_dossier& d : r.unmatched_dossiers) {
        if (d.dossier.id == dossier_id) {
            return &d;
        }
    }
    return nullptr;
}

inline const unmatched_company* find_unmatched_company(const match_result& r, std::int64_t company_id) {
    for (const unmatched_company& c : r.unmatched_companies) {
        if (c.company.id == company_id) {
            return &c;
        }
    }
    return nullptr;
}

inline bool has_warning(const match_result& r, warning_code code) {
    for (const match_warning& w : r.warnings) {
        if (w.code == code) {
            return true;
        }
    }
    return false;
}

// Every dossier is linked or unmatched, never both; proposals are a subset of the unmatched.
inline bool summary_consistent(const match_result& r) {
    const match_summary& s = r.summary;
    return s.dossiers == s.exact + s.confirmed + s.unmatched_dossiers && s.proposed <= s.unmatched_dossiers &&
           s.exact + s.confirmed == r.links.size() && s.proposed == r.proposals.size() &&
           s.unmatched_dossiers == r.unmatched_dossiers.size() && s.unmatched_companies == r.unmatched_companies.size();
}

} // namespace jd::admin::testing
