#include "admin/company_matcher.hpp"
#include "admin/match_messages.hpp"
#include "matching_fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

using namespace jd::admin;
using namespace jd::admin::testing;

namespace {

bool has_candidate(const proposal& p, std::int64_t company_id, std::uint8_t reasons) {
    return std::any_of(p.candidates.begin(), p.candidates.end(),
                       [&](const candidate& c) { return c.company.id == company_id && c.reasons == reasons; });
}

bool proposes(const match_result& r, std::string_view dossier_id, std::int64_t company_id) {
    const proposal* p = find_proposal(r, dossier_id);
    return p != nullptr && std::any_of(p->candidates.begin(), p->candidates.end(),
                                       [&](const candidate& c) { return c.company.id == company_id; });
}

constexpr std::uint8_t by_name = candidate_reason::same_normalised_name;
constexpr std::uint8_t by_siren = candidate_reason::same_siren;
constexpr std::uint8_t by_exact = candidate_reason::same_legal_name | candidate_reason::same_normalised_name;

} // namespace

BOOST_AUTO_TEST_SUITE(company_matcher)

BOOST_AUTO_TEST_CASE(only_exact_names_are_linked) {
    match_input in;
    in.dossiers = {make_dossier("D1", "SARL L'ÉTOILE"), make_dossier("D2", "L ETOILE SARL"),
                   make_dossier("D3", "Boulangerie\u00a0 Dupont")};
    in.companies = {make_company(1, "SARL L'ÉTOILE"), make_company(2, "l\u2019\u00c9toile S.A.R.L. "),
                    make_company(3, "BOULANGERIE DUPONT")};
    const match_result r = match_companies(in);

    BOOST_TEST(r.links.size() == 1U);
    const match_link* link = find_link(r, "D1");
    BOOST_REQUIRE(link != nullptr);
    BOOST_TEST(link->company.id == 1);
    BOOST_TEST((link->kind == link_kind::exact));
    BOOST_TEST(!link->stored); // new: for the admin service to store
    BOOST_TEST(!link->active);

    // Same name once normalised: proposed, never linked.
    BOOST_TEST(find_link(r, "D2") == nullptr);
    const proposal* p2 = find_proposal(r, "D2");
    BOOST_REQUIRE(p2 != nullptr);
    BOOST_TEST(p2->candidates.size() == 1U); // company 1 is taken by D1
    BOOST_TEST(has_candidate(*p2, 2, by_name));
    const unmatched_dossier* u2 = find_unmatched_dossier(r, "D2");
    BOOST_REQUIRE(u2 != nullptr);
    BOOST_TEST((u2->reason == dossier_reason::no_exact_match));
    BOOST_TEST(u2->linked_elsewhere_count == 1U); // company 1, linked to D1, is explained, not proposed
    BOOST_TEST(u2->linked_elsewhere.front().dossier_id == "D1");

    BOOST_TEST(has_candidate(*find_proposal(r, "D3"), 3, by_name));
    BOOST_TEST(summary_consistent(r));
    BOOST_TEST(r.summary.exact == 1U);
    BOOST_TEST(r.summary.proposed == 2U);
    BOOST_TEST(r.summary.unmatched_dossiers == 2U);
    BOOST_TEST(r.summary.unmatched_companies == 2U);
    const unmatched_company* c2 = find_unmatched_company(r, 2);
    BOOST_REQUIRE(c2 != nullptr);
    BOOST_TEST((c2->reason == company_reason::no_dossier));
    BOOST_TEST(c2->proposed_for_count == 1U);
    BOOST_TEST(c2->proposed_for.front().id == "D2");
}

BOOST_AUTO_TEST_CASE(exact_means_byte_equal) {
    match_input in;
    in.dossiers = {make_dossier("D1", "ALPHA "), make_dossier("D2", "beta"), make_dossier("D3", "GAMMA\u00a0SA")};
    in.companies = {make_company(1, "ALPHA"), make_company(2, "BETA"), make_company(3, "GAMMA SA")};
    const match_result r = match_companies(in);
    BOOST_TEST(r.links.empty());
    BOOST_TEST(r.proposals.size() == 3U);
}

