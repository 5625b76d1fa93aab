#include "admin/company_matcher.hpp"
#include "admin/match_report.hpp"
#include "matching_fixtures.hpp"

#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <iostream>
#include <string>

using namespace jd::admin;
using namespace jd::admin::testing;

namespace {

double milliseconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

BOOST_AUTO_TEST_SUITE(matching_scale)

// 5,000 dossiers × 5,000 companies. Correctness is asserted; the time is printed, not asserted.
//   [0, 4000)    exact names and SIRENs            → exact links
//   [4000, 4500) same name once normalised, no SIREN → proposals by name
//   [4500, 4800) unrelated names, same SIREN         → proposals by SIREN
//   [4800, 4900) stored confirmed links, names unrelated
//   [4900, 5000) nothing in common                    → unmatched both sides
BOOST_AUTO_TEST_CASE(five_thousand_by_five_thousand) {
    constexpr int n = 5000;
    match_input in;
    in.dossiers.reserve(n);
    in.companies.reserve(n);
    for (int i = 0; i < n; ++i) {
        const std::string number = std::to_string(i);
        const std::string company_siren = siren_from_base(static_cast<std::uint32_t>(10000000 + i));
        in.companies.push_back(make_company(i + 1, "BOULANGERIE NUMERO " + number + " SARL", company_siren));
        if (i < 4000) {
            in.dossiers.push_back(make_dossier("D" + number, "BOULANGERIE NUMERO " + number + " SARL", company_siren));
        } else if (i < 4500) {
            in.dossiers.push_back(make_dossier("D" + number, "Sarl Boulangerie Numéro " + number));
        } else if (i < 4800) {
            in.dossiers.push_back(make_dossier("D" + number, "CLIENT " + number, company_siren));
        } else if (i < 4900) {
            in.dossiers.push_back(make_dossier("D" + number, "RENOMME " + number));
            in.links.push_back(make_link("D" + number, i + 1, link_kind::confirmed));
        } else {
            in.dossiers.push_back(make_dossier(
                "D" + number, "INCONNU " + number, siren_from_base(static_cast<std::uint32_t>(20000000 + i))));
        }
    }

    const auto start = std::chrono::steady_clock::now();
    const match_result r = match_companies(in);
    const double match_ms = milliseconds_since(start);

    BOOST_TEST(summary_consistent(r));
    BOOST_TEST(r.summary.dossiers == 5000U);
    BOOST_TEST(r.summary.companies == 5000U);
    BOOST_TEST(r.summary.exact == 4000U);
    BOOST_TEST(r.summary.confirmed == 100U);
    BOOST_TEST(r.summary.proposed == 800U);
    BOOST_TEST(r.summary.unmatched_dossiers == 900U);
    BOOST_TEST(r.summary.unmatched_companies == 900U);
    BOOST_TEST(r.warnings.empty());
    bool links_right = true;
    for (const match_link& link : r.links) {
        links_right = links_right && link.dossier.id == "D" + std::to_string(link.company.id - 1);
    }
    BOOST_TEST(links_right);
    bool proposals_right = true;
    for (const proposal& p : r.proposals) {
        const int i = std::stoi(p.dossier.id.substr(1));
        const std::uint8_t expected = i < 4500 ? candidate_reason::same_normalised_name : candidate_reason::same_siren;
        proposals_right = proposals_right && p.candidates.size() == 1U && p.candidates.front().company.id == i + 1 &&
                          p.candidates.front().reasons == expected;
    }
    BOOST_TEST(proposals_right);

    const auto report_start = std::chrono::steady_clock::now();
    const std::string json_text = boost::json::serialize(match_report_json(r));
    const double report_ms = milliseconds_since(report_start);
    BOOST_TEST(json_text.size() > 100000U);

    std::cout << "matching 5000 dossiers x 5000 companies: " << match_ms << " ms; JSON + text report: " << report_ms
              << " ms (" << json_text.size() << " bytes)\n";
}

// One name shared by 2,000 dossiers and 2,000 companies: every exact match is ambiguous. The work and the
// output stay bounded (candidates capped per dossier) instead of growing as 2,000 × 2,000 pairs.
BOOST_AUTO_TEST_CASE(one_huge_ambiguous_bucket) {
    constexpr int n = 2000;
    match_input in;
    for (int i = 0; i < n; ++i) {
        in.dossiers.push_back(make_dossier("D" + std::to_string(i), "SAME NAME"));
        in.companies.push_back(make_company(i + 1, "SAME NAME"));
    }
    const auto start = std::chrono::steady_clock::now();
    const match_result r = match_companies(in);
    const double match_ms = milliseconds_since(start);
    BOOST_TEST(r.links.empty());
    BOOST_TEST(r.proposals.size() == static_cast<std::size_t>(n));
    BOOST_TEST(r.proposals.front().candidates.size() == 10U);
    BOOST_TEST(r.proposals.front().total_candidates == static_cast<std::size_t>(n));
    BOOST_TEST((r.unmatched_dossiers.front().reason == dossier_reason::ambiguous_company_name));
    BOOST_TEST((r.unmatched_companies.front().reason == company_reason::ambiguous_dossier_name));
    std::cout << "one bucket of 2000 dossiers x 2000 companies with the same name: " << match_ms << " ms\n";
}

BOOST_AUTO_TEST_SUITE_END()
