// Activation and the company-level RIB step through the real plugin: only linked companies can be
// activated; a RIB is proposed the bank account with its IBAN; a RIB feeds one bank account and a bank
// account receives one RIB; another company's account is refused; every change is in the audit trail; and
// linking + activating releases the movements a sync had to keep aside.
#include "admin_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <iostream>

using namespace admin_test;

namespace {

struct linked_company {
    std::int64_t company_id = 0;
    json::array ribs;
    json::array accounts;
};

// A company linked by the match, whose dossier has at least `min_ribs` RIBs with a proposed account.
linked_company find_company(configured_bench& bench, const json::object& report, std::size_t min_ribs) {
    for (const auto& item : report.at("links").as_array()) {
        const auto company = item.as_object().at("company_id").as_int64();
        const auto listed = bench.call(operation::list_bank_links, json::object{{"company_id", company}});
        BOOST_REQUIRE(listed.ok());
        std::size_t proposed = 0;
        for (const auto& rib : listed.object().at("ribs").as_array())
            if (!rib.as_object().at("proposed_bank_account_id").is_null()) ++proposed;
        if (proposed >= min_ribs)
            return {company, listed.object().at("ribs").as_array(), listed.object().at("bank_accounts").as_array()};
    }
    return {};
}

json::object activation(std::int64_t company, bool active) {
    return json::object{{"companies", json::array{json::object{{"company_id", company}, {"active", active}}}}};
}

} // namespace

BOOST_AUTO_TEST_SUITE(activation_and_bank_links)

BOOST_AUTO_TEST_CASE(only_linked_companies_can_be_activated) {
    configured_bench bench("jd-activation");
    const auto report = bench.call(operation::match_companies);
    BOOST_REQUIRE(report.ok());
    const auto& unmatched = report.object().at("unmatched_companies").as_array();
    BOOST_REQUIRE(!unmatched.empty());
    const auto lonely = unmatched.at(0).as_object().at("company_id").as_int64();
    const auto linked = report.object().at("links").as_array().at(0).as_object().at("company_id").as_int64();

    // One refused company refuses the whole request: nothing changes.
    const auto before = bench.snapshot();
    const auto refused = bench.call(operation::set_activation,
                                    json::object{{"companies", json::array{json::object{{"company_id", linked}, {"active", true}},
                                                                           json::object{{"company_id", lonely}, {"active", true}}}}});
    BOOST_TEST(refused.status == HS_E_CONFLICT);
    BOOST_TEST(refused.message == "La société n° " + std::to_string(lonely) +
                                      " n'est liée à aucun dossier JeDéclare : elle ne peut pas être activée. Lancez le "
                                      "rapprochement des sociétés et confirmez d'abord son dossier. Rien n'a été modifié.");
    BOOST_TEST(bench.snapshot() == before);
    const auto unknown = bench.call(operation::set_activation, activation(987654, false));
    BOOST_TEST(unknown.status == HS_E_NOT_FOUND);
    const auto malformed = bench.call(operation::set_activation,
                                      json::object{{"companies", json::array{json::object{{"company_id", linked},
                                                                                          {"active", true},
                                                                                          {"deliver_from", "2026-02-30"}}}}});
    BOOST_TEST(malformed.status == HS_E_INVALID_ARGUMENT);
    BOOST_TEST(contains(malformed.message, "companies[0].deliver_from : date AAAA-MM-JJ attendue"), malformed.message);

    // Tick, with a first delivery date; untick. Each change is audited with who did it.
    const auto ticked = bench.call(operation::set_activation,
                                   json::object{{"companies", json::array{json::object{{"company_id", linked},
                                                                                       {"active", true},
                                                                                       {"deliver_from", "2026-01-01"}}}}});
    BOOST_REQUIRE(ticked.ok());
    const auto& changed = ticked.object().at("changed").as_array().at(0).as_object();
    BOOST_TEST(changed.at("active").as_bool());
    BOOST_TEST(changed.at("deliver_from").as_string() == "2026-01-01");
    const auto same = bench.call(operation::set_activation, activation(linked, true));
    BOOST_TEST(same.object().at("unchanged").as_array().size() == 1u);
    BOOST_TEST(bench.call(operation::set_activation, activation(linked, false)).ok());
    const auto trail = bench.snapshot();
    BOOST_TEST(contains(trail, "activation " + std::to_string(linked) + " 0 2026-01-01"), trail);
    std::size_t events = 0;
    for (std::size_t at = trail.find("activation.changed admin"); at != std::string::npos;
         at = trail.find("activation.changed admin", at + 1))
        ++events;
    BOOST_TEST(events == 2u);
}

