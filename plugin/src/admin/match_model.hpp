#pragma once
// What the company-matching engine takes and gives: plain data, no I/O, no language.
#include "admin/siren.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jd::admin {

// ---- Input -------------------------------------------------------------------------------------------

// A JeDéclare client dossier, as listed by GET compte/{c}/dossierClient (client/{id, rs, siretPrincipal}).
struct dossier {
    std::string id;
    std::string rs;    // raison sociale
    std::string siren;
    std::string nic;
};

// A company of the host platform (hs_host_api_v1 list_companies / get_company).
struct host_company {
    std::int64_t id = 0;
    std::string legal_name;
    std::string siren;
    std::string siret;
};

enum class link_kind {
    exact,     // same raison sociale byte for byte, linked without asking
    confirmed, // chosen by an administrator; survives later renames on either side
};

// A link the plugin has stored (from an earlier match or an administrator's confirmation).
struct stored_link {
    std::string dossier_id;
    std::int64_t company_id = 0;
    link_kind kind = link_kind::exact;
    bool active = false; // deliveries switched on for this company
};

struct match_input {
    std::vector<dossier> dossiers;
    std::vector<host_company> companies;
    std::vector<stored_link> links;
};

struct match_options {
    std::size_t max_candidates = 10; // per proposal; the total is still counted
    std::size_t max_examples = 5;    // names quoted in explanations (ambiguities, "proposed for")
};

// ---- Output ------------------------------------------------------------------------------------------

struct dossier_ref {
    std::string id;
    std::string rs;
    std::string siren;
};

struct company_ref {
    std::int64_t id = 0;
    std::string legal_name;
    std::string siren; // as given, or taken from the SIRET when the SIREN is empty
};

// Why a company is proposed for a dossier: a set of these bits.
namespace candidate_reason {
inline constexpr std::uint8_t same_legal_name = 1U << 0;      // byte-equal, but the match is ambiguous
inline constexpr std::uint8_t same_siren = 1U << 1;           // both SIRENs valid and equal
inline constexpr std::uint8_t same_normalised_name = 1U << 2; // see normalise_company_name
inline constexpr std::uint8_t previously_linked = 1U << 3;    // an exact link broken by a rename
} // namespace candidate_reason

struct candidate {
    company_ref company;
    std::uint8_t reasons = 0;
};

struct match_link {
    dossier_ref dossier;
    company_ref company;
    link_kind kind = link_kind::exact;
    bool active = false;
    bool stored = false; // false: a new exact link, for the admin service to store
};

struct proposal {
    dossier_ref dossier;
    std::vector<candidate> candidates; // best first, at most match_options::max_candidates
    std::size_t total_candidates = 0;
};

enum class dossier_reason {
    empty_name,             // the dossier has no raison sociale
    ambiguous_company_name, // several host companies bear exactly this raison sociale
    ambiguous_dossier_name, // several dossiers bear exactly this raison sociale
    company_already_linked, // the one company bearing it is linked to another dossier
    no_exact_match,         // no host company bears exactly this raison sociale
};

enum class company_reason {
    empty_name,
    ambiguous_company_name, // another host company bears exactly the same legal name
    ambiguous_dossier_name, // several dossiers bear exactly this legal name
    dossier_already_linked, // the one dossier bearing it is linked to another company
    no_dossier,             // no dossier bears exactly this legal name
};

// A close company that was not proposed because it is already linked to another dossier.
struct taken_candidate {
    company_ref company;
    std::string dossier_id;
    std::uint8_t reasons = 0;
};

struct unmatched_dossier {
    dossier_ref dossier;
    dossier_reason reason = dossier_reason::no_exact_match;
    std::vector<company_ref> same_name_companies; // bearing exactly `rs` (examples)
    std::size_t same_name_company_count = 0;
    std::size_t same_name_dossier_count = 0; // this one included
    std::vector<taken_candidate> linked_elsewhere; // examples
    std::size_t linked_elsewhere_count = 0;
    std::vector<candidate> candidates; // the proposal's candidates (empty: nothing to propose)
    std::size_t total_candidates = 0;
    identifier_status siren_status = identifier_status::absent;
    std::optional<std::size_t> invalid_utf8_offset;
};

struct unmatched_company {
    company_ref company;
    company_reason reason = company_reason::no_dossier;
    std::size_t same_name_company_count = 0; // this one included
    std::size_t same_name_dossier_count = 0;
    std::optional<dossier_ref> linked_dossier;      // dossier_already_linked: that dossier…
    std::optional<std::int64_t> linked_dossier_company; // …and the company it is linked to
    std::vector<dossier_ref> proposed_for;          // dossiers this company is a candidate for (examples)
    std::size_t proposed_for_count = 0;
    identifier_status siren_status = identifier_status::absent;
    std::optional<std::size_t> invalid_utf8_offset;
};

enum class warning_code {
    invalid_dossier_siren,
    invalid_dossier_siret,  // SIREN + NIC
    invalid_company_siren,
    invalid_company_siret,
    siren_siret_mismatch,   // the company's SIRET does not start with its SIREN
    invalid_utf8_rs,
    invalid_utf8_legal_name,
    duplicate_dossier_id,   // later occurrences are ignored
    duplicate_company_id,
    link_siren_mismatch,    // a kept link joins two different valid SIRENs
    link_dossier_missing,   // a stored link whose dossier is gone: stale
    link_company_missing,   // a stored link whose company is gone: stale
    link_name_changed,      // a stored exact link whose names no longer agree: stale, re-proposed
    link_duplicate,         // a second stored link for one dossier: stale
};

struct match_warning {
    warning_code code = warning_code::invalid_dossier_siren;
    std::optional<std::string> dossier_id;
    std::optional<std::int64_t> company_id;
    std::string dossier_name;
    std::string company_name;
    std::string value;       // the identifier at fault, or the byte offset of bad UTF-8
    std::string other_value; // the other identifier of a mismatch
};

// A stored link the engine no longer applies; the admin service should delete it.
struct stale_link {
    stored_link link;
    warning_code reason = warning_code::link_dossier_missing;
};

struct match_summary {
    std::size_t dossiers = 0;
    std::size_t companies = 0;
    std::size_t exact = 0;
    std::size_t confirmed = 0;
    std::size_t proposed = 0;           // dossiers with at least one candidate (all are also unmatched)
    std::size_t unmatched_dossiers = 0; // dossiers = exact + confirmed + unmatched_dossiers
    std::size_t unmatched_companies = 0;
};

struct match_result {
    match_summary summary;
    std::vector<match_link> links;                // in dossier order
    std::vector<proposal> proposals;              // in dossier order
    std::vector<unmatched_dossier> unmatched_dossiers;
    std::vector<unmatched_company> unmatched_companies;
    std::vector<stale_link> stale_links;
    std::vector<match_warning> warnings;
};

// Stable codes, as they appear in JSON.
std::string_view to_string(link_kind kind);
std::string_view to_string(dossier_reason reason);
std::string_view to_string(company_reason reason);
std::string_view to_string(warning_code code);
// The reason bits as codes, in a fixed order: same_legal_name, same_siren, same_normalised_name,
// previously_linked.
std::vector<std::string_view> candidate_reason_codes(std::uint8_t reasons);

} // namespace jd::admin
