#include "admin/match_model.hpp"

namespace jd::admin {

std::string_view to_string(link_kind kind) {
    switch (kind) {
    case link_kind::exact: return "exact";
    case link_kind::confirmed: return "confirmed";
    }
    return "exact";
}

std::string_view to_string(dossier_reason reason) {
    switch (reason) {
    case dossier_reason::empty_name: return "empty_name";
    case dossier_reason::ambiguous_company_name: return "ambiguous_company_name";
    case dossier_reason::ambiguous_dossier_name: return "ambiguous_dossier_name";
    case dossier_reason::company_already_linked: return "company_already_linked";
    case dossier_reason::no_exact_match: return "no_exact_match";
    }
    return "no_exact_match";
}

std::string_view to_string(company_reason reason) {
    switch (reason) {
    case company_reason::empty_name: return "empty_name";
    case company_reason::ambiguous_company_name: return "ambiguous_company_name";
    case company_reason::ambiguous_dossier_name: return "ambiguous_dossier_name";
    case company_reason::dossier_already_linked: return "dossier_already_linked";
    case company_reason::no_dossier: return "no_dossier";
    }
    return "no_dossier";
}

std::string_view to_string(warning_code code) {
    switch (code) {
    case warning_code::invalid_dossier_siren: return "invalid_dossier_siren";
    case warning_code::invalid_dossier_siret: return "invalid_dossier_siret";
    case warning_code::invalid_company_siren: return "invalid_company_siren";
    case warning_code::invalid_company_siret: return "invalid_company_siret";
    case warning_code::siren_siret_mismatch: return "siren_siret_mismatch";
    case warning_code::invalid_utf8_rs: return "invalid_utf8_rs";
    case warning_code::invalid_utf8_legal_name: return "invalid_utf8_legal_name";
    case warning_code::duplicate_dossier_id: return "duplicate_dossier_id";
    case warning_code::duplicate_company_id: return "duplicate_company_id";
    case warning_code::link_siren_mismatch: return "link_siren_mismatch";
    case warning_code::link_dossier_missing: return "link_dossier_missing";
    case warning_code::link_company_missing: return "link_company_missing";
    case warning_code::link_name_changed: return "link_name_changed";
    case warning_code::link_duplicate: return "link_duplicate";
    }
    return "invalid_dossier_siren";
}

std::vector<std::string_view> candidate_reason_codes(std::uint8_t reasons) {
    std::vector<std::string_view> codes;
    if ((reasons & candidate_reason::same_legal_name) != 0) {
        codes.emplace_back("same_legal_name");
    }
    if ((reasons & candidate_reason::same_siren) != 0) {
        codes.emplace_back("same_siren");
    }
    if ((reasons & candidate_reason::same_normalised_name) != 0) {
        codes.emplace_back("same_normalised_name");
    }
    if ((reasons & candidate_reason::previously_linked) != 0) {
        codes.emplace_back("previously_linked");
    }
    return codes;
}

} // namespace jd::admin