BOOST_AUTO_TEST_CASE(bank_links_follow_the_rules_and_release_the_quarantine) {
    configured_bench bench("jd-banks");
    const auto report = bench.call(operation::match_companies);
    BOOST_REQUIRE(report.ok());

    simulator().reset_retrievals(); // other test cases of this process may have consumed the pieces
    // A first sync: nothing is linked to a bank account yet, so every movement is kept aside.
    const auto first = bench.call(operation::sync, json::object{{"trigger", "scheduler"}}, "");
    BOOST_REQUIRE(first.ok());
    const auto& movements = first.object().at("movements").as_object();
    BOOST_TEST(movements.at("delivered").as_int64() == 0);
    BOOST_TEST(movements.at("quarantined").as_int64() > 0);

    const auto company = find_company(bench, report.object(), 2);
    BOOST_REQUIRE_MESSAGE(company.company_id != 0, "no linked company with two proposed RIBs in the firm");
    const auto& rib1 = company.ribs.at(0).as_object();
    const auto& rib2 = company.ribs.at(1).as_object();
    BOOST_TEST(rib1.at("source").as_string() == "gestion");
    BOOST_TEST(rib1.at("iban").as_string().size() == 27u);
    BOOST_TEST(std::string(rib1.at("rib").as_string()).size() == 26u); // "30004 00001 00012345678 97"
    const auto account1 = rib1.at("proposed_bank_account_id").as_int64();
    const auto account2 = rib2.at("proposed_bank_account_id").as_int64();
    // The proposal is the account whose IBAN is the RIB's.
    for (const auto& a : company.accounts)
        if (a.as_object().at("id").as_int64() == account1)
            BOOST_TEST(a.as_object().at("iban").as_string() == rib1.at("iban").as_string());

    const json::object link1{{"company_id", company.company_id}, {"rib_key", rib1.at("rib_key")}, {"bank_account_id", account1}};
    const auto linked = bench.call(operation::set_bank_link, link1);
    BOOST_REQUIRE(linked.ok());
    BOOST_TEST(linked.object().at("released").as_int64() == 0); // the company is not active yet

    // The same RIB to a second account, a second RIB to the first account: both refused, clearly.
    auto twice = link1;
    twice["bank_account_id"] = account2;
    auto refused = bench.call(operation::set_bank_link, twice);
    BOOST_TEST(refused.status == HS_E_CONFLICT);
    BOOST_TEST(contains(refused.message, "est déjà lié au compte bancaire n° " + std::to_string(account1)), refused.message);
    BOOST_TEST(contains(refused.message, "un RIB n'alimente qu'un seul compte bancaire"), refused.message);
    json::object crowded{{"company_id", company.company_id}, {"rib_key", rib2.at("rib_key")}, {"bank_account_id", account1}};
    refused = bench.call(operation::set_bank_link, crowded);
    BOOST_TEST(refused.status == HS_E_CONFLICT);
    BOOST_TEST(contains(refused.message, "Le compte bancaire n° " + std::to_string(account1) + " reçoit déjà le RIB"),
               refused.message);

    // An account of another company is refused.
    std::int64_t foreign_account = 0;
    const auto seed = bench.host.simulator_seed();
    for (const auto& c : seed.at("companies").as_array()) {
        if (c.as_object().at("id").as_int64() == company.company_id) continue;
        const auto& accounts = c.as_object().at("bank_accounts").as_array();
        if (!accounts.empty()) {
            foreign_account = accounts.at(0).as_object().at("id").as_int64();
            break;
        }
    }
    auto foreign = link1;
    foreign["rib_key"] = rib2.at("rib_key");
    foreign["bank_account_id"] = foreign_account;
    refused = bench.call(operation::set_bank_link, foreign);
    BOOST_TEST(refused.status == HS_E_INVALID_ARGUMENT);
    BOOST_TEST(contains(refused.message, "Le compte bancaire n° " + std::to_string(foreign_account) +
                                             " n'appartient pas à la société n° " + std::to_string(company.company_id)),
               refused.message);

    // The listing shows the link; linking the second RIB to its own account is fine.
    const auto listed = bench.call(operation::list_bank_links, json::object{{"company_id", company.company_id}});
    for (const auto& rib : listed.object().at("ribs").as_array()) {
        if (rib.as_object().at("rib_key") == rib1.at("rib_key")) {
            BOOST_TEST(rib.as_object().at("bank_account_id").as_int64() == account1);
            BOOST_TEST(rib.as_object().at("proposed_bank_account_id").is_null());
        }
    }
    json::object link2{{"company_id", company.company_id}, {"rib_key", rib2.at("rib_key")}, {"bank_account_id", account2}};
    BOOST_TEST(bench.call(operation::set_bank_link, link2).ok());

    // Activation releases what the first sync kept aside; the next sync delivers it.
    const auto activated = bench.call(operation::set_activation, activation(company.company_id, true));
    BOOST_REQUIRE(activated.ok());
    const auto released = activated.object().at("changed").as_array().at(0).as_object().at("released").as_int64();
    BOOST_TEST(released > 0);
    const auto second = bench.call(operation::sync, json::object{{"trigger", "manual"}});
    BOOST_REQUIRE(second.ok());
    BOOST_TEST(second.object().at("movements").as_object().at("delivered").as_int64() == released);
    std::cout << "bank links: company " << company.company_id << ", " << released
              << " movements released by the activation and delivered by the next sync\n";

    // Unlinking, then the audit trail: who linked, unlinked and activated.
    json::object unlink{{"company_id", company.company_id}, {"rib_key", rib2.at("rib_key")}, {"bank_account_id", nullptr}};
    const auto unlinked = bench.call(operation::set_bank_link, unlink);
    BOOST_TEST(unlinked.ok());
    BOOST_TEST(unlinked.object().at("changed").as_bool());
    const auto trail = bench.snapshot();
    BOOST_TEST(contains(trail, "bank_link.linked admin"));
    BOOST_TEST(contains(trail, "bank_link.unlinked admin"));
    BOOST_TEST(contains(trail, "activation.changed admin"));
    BOOST_TEST(contains(trail, "sync.manual admin"));

    // A malformed or unknown RIB key.
    auto bad = link1;
    bad["rib_key"] = "123";
    refused = bench.call(operation::set_bank_link, bad);
    BOOST_TEST(refused.status == HS_E_INVALID_ARGUMENT);
    bad["rib_key"] = "99999999990000000000Z";
    refused = bench.call(operation::set_bank_link, bad);
    BOOST_TEST(refused.status == HS_E_NOT_FOUND, describe(refused));
}

BOOST_AUTO_TEST_SUITE_END()