BOOST_AUTO_TEST_CASE(two_companies_with_the_same_name_are_not_linked) {
    match_input in;
    const std::string siren = "552100554";
    in.dossiers = {make_dossier("D1", "ALPHA", siren)};
    in.companies = {make_company(1, "ALPHA"), make_company(2, "ALPHA", siren), make_company(3, "ALPHA 2")};
    const match_result r = match_companies(in);

    BOOST_TEST(r.links.empty());
    const unmatched_dossier* u = find_unmatched_dossier(r, "D1");
    BOOST_REQUIRE(u != nullptr);
    BOOST_TEST((u->reason == dossier_reason::ambiguous_company_name));
    BOOST_TEST(u->same_name_company_count == 2U);
    const proposal* p = find_proposal(r, "D1");
    BOOST_REQUIRE(p != nullptr);
    BOOST_TEST(p->candidates.size() == 2U); // never "ALPHA 2"
    // The SIREN does not link, but it ranks its company first.
    BOOST_TEST(p->candidates.front().company.id == 2);
    BOOST_TEST(has_candidate(*p, 2, by_exact | by_siren));
    BOOST_TEST(has_candidate(*p, 1, by_exact));
    for (std::int64_t id : {1, 2}) {
        const unmatched_company* c = find_unmatched_company(r, id);
        BOOST_REQUIRE(c != nullptr);
        BOOST_TEST((c->reason == company_reason::ambiguous_company_name));
    }
    BOOST_TEST((find_unmatched_company(r, 3)->reason == company_reason::no_dossier));
    BOOST_TEST(find_unmatched_company(r, 3)->proposed_for_count == 0U);
    BOOST_TEST(dossier_message(*u, report_language::fr).find("Deux entreprises de la plateforme portent la même "
                                                            "raison sociale \"ALPHA\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(two_dossiers_with_the_same_name_are_not_linked) {
    match_input in;
    in.dossiers = {make_dossier("D1", "BETA"), make_dossier("D2", "BETA")};
    in.companies = {make_company(7, "BETA")};
    const match_result r = match_companies(in);
    BOOST_TEST(r.links.empty());
    for (const char* id : {"D1", "D2"}) {
        const unmatched_dossier* u = find_unmatched_dossier(r, id);
        BOOST_REQUIRE(u != nullptr);
        BOOST_TEST((u->reason == dossier_reason::ambiguous_dossier_name));
        BOOST_TEST(u->same_name_dossier_count == 2U);
        BOOST_TEST(has_candidate(*find_proposal(r, id), 7, by_exact));
    }
    const unmatched_company* c = find_unmatched_company(r, 7);
    BOOST_REQUIRE(c != nullptr);
    BOOST_TEST((c->reason == company_reason::ambiguous_dossier_name));
    BOOST_TEST(c->proposed_for_count == 2U);
}

BOOST_AUTO_TEST_CASE(confirmed_link_survives_renames_on_both_sides) {
    match_input in;
    // The dossier was "DUPONT" and the company "DUPONT SARL" when the administrator linked them; both
    // have been renamed since, and a third company now bears the dossier's new name exactly.
    in.dossiers = {make_dossier("D1", "DUPONT ET FILS")};
    in.companies = {make_company(1, "HOLDING DUPONT"), make_company(9, "DUPONT ET FILS")};
    in.links = {make_link("D1", 1, link_kind::confirmed, true)};
    const match_result r = match_companies(in);

    BOOST_TEST(r.links.size() == 1U);
    const match_link* link = find_link(r, "D1");
    BOOST_REQUIRE(link != nullptr);
    BOOST_TEST(link->company.id == 1);
    BOOST_TEST((link->kind == link_kind::confirmed));
    BOOST_TEST(link->stored);
    BOOST_TEST(link->active);
    BOOST_TEST(r.proposals.empty());
    BOOST_TEST(r.stale_links.empty());
    BOOST_TEST(r.summary.confirmed == 1U);
    const unmatched_company* c9 = find_unmatched_company(r, 9);
    BOOST_REQUIRE(c9 != nullptr);
    BOOST_TEST((c9->reason == company_reason::dossier_already_linked));
    BOOST_REQUIRE(c9->linked_dossier.has_value());
    BOOST_TEST(c9->linked_dossier->id == "D1");
    BOOST_TEST(c9->linked_dossier_company.value() == 1);
    BOOST_TEST(company_message(*c9, report_language::fr) ==
               "Le dossier D1 porte exactement la raison sociale \"DUPONT ET FILS\" mais il est déjà rapproché de "
               "l'entreprise n° 1.");
    BOOST_TEST(company_message(*c9, report_language::en) ==
               "Dossier D1 has exactly the legal name \"DUPONT ET FILS\" but is already linked to company #1.");
}

BOOST_AUTO_TEST_CASE(stored_exact_link_kept_while_names_agree) {
    match_input in;
    in.dossiers = {make_dossier("D1", "GAMMA")};
    in.companies = {make_company(1, "GAMMA")};
    in.links = {make_link("D1", 1, link_kind::exact, true)};
    const match_result r = match_companies(in);
    BOOST_REQUIRE(r.links.size() == 1U);
    BOOST_TEST(r.links.front().stored);
    BOOST_TEST((r.links.front().kind == link_kind::exact));
    BOOST_TEST(r.links.front().active);
    BOOST_TEST(r.warnings.empty());

    // A later second company with the same name does not undo a stored link whose names still agree.
    in.companies.push_back(make_company(2, "GAMMA"));
    const match_result later = match_companies(in);
    BOOST_TEST(later.links.size() == 1U);
    BOOST_TEST(later.links.front().company.id == 1);
    BOOST_TEST((find_unmatched_company(later, 2)->reason == company_reason::dossier_already_linked));
}

BOOST_AUTO_TEST_CASE(stored_exact_link_broken_by_a_rename_is_re_proposed) {
    match_input in;
    in.dossiers = {make_dossier("D1", "GAMMA")};
    in.companies = {make_company(1, "GAMMA HOLDING")};
    in.links = {make_link("D1", 1, link_kind::exact, true)};
    const match_result r = match_companies(in);
    BOOST_TEST(r.links.empty());
    BOOST_REQUIRE(r.stale_links.size() == 1U);
    BOOST_TEST((r.stale_links.front().reason == warning_code::link_name_changed));
    BOOST_TEST(has_warning(r, warning_code::link_name_changed));
    const proposal* p = find_proposal(r, "D1");
    BOOST_REQUIRE(p != nullptr);
    BOOST_TEST(has_candidate(*p, 1, candidate_reason::previously_linked));
}

BOOST_AUTO_TEST_CASE(matching_is_idempotent_once_links_are_stored) {
    match_input in;
    in.dossiers = {make_dossier("D1", "ALPHA"), make_dossier("D2", "BETA SARL"), make_dossier("D3", "GAMMA")};
    in.companies = {make_company(1, "ALPHA"), make_company(2, "SARL BETA"), make_company(3, "GAMMA")};
    const match_result first = match_companies(in);
    BOOST_TEST(first.links.size() == 2U);
    for (const match_link& link : first.links) {
        in.links.push_back(make_link(link.dossier.id, link.company.id, link.kind));
    }
    in.links.push_back(make_link("D2", 2, link_kind::confirmed)); // the administrator confirms the proposal
    const match_result second = match_companies(in);
    BOOST_TEST(second.links.size() == 3U);
    BOOST_TEST(std::all_of(second.links.begin(), second.links.end(), [](const match_link& l) { return l.stored; }));
    BOOST_TEST(second.summary.exact == 2U);
    BOOST_TEST(second.summary.confirmed == 1U);
    BOOST_TEST(second.proposals.empty());
    BOOST_TEST(second.unmatched_dossiers.empty());
    BOOST_TEST(second.unmatched_companies.empty());
    BOOST_TEST(second.warnings.empty());
}

BOOST_AUTO_TEST_CASE(siren_only_proposals) {
    match_input in;
    in.dossiers = {make_dossier("D1", "ACME INDUSTRIES", "552 100 554"), make_dossier("D2", "OMEGA", "732829320")};
    in.companies = {make_company(1, "ZETA CORP", "552100554"),
                    make_company(2, "OMEGA TRADING", "", "73282932000074")}; // SIREN taken from the SIRET
    const match_result r = match_companies(in);
    BOOST_TEST(r.links.empty());
    BOOST_TEST(has_candidate(*find_proposal(r, "D1"), 1, by_siren));
    const proposal* p2 = find_proposal(r, "D2");
    BOOST_REQUIRE(p2 != nullptr);
    BOOST_TEST(has_candidate(*p2, 2, by_siren));
    const std::string fr = dossier_message(*find_unmatched_dossier(r, "D1"), report_language::fr);
    BOOST_TEST(fr == "Aucune entreprise de la plateforme ne porte exactement la raison sociale \"ACME INDUSTRIES\" ; "
                     "entreprise proche : \"ZETA CORP\" (n° 1, même SIREN) — à confirmer.");
    const std::string en = dossier_message(*find_unmatched_dossier(r, "D1"), report_language::en);
    BOOST_TEST(en == "No company on the platform has exactly the legal name \"ACME INDUSTRIES\"; close company: "
                     "\"ZETA CORP\" (#1, same SIREN) — to be confirmed.");
}

BOOST_AUTO_TEST_CASE(invalid_siren_is_reported_and_never_used) {
    match_input in;
    in.dossiers = {make_dossier("D1", "ACME", "552100555"), make_dossier("D2", "NULL CORP", "000000000")};
    in.companies = {make_company(1, "ZETA", "552100555"), make_company(2, "VOID", "000000000")};
    const match_result r = match_companies(in);
    BOOST_TEST(r.proposals.empty());
    BOOST_TEST(has_warning(r, warning_code::invalid_dossier_siren));
    BOOST_TEST(has_warning(r, warning_code::invalid_company_siren));
    const unmatched_dossier* u = find_unmatched_dossier(r, "D1");
    BOOST_REQUIRE(u != nullptr);
    BOOST_TEST((u->siren_status == identifier_status::bad_checksum));
    BOOST_TEST(dossier_message(*u, report_language::fr).find("SIREN invalide (\"552100555\", clé de contrôle "
                                                            "incorrecte)") != std::string::npos);
    BOOST_TEST(dossier_message(*u, report_language::en).find("Invalid SIREN (\"552100555\", wrong check digit)") !=
               std::string::npos);
    BOOST_TEST((find_unmatched_dossier(r, "D2")->siren_status == identifier_status::placeholder));
}

BOOST_AUTO_TEST_CASE(siren_taken_from_a_siret_is_checked_too) {
    match_input in;
    in.dossiers = {make_dossier("D1", "ONE", "100000000")};
    in.companies = {make_company(1, "TWO", "", "10000000000008")}; // a Luhn-valid SIRET, a bad SIREN prefix
    const match_result r = match_companies(in);
    BOOST_TEST(r.proposals.empty());
    BOOST_TEST(has_warning(r, warning_code::invalid_company_siren));
    BOOST_TEST(!has_warning(r, warning_code::invalid_company_siret));
}

BOOST_AUTO_TEST_CASE(near_duplicates_are_not_proposed) {
    match_input in;
    in.dossiers = {make_dossier("D1", "ALPHA 2"), make_dossier("D2", "SCI DUPONT"), make_dossier("D3", "DUPONT SCI"),
                   make_dossier("D4", "DUPONT")};
    in.companies = {make_company(1, "ALPHA"), make_company(2, "SCI DUPONT"), make_company(3, "SARL DUPONT")};
    const match_result r = match_companies(in);

    BOOST_TEST(find_proposal(r, "D1") == nullptr);
    BOOST_TEST((find_unmatched_dossier(r, "D1")->reason == dossier_reason::no_exact_match));
    // Both forms exist: the SCI links exactly, the SARL is never offered for it.
    BOOST_TEST(find_link(r, "D2")->company.id == 2);
    const unmatched_company* sarl = find_unmatched_company(r, 3);
    BOOST_REQUIRE(sarl != nullptr);
    BOOST_TEST((sarl->reason == company_reason::no_dossier));
    // "DUPONT SCI" names the SCI: the SCI is taken, the SARL is not compatible, nothing is proposed.
    BOOST_TEST(!proposes(r, "D3", 3));
    BOOST_TEST(find_unmatched_dossier(r, "D3")->linked_elsewhere_count == 1U);
    // A name without a form may be either: the admin chooses.
    BOOST_TEST(proposes(r, "D4", 3));
    BOOST_TEST(sarl->proposed_for_count == 1U);
}

BOOST_AUTO_TEST_CASE(legal_form_variants_choose_the_compatible_company) {
    match_input in;
    in.dossiers = {make_dossier("D1", "DUPONT SCI"), make_dossier("D2", "EURL DUPONT")};
    in.companies = {make_company(1, "SCI DUPONT"), make_company(2, "SARL DUPONT"), make_company(3, "DUPONT")};
    const match_result r = match_companies(in);
    const proposal* p1 = find_proposal(r, "D1");
    BOOST_REQUIRE(p1 != nullptr);
    BOOST_TEST(p1->total_candidates == 2U); // SCI DUPONT and the formless DUPONT, never the SARL
    BOOST_TEST(proposes(r, "D1", 1));
    BOOST_TEST(proposes(r, "D1", 3));
    BOOST_TEST(!proposes(r, "D1", 2));
    BOOST_TEST(proposes(r, "D2", 2)); // EURL is a one-member SARL
    BOOST_TEST(!proposes(r, "D2", 1));
}

BOOST_AUTO_TEST_CASE(company_already_linked_elsewhere) {
    match_input in;
    in.dossiers = {make_dossier("D1", "DELTA ANCIEN NOM"), make_dossier("D2", "DELTA")};
    in.companies = {make_company(1, "DELTA")};
    in.links = {make_link("D1", 1, link_kind::confirmed)};
    const match_result r = match_companies(in);
    BOOST_TEST(r.links.size() == 1U);
    const unmatched_dossier* u = find_unmatched_dossier(r, "D2");
    BOOST_REQUIRE(u != nullptr);
    BOOST_TEST((u->reason == dossier_reason::company_already_linked));
    BOOST_TEST(find_proposal(r, "D2") == nullptr);
    BOOST_TEST(dossier_message(*u, report_language::fr) ==
               "L'entreprise n° 1 \"DELTA\" porte exactement cette raison sociale mais elle est déjà rapprochée "
               "du dossier D1.");
    BOOST_TEST(dossier_message(*u, report_language::en) ==
               "Company #1 \"DELTA\" has exactly this legal name but is already linked to dossier D1.");
}

BOOST_AUTO_TEST_CASE(unmatched_reasons) {
    match_input in;
    in.dossiers = {make_dossier("D1", ""), make_dossier("D2", "   "), make_dossier("D3", "NOBODY")};
    in.companies = {make_company(1, ""), make_company(2, "LONELY")};
    const match_result r = match_companies(in);
    BOOST_TEST(r.links.empty()); // two empty names are not an exact match
    BOOST_TEST((find_unmatched_dossier(r, "D1")->reason == dossier_reason::empty_name));
    BOOST_TEST((find_unmatched_dossier(r, "D2")->reason == dossier_reason::empty_name));
    BOOST_TEST((find_unmatched_dossier(r, "D3")->reason == dossier_reason::no_exact_match));
    BOOST_TEST((find_unmatched_company(r, 1)->reason == company_reason::empty_name));
    BOOST_TEST((find_unmatched_company(r, 2)->reason == company_reason::no_dossier));
    BOOST_TEST(dossier_message(*find_unmatched_dossier(r, "D3"), report_language::fr) ==
               "Aucune entreprise de la plateforme ne porte exactement la raison sociale \"NOBODY\" ; aucune "
               "entreprise proche (même SIREN ou même nom normalisé).");
    BOOST_TEST(company_message(*find_unmatched_company(r, 2), report_language::en) ==
               "No JeDéclare dossier has exactly the legal name \"LONELY\".");
    BOOST_TEST(summary_consistent(r));
}

BOOST_AUTO_TEST_CASE(stale_and_duplicate_stored_links) {
    match_input in;
    in.dossiers = {make_dossier("D1", "ALPHA"), make_dossier("D2", "BETA")};
    in.companies = {make_company(1, "ALPHA"), make_company(2, "OTHER"), make_company(3, "BETA")};
    in.links = {
        make_link("GONE", 1, link_kind::confirmed),     // dossier no longer listed
        make_link("D2", 99, link_kind::confirmed),      // company deleted
        make_link("D1", 1, link_kind::exact),           // still exact, but…
        make_link("D1", 2, link_kind::confirmed),       // …a confirmed link wins
        make_link("D1", 2, link_kind::confirmed),       // repeated
    };
    const match_result r = match_companies(in);
    BOOST_TEST(find_link(r, "D1")->company.id == 2);
    BOOST_TEST((find_link(r, "D1")->kind == link_kind::confirmed));
    BOOST_TEST(find_link(r, "D2")->company.id == 3); // the dead link is dropped, the exact name links
    BOOST_TEST(r.stale_links.size() == 4U);
    BOOST_TEST(has_warning(r, warning_code::link_dossier_missing));
    BOOST_TEST(has_warning(r, warning_code::link_company_missing));
    BOOST_TEST(has_warning(r, warning_code::link_duplicate));
    BOOST_TEST((find_unmatched_company(r, 1)->reason == company_reason::dossier_already_linked));
}

BOOST_AUTO_TEST_CASE(duplicate_ids_and_siren_mismatches) {
    match_input in;
    in.dossiers = {make_dossier("D1", "ALPHA", "552100554"), make_dossier("D1", "ALPHA BIS")};
    in.companies = {make_company(1, "ALPHA", "732829320"), make_company(1, "ALPHA BIS"),
                    make_company(2, "BETA", "552100554", "73282932000074")};
    const match_result r = match_companies(in);
    BOOST_TEST(r.summary.dossiers == 1U);
    BOOST_TEST(r.summary.companies == 2U);
    BOOST_TEST(has_warning(r, warning_code::duplicate_dossier_id));
    BOOST_TEST(has_warning(r, warning_code::duplicate_company_id));
    BOOST_TEST(has_warning(r, warning_code::link_siren_mismatch)); // exact by name, SIRENs disagree
    BOOST_TEST(has_warning(r, warning_code::siren_siret_mismatch));
    BOOST_TEST(find_link(r, "D1")->company.id == 1); // the name decides, the warning tells
}

BOOST_AUTO_TEST_CASE(invalid_utf8_matches_only_itself) {
    match_input in;
    in.dossiers = {make_dossier("D1", "CAF\xc9 DU PORT"), make_dossier("D2", "H\xd4TEL")};
    in.companies = {make_company(1, "CAF\xc9 DU PORT"), make_company(2, "HOTEL"), make_company(3, "H\u00d4TEL")};
    const match_result r = match_companies(in);
    BOOST_TEST(find_link(r, "D1")->company.id == 1); // byte-equal: the host's own promise
    BOOST_TEST(find_proposal(r, "D2") == nullptr);   // never by name
    BOOST_TEST(has_warning(r, warning_code::invalid_utf8_rs));
    BOOST_TEST(has_warning(r, warning_code::invalid_utf8_legal_name));
    const unmatched_dossier* u = find_unmatched_dossier(r, "D2");
    BOOST_REQUIRE(u != nullptr);
    BOOST_TEST(u->invalid_utf8_offset.value() == 1U);
}

BOOST_AUTO_TEST_CASE(candidates_are_capped_and_counted) {
    match_input in;
    in.dossiers = {make_dossier("D1", "MANY", "552100554")};
    for (std::int64_t id = 1; id <= 15; ++id) {
        in.companies.push_back(make_company(id, "BRANCH " + std::to_string(id), "552100554"));
    }
    match_options options;
    options.max_candidates = 10;
    const match_result r = match_companies(in, options);
    const proposal* p = find_proposal(r, "D1");
    BOOST_REQUIRE(p != nullptr);
    BOOST_TEST(p->candidates.size() == 10U);
    BOOST_TEST(p->total_candidates == 15U);
    BOOST_TEST(p->candidates.front().company.id == 1); // ties keep the host's order
    BOOST_TEST(find_unmatched_company(r, 15)->proposed_for_count == 0U);
}

BOOST_AUTO_TEST_SUITE_END()
