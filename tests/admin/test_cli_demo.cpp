// The demo through the reference host's command line (in-process, the real plugin, the simulator): every
// admin command of aggregator-host, from adding JeDeclare.com to the ledger.
#include "admin_fixture.hpp"

#include "refhost/cli.hpp"

#include <boost/test/unit_test.hpp>

#include <iostream>

using namespace admin_test;

namespace {

struct cli_result {
    int code = 0;
    std::string out;
    std::string err;
};

class cli {
public:
    explicit cli(std::filesystem::path home) : home_(std::move(home)) {}

    cli_result operator()(std::vector<std::string> args, const std::string& input = {},
                          const std::string& user = "admin") const {
        args.insert(args.end(), {"--home", home_.string(), "--plugins", JD_TEST_PLUGIN_DIR, "--user", user});
        std::istringstream in(input);
        std::ostringstream out, err;
        cli_result result;
        result.code = refhost::run_cli(args, in, out, err);
        result.out = out.str();
        result.err = err.str();
        return result;
    }

private:
    std::filesystem::path home_;
};

// Runs the command once (the macro's argument is evaluated once), then checks its exit code.
#define CHECK_CLI(command, expected)                                                                      \
    do {                                                                                                  \
        const cli_result checked_ = (command);                                                            \
        BOOST_TEST(checked_.code == (expected), "exit " << checked_.code << "\nout: " << checked_.out        \
                                                         << "\nerr: " << checked_.err);                    \
    } while (false)

} // namespace

BOOST_AUTO_TEST_SUITE(cli_demo)

BOOST_AUTO_TEST_CASE(every_admin_command_works_end_to_end) {
    temp_directory scratch("jd-cli-demo");
    simulator().reset_retrievals();
    const cli host(scratch.path() / "home");
    const auto seed_file = scratch.path() / "host-seed.json";
    std::ofstream(seed_file) << json::serialize(simulator().host_seed());
    const auto form_file = scratch.path() / "form.json";
    std::ofstream(form_file) << json::serialize(sim_form());

    CHECK_CLI(host({"seed", seed_file.string()}), 0);
    auto result = host({"aggregators", "available"});
    CHECK_CLI(result, 0);
    BOOST_TEST(contains(result.out, "JeDeclare.com"));

    result = host({"aggregators", "add", "jedeclare", "--instance", "jd-demo", "--form", form_file.string()});
    CHECK_CLI(result, 0);
    BOOST_TEST(contains(result.out, "défini"), result.out);
    BOOST_TEST(!contains(result.out, sim_comptes::demo_password));
    CHECK_CLI(host({"aggregators", "show", "jd-demo"}), 0);
    CHECK_CLI(host({"aggregators", "list"}), 0);
    result = host({"aggregators", "test", "jd-demo"});
    CHECK_CLI(result, 0);
    BOOST_TEST(contains(result.out, "Connexion réussie"), result.out);
    CHECK_CLI(host({"aggregators", "configure", "jd-demo", "--set", "version=1.1"}), 0);
    result = host({"aggregators", "configure", "jd-demo", "--password-stdin"}, "Wrong-Password\n");
    CHECK_CLI(result, 1);
    BOOST_TEST(contains(result.err, "Identifiants refusés"), result.err);

    result = host({"companies", "match", "jd-demo"});
    CHECK_CLI(result, 0);
    BOOST_TEST(contains(result.out, "Résumé"), result.out);
    std::cout << result.out.substr(0, result.out.find('\n', result.out.find("Résumé"))) << '\n';
    const auto report = json::parse(host({"companies", "match", "jd-demo", "--json"}).out).as_object();
    const auto& link = report.at("links").as_array().at(0).as_object();
    const auto company = std::to_string(link.at("company_id").as_int64());
    const auto& proposal = report.at("proposals").as_array().at(0).as_object();
    const std::string dossier(proposal.at("dossier_id").as_string());
    const auto candidate =
        std::to_string(proposal.at("candidates").as_array().at(0).as_object().at("company_id").as_int64());

    CHECK_CLI(host({"companies", "confirm", "jd-demo", "--dossier", dossier, "--company", candidate}), 0);
    CHECK_CLI(host({"companies", "confirm", "jd-demo", "--dossier", dossier, "--company", candidate, "--unlink"}), 0);
    CHECK_CLI(host({"companies", "activate", "jd-demo", company, "--from", "2020-01-01"}), 0);
    result = host({"company", company, "bank-links", "jd-demo"});
    CHECK_CLI(result, 0);
    const auto links = json::parse(host({"company", company, "bank-links", "jd-demo", "--json"}).out).as_object();
    std::string rib, account;
    for (const auto& r : links.at("ribs").as_array()) {
        if (r.as_object().at("proposed_bank_account_id").is_int64()) {
            rib = std::string(r.as_object().at("rib_key").as_string());
            account = std::to_string(r.as_object().at("proposed_bank_account_id").as_int64());
            break;
        }
    }
    BOOST_REQUIRE(!rib.empty());
    CHECK_CLI(host({"company", company, "bank-links", "jd-demo", "set", "--rib", rib, "--account", account}), 0);
    result = host({"sync", "now", "jd-demo"});
    CHECK_CLI(result, 0);
    std::cout << result.out;
    result = host({"aggregators", "status", "jd-demo"});
    CHECK_CLI(result, 0);
    BOOST_TEST((contains(result.out, "OK") || contains(result.out, "ok")), result.out);
    result = host({"ledger", "summary"});
    CHECK_CLI(result, 0);
    std::cout << result.out;
    CHECK_CLI(host({"ledger", "list", "--company", company, "--limit", "3"}), 0);
    CHECK_CLI(host({"company", company, "bank-links", "jd-demo", "unset", "--rib", rib}), 0);
    CHECK_CLI(host({"companies", "deactivate", "jd-demo", company}), 0);
    // A user without the rights is refused by the plugin with the rights named.
    result = host({"aggregators", "show", "jd-demo"}, "", "config_only");
    CHECK_CLI(result, 1);
    BOOST_TEST(contains(result.err, "platform.administration"), result.err);
    CHECK_CLI(host({"aggregators", "remove", "jd-demo"}), 0);
}

BOOST_AUTO_TEST_SUITE_END()
