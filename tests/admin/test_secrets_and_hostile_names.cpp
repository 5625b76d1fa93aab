// The password never leaves the host's secret store: not in the plugin's database files, not in the host
// log, not in any error or report (a distinctive password, and the wrong ones tried, are searched for in the
// bytes). And hostile company names (quotes, SQL, very long, control and bidirectional characters) do no harm.
#include "admin_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace admin_test;

namespace {

std::vector<std::filesystem::path> files_under(const std::filesystem::path& root) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec))
        if (entry.is_regular_file()) files.push_back(entry.path());
    return files;
}

} // namespace

BOOST_AUTO_TEST_SUITE(secrets)

BOOST_AUTO_TEST_CASE(the_password_appears_in_no_file_log_error_or_report) {
    const std::string canary = sim_comptes::canary_password;
    const std::string wrong = "Wr0ng-CANARI-9f8e7d";
    host_bench host;
    host.seed(host.simulator_seed());
    auto instance = host.open("jd-canari");
    std::vector<std::string> texts;
    const auto keep = [&](const outcome& result) {
        texts.push_back(result.message);
        if (!result.answer.is_null()) texts.push_back(json::serialize(result.answer));
    };
    const auto form = sim_form(sim_comptes::canary_login, canary, "4245");
    auto bad = form;
    bad["password"] = wrong;
    keep(run(*instance, operation::configure, as("admin"), bad));            // refused: identifiants refusés
    keep(run(*instance, operation::configure, as("admin", "en"), bad));
    keep(run(*instance, operation::configure, as("config_only"), form));     // refused: rights
    keep(run(*instance, operation::configure, as("admin"), form));           // saved
    keep(run(*instance, operation::get_configuration, as("admin")));
    keep(run(*instance, operation::test_connection, as("admin")));
    keep(run(*instance, operation::test_connection, as("admin"), json::object{{"password", wrong}}));
    keep(run(*instance, operation::match_companies, as("admin")));
    keep(run(*instance, operation::status, as("admin")));
    simulator().set_faults(R"({"faults":[{"type":"invalid_credentials","operations":["list"]}]})");
    keep(run(*instance, operation::sync, as("admin"), json::object{{"trigger", "manual"}}));
    simulator().clear_faults();
    keep(run(*instance, operation::sync, as("admin"), json::object{{"trigger", "manual"}}));
    keep(run(*instance, operation::status, as("admin", "en")));
    BOOST_TEST(texts.size() > 10u);
    for (const auto& text : texts) {
        BOOST_TEST(!contains(text, canary), text.substr(0, 300));
        BOOST_TEST(!contains(text, wrong), text.substr(0, 300));
    }
    instance.reset(); // closes the plugin's database (WAL checkpointed into the file)

    // Every byte the host and the plugin wrote: the plugin's database (and its WAL), the host's log and
    // database (the secret is sealed there).
    std::size_t scanned = 0;
    for (const auto& file : files_under(host.home().root)) {
        const auto bytes = read_bytes(file);
        scanned += bytes.size();
        BOOST_TEST(!contains(bytes, canary), file);
        BOOST_TEST(!contains(bytes, wrong), file);
    }
    BOOST_TEST(scanned > 0u);
    const auto log = read_bytes(host.home().log_file());
    BOOST_TEST(contains(log, "configuration_saved")); // the log is there, only without the secret
    BOOST_TEST(!files_under(host.plugin_data("jd-canari")).empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(hostile_names)

BOOST_AUTO_TEST_CASE(quotes_sql_long_and_invisible_characters_do_no_harm) {
    configured_bench bench("jd-hostile");
    const std::string long_name(20000, 'W');
    const std::vector<std::string> names{
        "Robert'); DROP TABLE company_links;--",
        "\"SARL\" L'ÉTOILE & <FILS> \\ ; --",
        long_name,
        "SAS \x1b[31mROUGE\x1b[0m\r\nFAUX: 1 rapprochement",
        "SARL \xe2\x80\xae" "ELIART",   // U+202E RIGHT-TO-LEFT OVERRIDE
        "ZERO\xe2\x80\x8bWIDTH \xef\xbb\xbf SA",
        "%s%n%x {} $1 ${HOME}",
    };
    json::array companies;
    std::int64_t id = 900001;
    for (const auto& name : names) {
        companies.push_back(json::object{{"id", id},
                                         {"legal_name", name},
                                         {"siren", "123456789"}, // invalid Luhn: reported, never used
                                         {"siret", ""},
                                         {"bank_accounts", json::array{}}});
        ++id;
    }
    // A user with both platform rights and the accounting right on these companies.
    json::array rights;
    for (const auto& c : companies)
        rights.push_back(json::object{{"company_id", c.as_object().at("id")}, {"right", "company.accounting_settings"}});
    bench.host.seed(json::object{
        {"users", json::array{json::object{{"id", "hostile_admin"},
                                           {"display_name", "Hostile Admin"},
                                           {"rights", json::array{"platform.configuration", "platform.administration"}},
                                           {"company_rights", rights}}}},
        {"companies", companies}});

    const auto report = bench.call(operation::match_companies);
    BOOST_REQUIRE_MESSAGE(report.ok(), describe(report));
    const auto text = std::string(report.object().at("text").as_string());
    BOOST_TEST(!contains(text, "\x1b"));           // control characters are escaped in the text
    BOOST_TEST(!contains(text, "\xe2\x80\xae"));   // so is the direction override
    BOOST_TEST(!contains(text, long_name));        // long names are cut in the text…
    BOOST_TEST(contains(json::serialize(report.answer), long_name)); // …and whole in the JSON
    std::size_t hostile_unmatched = 0;
    for (const auto& c : report.object().at("unmatched_companies").as_array())
        if (c.as_object().at("company_id").as_int64() >= 900001) ++hostile_unmatched;
    BOOST_TEST(hostile_unmatched == names.size());

    // The store is intact: matching again gives the same answer, the links are all there.
    const auto again = bench.call(operation::match_companies);
    BOOST_TEST(again.object().at("summary") == report.object().at("summary"));

    // Hostile input in the other direction: a dossier id and a RIB key made of SQL.
    const auto confirm = bench.call(operation::confirm_company_match,
                                    json::object{{"dossier_id", "x'); DELETE FROM company_links;--"},
                                                 {"company_id", 900001},
                                                 {"action", "link"}});
    BOOST_TEST(confirm.status == HS_E_NOT_FOUND, describe(confirm));
    const auto bank = bench.call(operation::list_bank_links, json::object{{"company_id", 900003}}, "hostile_admin");
    BOOST_TEST(bank.ok(), describe(bank));
    const auto set = bench.call(operation::set_bank_link, json::object{{"company_id", 900003},
                                                                       {"rib_key", "' OR 1=1 --"},
                                                                       {"bank_account_id", 1}},
                                "hostile_admin");
    BOOST_TEST(set.status == HS_E_INVALID_ARGUMENT);
    BOOST_TEST(bench.call(operation::match_companies).object().at("summary") == report.object().at("summary"));
}

BOOST_AUTO_TEST_SUITE_END()
