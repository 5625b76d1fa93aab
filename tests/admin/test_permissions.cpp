// The permission matrix: every operation × {both platform rights, configuration only, administration only,
// none} (plus a user holding only the companies' accounting right), against the real plugin. A refusal
// carries the exact message naming the missing right(s), and changes nothing in the plugin's store.
#include "admin_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <iomanip>
#include <iostream>

using namespace admin_test;

namespace {

const std::string missing_configuration =
    "Accès refusé : il vous manque le droit « Autoriser l'accès à la configuration de la plateforme » "
    "(platform.configuration). Le paramétrage de JeDeclare.com demande les deux droits de plateforme (configuration "
    "et administration).";
const std::string missing_administration =
    "Accès refusé : il vous manque le droit « Autoriser l'accès à l'administration de la plateforme » "
    "(platform.administration). Le paramétrage de JeDeclare.com demande les deux droits de plateforme (configuration "
    "et administration).";
const std::string missing_both =
    "Accès refusé : il vous manque les droits « Autoriser l'accès à la configuration de la plateforme » "
    "(platform.configuration) et « Autoriser l'accès à l'administration de la plateforme » (platform.administration). "
    "Le paramétrage de JeDeclare.com demande les deux droits de plateforme (configuration et administration).";

std::string missing_company_right(std::int64_t company_id) {
    return "Accès refusé : il vous manque le droit « Autoriser l'accès au paramétrage de la comptabilité » "
           "(company.accounting_settings) sur la société n° " +
           std::to_string(company_id) +
           " ; il est nécessaire pour rattacher les comptes bancaires JeDéclare de cette société.";
}

struct matrix_row {
    std::string operation;
    std::vector<std::string> cells; // one per user column
};

const std::vector<std::string> columns{"admin", "config_only", "admin_only", "nobody", "accountant"};
const std::vector<std::string> column_titles{"both rights", "configuration only", "administration only", "none",
                                             "company right only"};

void print_matrix(const std::vector<matrix_row>& rows) {
    std::ostringstream out;
    out << "\nPermission matrix (allowed / refused: the missing rights named in the message)\n";
    out << std::left << std::setw(24) << "operation";
    for (const auto& title : column_titles) out << std::setw(22) << title;
    out << '\n';
    for (const auto& row : rows) {
        out << std::setw(24) << row.operation;
        for (const auto& cell : row.cells) out << std::setw(22) << cell;
        out << '\n';
    }
    std::cout << out.str() << std::flush;
    BOOST_TEST_MESSAGE(out.str());
}

std::string cell_of(const outcome& result) {
    if (result.ok()) return "allowed";
    if (result.status != HS_E_PERMISSION_DENIED) return "ERROR " + std::string(host_sdk::status_name(result.status));
    if (result.message == missing_both) return "refused (both)";
    if (result.message == missing_configuration) return "refused (config.)";
    if (result.message == missing_administration) return "refused (admin.)";
    if (contains(result.message, "company.accounting_settings")) return "refused (company)";
    return "refused (?)";
}

} // namespace

BOOST_AUTO_TEST_SUITE(permissions)

