// Matching the simulator's firm (tricky names: case, accents, apostrophes, & / ET, moved legal forms,
// near-duplicates, one exact duplicate name, SIREN-only matches) through the real plugin: only exact names
// are linked, everything else is proposed with its reasons, and an administrator's confirmation survives a
// later rename.
#include "admin_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <iostream>
#include <set>

using namespace admin_test;

namespace {

std::set<std::int64_t> candidate_ids(const json::object& proposal) {
    std::set<std::int64_t> ids;
    for (const auto& c : proposal.at("candidates").as_array()) ids.insert(c.as_object().at("company_id").as_int64());
    return ids;
}

const json::object* find_by(const json::array& items, const std::string& key, const json::value& value) {
    for (const auto& item : items)
        if (item.as_object().at(key) == value) return &item.as_object();
    return nullptr;
}

// Renames a company on the platform (the seed is an upsert by id).
void rename_company(host_bench& host, json::object seed, std::int64_t company_id, const std::string& name) {
    json::array companies;
    for (const auto& c : seed.at("companies").as_array()) {
        if (c.as_object().at("id").as_int64() != company_id) continue;
        auto copy = c.as_object();
        copy["legal_name"] = name;
        companies.push_back(copy);
    }
    host.seed(json::object{{"users", json::array{}}, {"companies", companies}});
}

} // namespace

BOOST_AUTO_TEST_SUITE(matching)

BOOST_AUTO_TEST_CASE(only_exact_names_are_linked_and_every_other_case_is_explained) {
    configured_bench bench("jd-match");
    const auto report = bench.call(operation::match_companies);
    BOOST_REQUIRE(report.ok());
    const auto& r = report.object();
    const auto& summary = r.at("summary").as_object();
    const auto exact = summary.at("exact").as_int64();
    std::cout << "match report on the simulator's firm (seed 7, 24 dossiers): " << json::serialize(summary) << '\n';
    BOOST_TEST(summary.at("dossiers").as_int64() ==
               exact + summary.at("confirmed").as_int64() + summary.at("unmatched_dossiers").as_int64());
    BOOST_TEST(exact > 0);
    BOOST_TEST(summary.at("proposed").as_int64() > 0);
    BOOST_TEST(r.at("stored").as_object().at("new_links").as_int64() == exact);
    BOOST_TEST(contains(std::string(r.at("text").as_string()), "Résumé"));

    // Every decision agrees with what the simulator planned.
    const auto truth = truth_by_dossier();
    std::size_t checked_links = 0, checked_proposals = 0, siren_only = 0;
    for (const auto& item : r.at("links").as_array()) {
        const auto& link = item.as_object();
        BOOST_TEST(link.at("kind").as_string() == "exact");
        BOOST_TEST(link.at("new").as_bool());
        const auto found = truth.find(std::string(link.at("dossier_id").as_string()));
        if (found == truth.end()) continue; // a dossier without RIB is absent from the truth
        BOOST_TEST(found->second.link == "exact", link.at("dossier_id").as_string());
        BOOST_TEST(found->second.company_id == link.at("company_id").as_int64());
        ++checked_links;
    }
    for (const auto& [dossier, intended] : truth) {
        const auto* proposal = find_by(r.at("proposals").as_array(), "dossier_id", json::value(dossier));
        const auto* linked = find_by(r.at("links").as_array(), "dossier_id", json::value(dossier));
        if (intended.link == "exact") {
            BOOST_TEST(linked != nullptr, "exact dossier " << dossier << " not linked");
            continue;
        }
        BOOST_TEST(linked == nullptr, intended.link << " dossier " << dossier << " linked silently");
        if (intended.link == "no_company") continue;
        BOOST_REQUIRE_MESSAGE(proposal != nullptr, intended.link << " dossier " << dossier << " not proposed");
        if (intended.company_id != 0)
            BOOST_TEST(candidate_ids(*proposal).count(intended.company_id) == 1,
                       intended.link << " dossier " << dossier << ": intended company not among the candidates");
        if (intended.link == "siren_only") {
            for (const auto& c : proposal->at("candidates").as_array()) {
                if (c.as_object().at("company_id").as_int64() != intended.company_id) continue;
                const auto reasons = json::serialize(c.as_object().at("reasons"));
                BOOST_TEST(contains(reasons, "same_siren"), reasons);
                BOOST_TEST(!contains(reasons, "same_normalised_name"), reasons);
                ++siren_only;
            }
        }
        if (intended.link == "ambiguous") {
            const auto* unmatched = find_by(r.at("unmatched_dossiers").as_array(), "dossier_id", json::value(dossier));
            BOOST_REQUIRE(unmatched != nullptr);
            BOOST_TEST(std::string(unmatched->at("reason").as_string()).find("ambiguous") == 0);
        }
        ++checked_proposals;
    }
    BOOST_TEST(checked_links > 0);
    BOOST_TEST(checked_proposals > 0);
    BOOST_TEST(siren_only > 0);

    // Nothing but the exact links is stored; a second run stores nothing new.
    const auto snapshot = bench.snapshot();
    std::size_t stored_links = 0;
    for (std::size_t at = snapshot.find("link "); at != std::string::npos; at = snapshot.find("\nlink ", at + 1)) ++stored_links;
    BOOST_TEST(stored_links == static_cast<std::size_t>(exact));
    const auto again = bench.call(operation::match_companies);
    BOOST_TEST(again.object().at("stored").as_object().at("new_links").as_int64() == 0);
    BOOST_TEST(again.object().at("summary").as_object().at("exact").as_int64() == exact);
}