BOOST_AUTO_TEST_CASE(every_admin_operation_checks_the_rights_on_every_call) {
    host_bench host;
    host.seed(host.simulator_seed());
    const std::string id = "jd-matrix";
    auto instance = host.open(id);
    const auto snapshot = [&] { return store_snapshot(host.plugin_data(id), id); };
    std::vector<matrix_row> rows;

    // The expected refusal of a platform operation for each column.
    const std::map<std::string, std::string> platform_refusal{{"config_only", missing_administration},
                                                             {"admin_only", missing_configuration},
                                                             {"nobody", missing_both},
                                                             {"accountant", missing_both}};

    // Runs `op` for every column, the refused users first, then the allowed one; checks messages and that a
    // refusal changed nothing. Returns the allowed outcome.
    const auto check_operation = [&](const std::string& name, operation op, const json::value& input,
                                     std::int64_t company_id) {
        matrix_row row{name, std::vector<std::string>(columns.size())};
        outcome allowed;
        for (std::size_t pass = 0; pass < 2; ++pass) {
            for (std::size_t c = 0; c < columns.size(); ++c) {
                const auto& user = columns[c];
                const bool expected_allowed = company_id == 0 ? user == "admin" : (user == "admin" || user == "accountant");
                if ((pass == 0) == expected_allowed) continue; // refused ones in the first pass
                const auto before = snapshot();
                const auto result = run(*instance, op, as(user), input);
                row.cells[c] = cell_of(result);
                if (expected_allowed) {
                    BOOST_TEST(result.ok(), name << " as " << user << ": " << describe(result));
                    if (user == "admin") allowed = result;
                    continue;
                }
                BOOST_TEST(result.status == HS_E_PERMISSION_DENIED, name << " as " << user << ": " << describe(result));
                const std::string expected =
                    company_id == 0 ? platform_refusal.at(user) : missing_company_right(company_id);
                BOOST_TEST(result.message == expected, name << " as " << user);
                BOOST_TEST(snapshot() == before, name << " as " << user << " changed the store");
            }
        }
        rows.push_back(row);
        return allowed;
    };

    // The first configuration, then every later change, need both rights.
    check_operation("configure (first)", operation::configure, sim_form(), 0);
    auto update = sim_form();
    update.erase("password");
    update["version"] = "1.1";
    check_operation("configure (change)", operation::configure, update, 0);
    check_operation("get_configuration", operation::get_configuration, json::object{}, 0);
    check_operation("test_connection", operation::test_connection, json::object{}, 0);
    const auto report = check_operation("match_companies", operation::match_companies, json::object{}, 0);
    BOOST_REQUIRE(report.ok());

    // A proposal to confirm, a linked company to activate, and one of its RIBs with a proposed account.
    const auto& proposals = report.object().at("proposals").as_array();
    BOOST_REQUIRE(!proposals.empty());
    const auto& proposal = proposals.at(0).as_object();
    const json::object confirm{{"dossier_id", proposal.at("dossier_id")},
                               {"company_id", proposal.at("candidates").as_array().at(0).as_object().at("company_id")},
                               {"action", "link"}};
    check_operation("confirm_company_match", operation::confirm_company_match, confirm, 0);

    std::int64_t company = 0;
    json::object bank_link;
    for (const auto& item : report.object().at("links").as_array()) {
        const auto candidate = item.as_object().at("company_id").as_int64();
        const auto listed = run(*instance, operation::list_bank_links, as("admin"), json::object{{"company_id", candidate}});
        BOOST_REQUIRE(listed.ok());
        for (const auto& rib : listed.object().at("ribs").as_array()) {
            if (!rib.as_object().at("proposed_bank_account_id").is_null()) {
                company = candidate;
                bank_link = {{"company_id", candidate},
                             {"rib_key", rib.as_object().at("rib_key")},
                             {"bank_account_id", rib.as_object().at("proposed_bank_account_id")}};
                break;
            }
        }
        if (company != 0) break;
    }
    BOOST_REQUIRE(company != 0);
    check_operation("set_activation", operation::set_activation,
                    json::object{{"companies", json::array{json::object{{"company_id", company}, {"active", true}}}}}, 0);
    check_operation("list_bank_links", operation::list_bank_links, json::object{{"company_id", company}}, company);
    check_operation("set_bank_link", operation::set_bank_link, bank_link, company);
    check_operation("status", operation::status, json::object{}, 0);
    check_operation("sync (manual)", operation::sync, json::object{{"trigger", "manual"}}, 0);

    print_matrix(rows);

    // The scheduler's run needs no right.
    const auto scheduled = run(*instance, operation::sync, as(""), json::object{{"trigger", "scheduler"}});
    BOOST_TEST(scheduled.ok(), describe(scheduled));
    // A manual sync without a user is refused.
    const auto anonymous = run(*instance, operation::sync, as(""), json::object{{"trigger", "manual"}});
    BOOST_TEST(anonymous.status == HS_E_PERMISSION_DENIED, describe(anonymous));
}

BOOST_AUTO_TEST_CASE(refusals_speak_english_when_asked) {
    host_bench host;
    host.seed(host.simulator_seed());
    auto instance = host.open("jd-en");
    const auto result = run(*instance, operation::get_configuration, as("config_only", "en"));
    BOOST_TEST(result.status == HS_E_PERMISSION_DENIED);
    BOOST_TEST(result.message ==
               "Access denied: you lack the right \"Allow access to the platform administration\" "
               "(platform.administration). Setting up JeDeclare.com needs both platform rights (configuration and "
               "administration).");
    const auto bank = run(*instance, operation::list_bank_links, as("nobody", "en"), json::object{{"company_id", 3}});
    BOOST_TEST(bank.message ==
               "Access denied: you lack the right \"Allow access to the accounting settings\" "
               "(company.accounting_settings) on company #3; it is needed to link this company's JeDéclare bank "
               "accounts.");
}

BOOST_AUTO_TEST_CASE(a_right_withdrawn_takes_effect_at_the_next_call) {
    host_bench host;
    auto seed = host.simulator_seed();
    host.seed(seed);
    auto instance = host.open("jd-withdrawn");
    BOOST_TEST(run(*instance, operation::get_configuration, as("admin")).ok());
    // The platform takes the administration right away from admin (the seed is an upsert of the user).
    for (auto& user : seed.at("users").as_array()) {
        auto& object = user.as_object();
        if (object.at("id").as_string() == "admin") object["rights"] = json::array{"platform.configuration"};
    }
    host.seed(seed);
    const auto result = run(*instance, operation::get_configuration, as("admin"));
    BOOST_TEST(result.status == HS_E_PERMISSION_DENIED, describe(result));
    BOOST_TEST(result.message == missing_administration);
}

BOOST_AUTO_TEST_SUITE_END()