BOOST_AUTO_TEST_CASE(a_confirmed_link_survives_a_rename_and_an_exact_one_is_proposed_again) {
    configured_bench bench("jd-rename");
    const auto seed = bench.host.simulator_seed();
    const auto report = bench.call(operation::match_companies);
    BOOST_REQUIRE(report.ok());
    const auto& proposal = report.object().at("proposals").as_array().at(0).as_object();
    const std::string dossier(proposal.at("dossier_id").as_string());
    const auto company = proposal.at("candidates").as_array().at(0).as_object().at("company_id").as_int64();

    // The administrator confirms; the audit trail says who.
    const auto confirmed = bench.call(operation::confirm_company_match,
                                      json::object{{"dossier_id", dossier}, {"company_id", company}, {"action", "link"}});
    BOOST_REQUIRE(confirmed.ok());
    BOOST_TEST(contains(bench.snapshot(), "audit"));
    BOOST_TEST(contains(bench.snapshot(), "company_link.linked admin"));

    // A second confirmation of another company for the same dossier is refused clearly.
    const auto& exact = report.object().at("links").as_array().at(0).as_object();
    const auto twice = bench.call(operation::confirm_company_match,
                                  json::object{{"dossier_id", dossier},
                                               {"company_id", exact.at("company_id")},
                                               {"action", "link"}});
    BOOST_TEST(twice.status == HS_E_CONFLICT);
    BOOST_TEST(contains(twice.message, "est déjà lié à la société n° " + std::to_string(company)), twice.message);

    // Rename the confirmed company, and the company of an exact (active) link.
    const auto exact_company = exact.at("company_id").as_int64();
    const std::string exact_dossier(exact.at("dossier_id").as_string());
    BOOST_TEST(bench.call(operation::set_activation,
                          json::object{{"companies", json::array{json::object{{"company_id", exact_company}, {"active", true}}}}})
                   .ok());
    rename_company(bench.host, seed, company, "NOUVEAU NOM APRES FUSION");
    rename_company(bench.host, seed, exact_company, std::string(exact.at("legal_name").as_string()) + " (ANCIEN)");

    const auto after = bench.call(operation::match_companies);
    BOOST_REQUIRE(after.ok());
    const auto* kept = find_by(after.object().at("links").as_array(), "dossier_id", json::value(dossier));
    BOOST_REQUIRE(kept != nullptr);
    BOOST_TEST(kept->at("kind").as_string() == "confirmed");
    BOOST_TEST(kept->at("company_id").as_int64() == company);
    BOOST_TEST(kept->at("legal_name").as_string() == "NOUVEAU NOM APRES FUSION");

    // The exact link no longer holds: removed, the company deactivated, and proposed again.
    BOOST_TEST(find_by(after.object().at("links").as_array(), "dossier_id", json::value(exact_dossier)) == nullptr);
    const auto& stored = after.object().at("stored").as_object();
    BOOST_TEST(stored.at("removed_stale_links").as_array().size() == 1u);
    BOOST_TEST(stored.at("deactivated_companies").as_array().at(0).as_int64() == exact_company);
    const auto* again = find_by(after.object().at("proposals").as_array(), "dossier_id", json::value(exact_dossier));
    BOOST_REQUIRE(again != nullptr);
    BOOST_TEST(contains(json::serialize(again->at("candidates")), "previously_linked"));

    // Unlinking the confirmed link (the administrator's decision) is audited too.
    const auto unlinked = bench.call(operation::confirm_company_match,
                                     json::object{{"dossier_id", dossier}, {"company_id", company}, {"action", "unlink"}});
    BOOST_TEST(unlinked.ok(), describe(unlinked));
    BOOST_TEST(contains(bench.snapshot(), "company_link.unlinked admin"));
    const auto missing = bench.call(operation::confirm_company_match,
                                    json::object{{"dossier_id", "no-such-dossier"}, {"company_id", company}});
    BOOST_TEST(missing.status == HS_E_NOT_FOUND);
    BOOST_TEST(contains(missing.message, "ne connaît pas le dossier no-such-dossier"), missing.message);
}

BOOST_AUTO_TEST_SUITE_END()
