// The command line end to end: the built aggregator-host is spawned like a user would run it.
#include <boost/test/unit_test.hpp>

#include "refhost_fixture.hpp"

#include <boost/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <map>

extern char** environ;

namespace {

struct outcome {
    int code = -1;
    std::string out;
    std::string err;
};

class host_cli {
public:
    explicit host_cli(std::vector<std::string> common) : common_(std::move(common)) {}

    outcome run(const std::vector<std::string>& args, const std::string& input = {},
                const std::map<std::string, std::string>& env = {}) const {
        const auto in_file = directory_.path() / "stdin";
        const auto out_file = directory_.path() / "stdout";
        const auto err_file = directory_.path() / "stderr";
        refhost_test::write_text(in_file, input);

        std::vector<std::string> argv_text{REFHOST_TEST_EXE};
        argv_text.insert(argv_text.end(), args.begin(), args.end());
        argv_text.insert(argv_text.end(), common_.begin(), common_.end());
        std::vector<char*> argv;
        for (auto& arg : argv_text) argv.push_back(arg.data());
        argv.push_back(nullptr);

        // The caller's environment without the host's own variables, plus `env`.
        std::vector<std::string> env_text;
        for (char** item = environ; *item != nullptr; ++item) {
            const std::string entry(*item);
            if (entry.rfind("AGGREGATOR_HOST_", 0) == 0) continue;
            env_text.push_back(entry);
        }
        for (const auto& [name, value] : env) env_text.push_back(name + "=" + value);
        std::vector<char*> envp;
        for (auto& entry : env_text) envp.push_back(entry.data());
        envp.push_back(nullptr);

        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, in_file.c_str(), O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        pid_t pid = 0;
        const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
        posix_spawn_file_actions_destroy(&actions);
        BOOST_REQUIRE_MESSAGE(spawned == 0, "cannot run " << argv[0] << ": " << std::strerror(spawned));
        int status = 0;
        ::waitpid(pid, &status, 0);
        outcome result;
        result.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        result.out = refhost_test::read_bytes(out_file);
        result.err = refhost_test::read_bytes(err_file);
        return result;
    }

private:
    std::vector<std::string> common_;
    refhost_test::temp_directory directory_{"refhost-cli-io"};
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The argument is evaluated once: a command given directly runs once.
#define CHECK_RUN(result, expected_code)                                                                    \
    do {                                                                                                    \
        const auto& checked_ = (result);                                                                    \
        BOOST_TEST(checked_.code == (expected_code), "exit " << checked_.code << "\nstdout:\n" << checked_.out \
                                                             << "\nstderr:\n" << checked_.err);             \
    } while (false)

const std::string password = "S3cr3t-Pw!-for-tests";

} // namespace

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(help_and_usage_errors) {
    refhost_test::temp_directory home;
    const host_cli host({"--home", home.path().string()});
    auto result = host.run({"--help"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "aggregators available"));
    BOOST_TEST(contains(result.out, "scheduler run"));
    result = host.run({"help", "aggregators", "add"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "--password-stdin"));
    result = host.run({"--lang", "en", "sync", "now", "--help"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "Usage: aggregator-host sync now ID"));
    result = host.run({"company", "3", "bank-links", "x", "set", "--help"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "--rib RIBKEY"));
    CHECK_RUN(host.run({"frobnicate"}), 2);
    CHECK_RUN(host.run({"seed"}), 2);
    CHECK_RUN(host.run({"ledger", "list", "--company", "x"}), 2);
    CHECK_RUN(host.run({"--lang", "de", "users", "list"}), 2);
    result = host.run({"--version"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "aggregator-host "));
}

BOOST_AUTO_TEST_CASE(seeding_from_the_command_line_is_idempotent) {
    refhost_test::temp_directory home;
    const auto seed = home.path() / "seed.json";
    refhost_test::write_text(seed, refhost_test::example_seed());
    const host_cli host({"--home", (home.path() / "h").string()});
    auto result = host.run({"seed", seed.string()});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "2 créé(s)"));
    result = host.run({"seed", seed.string(), "--lang", "en"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "0 created, 2 updated"));
    result = host.run({"companies", "list"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "SAS DU MOULIN"));
    BOOST_TEST(contains(result.out, "FR7610107001011234567890130"));
    result = host.run({"users", "list", "--json"});
    CHECK_RUN(result, 0);
    BOOST_TEST(boost::json::parse(result.out).as_array().size() == 2U);

    refhost_test::write_text(seed, R"({"companies":[{"id":1,"legal_name":"X","bank_accounts":[{"id":"a"}]}]})");
    result = host.run({"seed", seed.string()});
    CHECK_RUN(result, 1);
    BOOST_TEST(contains(result.err, "$.companies[0].bank_accounts[0].id"));
}

BOOST_AUTO_TEST_CASE(the_aggregator_menu_lists_loaded_plugins_and_failures) {
    refhost_test::temp_directory home;
    const auto broken = home.path() / "broken";
    std::filesystem::create_directories(broken);
    refhost_test::write_text(broken / "broken.plugin.json", "{ not json");
    const host_cli host({"--home", (home.path() / "h").string()});
    auto result = host.run({"aggregators", "available", "--plugins", REFHOST_TEST_FAKE_PLUGINS, "--plugins", broken.string()});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "Fake Aggregator"));
    BOOST_TEST(contains(result.out, "0.1.0"));
    BOOST_TEST(contains(result.out, "refhost_fake"));
    BOOST_TEST(contains(result.out, "Échecs de chargement"));
    BOOST_TEST(contains(result.out, "broken.plugin.json"));
    result = host.run({"aggregators", "available", "--json", "--plugins", REFHOST_TEST_FAKE_PLUGINS});
    CHECK_RUN(result, 0);
    const auto json = boost::json::parse(result.out);
    BOOST_TEST(json.at("plugins").as_array().size() == 1U);
    BOOST_TEST(json.at("plugins").at(0).at("display_name").as_string() == "Fake Aggregator");
}

#ifdef REFHOST_TEST_JEDECLARE_PLUGINS
BOOST_AUTO_TEST_CASE(the_aggregator_menu_shows_jedeclare_from_the_built_plugin_directory) {
    refhost_test::temp_directory home;
    const host_cli host({"--home", (home.path() / "h").string()});
    // The directory of the built plugin, and the build tree's plugins/ folder above it (one folder per plugin).
    for (const std::filesystem::path& directory :
         {std::filesystem::path(REFHOST_TEST_JEDECLARE_PLUGINS), std::filesystem::path(REFHOST_TEST_JEDECLARE_PLUGINS).parent_path()}) {
        const auto result = host.run({"aggregators", "available", "--plugins", directory.string()});
        CHECK_RUN(result, 0);
        BOOST_TEST(contains(result.out, "JeDeclare.com"), result.out);
        BOOST_TEST(contains(result.out, "jedeclare"));
    }
}
#endif

BOOST_AUTO_TEST_CASE(an_instance_from_creation_to_removal) {
    refhost_test::temp_directory scratch;
    const auto home = scratch.path() / "h";
    const auto seed = scratch.path() / "seed.json";
    refhost_test::write_text(seed, refhost_test::example_seed());
    const host_cli host({"--home", home.string(), "--plugins", REFHOST_TEST_FAKE_PLUGINS});
    CHECK_RUN(host.run({"seed", seed.string()}), 0);

    // A password on the command line is refused before anything happens.
    auto result = host.run({"aggregators", "add", "refhost_fake", "--instance", "fake-1", "--set", "login=x",
                            "--set", "password=" + password, "--user", "admin"});
    CHECK_RUN(result, 2);
    BOOST_TEST(!contains(result.err, password));
    // Rights are the platform's: a clerk without administration may not create an instance.
    result = host.run({"aggregators", "add", "refhost_fake", "--instance", "fake-1", "--set", "login=x",
                       "--password-stdin", "--user", "clerk"}, password + "\n");
    CHECK_RUN(result, 1);
    BOOST_TEST(contains(result.err, "accès refusé"));
    BOOST_TEST(contains(result.err, "(platform.administration)"));
    // A failing configure leaves nothing behind.
    result = host.run({"aggregators", "add", "refhost_fake", "--instance", "refused", "--set", "login=refuse",
                       "--password-stdin", "--user", "admin"}, password + "\n");
    CHECK_RUN(result, 1);
    BOOST_TEST(contains(result.err, "identifiants refusés"));
    BOOST_TEST(!std::filesystem::exists(home / "plugins-data" / "refused"));

    result = host.run({"aggregators", "add", "refhost_fake", "--instance", "fake-1", "--set", "login=cabinet",
                       "--password-stdin", "--interval", "600", "--user", "admin",
                       "--settings", R"({"company_id":2,"bank_account_id":202,"movements":4})"},
                      password + "\n");
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "Instance « fake-1 » créée"));
    BOOST_TEST(contains(result.out, "défini"));
    BOOST_TEST(!contains(result.out, password));
    BOOST_TEST(std::filesystem::exists(home / "plugins-data" / "fake-1" / "config.json"));

    result = host.run({"aggregators", "show", "fake-1", "--user", "admin", "--lang", "en", "--json"});
    CHECK_RUN(result, 0);
    BOOST_TEST(boost::json::parse(result.out).at("password").as_string() == "set");
    result = host.run({"aggregators", "show", "fake-1", "--user", "clerk"});
    CHECK_RUN(result, 1);
    BOOST_TEST(contains(result.err, "accès refusé"));
    CHECK_RUN(host.run({"aggregators", "show", "fake-1"}), 2); // no acting user
    result = host.run({"aggregators", "test", "fake-1", "--user", "admin"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "Connexion réussie : 2 dossier(s)"));
    // An operation the provider does not offer: its own message, one line, exit 1.
    result = host.run({"companies", "match", "fake-1", "--user", "admin"});
    CHECK_RUN(result, 1);
    BOOST_TEST(result.err == "erreur : opération match_companies non disponible\n");
    result = host.run({"company", "2", "bank-links", "fake-1", "--user", "admin", "--lang", "en"});
    CHECK_RUN(result, 1);
    BOOST_TEST(contains(result.err, "operation list_bank_links is not implemented"));

    // Syncs: the first stores, the second is acknowledged as duplicates.
    result = host.run({"sync", "now", "fake-1", "--user", "admin"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "4 livré(s), 0 doublon(s)"));
    result = host.run({"sync", "now", "fake-1", "--user", "admin", "--json"});
    CHECK_RUN(result, 0);
    const auto report = boost::json::parse(result.out);
    BOOST_TEST(report.at("movements").at("delivered").as_int64() == 0);
    BOOST_TEST(report.at("movements").at("duplicates").as_int64() == 4);

    result = host.run({"ledger", "summary", "--json"});
    CHECK_RUN(result, 0);
    const auto summary = boost::json::parse(result.out);
    BOOST_TEST(summary.at("movements_total").as_int64() == 4);
    BOOST_TEST(summary.at("accounts").at(0).at("bank_account_id").as_int64() == 202);
    BOOST_TEST(summary.at("accounts").at(0).at("sum_minor").as_int64() == 1000 - 1001 + 1002 - 1003);
    result = host.run({"ledger", "summary"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "SAS DU MOULIN"));
    BOOST_TEST(contains(result.out, "-0,02"));
    result = host.run({"ledger", "list", "--company", "2", "--limit", "2"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "MOUVEMENT 3"));
    BOOST_TEST(!contains(result.out, "MOUVEMENT 1"));

    // The scheduler: nothing due right after a sync; due once the clock has moved past the interval.
    result = host.run({"scheduler", "run", "--once"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "Aucune instance"));
    result = host.run({"scheduler", "run", "--once"}, {}, {{"AGGREGATOR_HOST_NOW", "2099-01-01T00:00:00Z"}});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "fake-1 : OK"));
    result = host.run({"scheduler", "run", "--for", "1"}, {}, {{"AGGREGATOR_HOST_NOW", "2100-01-01T00:00:00Z"}});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "fake-1 : OK"));
    BOOST_TEST(contains(result.out, "Planificateur arrêté."));
    result = host.run({"aggregators", "list", "--json"});
    CHECK_RUN(result, 0);
    const auto listed = boost::json::parse(result.out).at(0).at("schedule");
    BOOST_TEST(listed.at("last_started_at").as_string().subview(0, 4) == "2100");
    BOOST_TEST(listed.at("running").as_bool() == false);
    result = host.run({"aggregators", "status", "fake-1", "--user", "admin"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "toutes les 600 s"));

    // The password is nowhere in the home: not in the database, its WAL, the log or the plugin's files.
    for (const auto& entry : std::filesystem::recursive_directory_iterator(home)) {
        if (!entry.is_regular_file()) continue;
        BOOST_TEST(!contains(refhost_test::read_bytes(entry.path()), password), entry.path());
    }
    BOOST_TEST(contains(refhost_test::read_bytes(home / "host.log"), "\"password\":\"***\""));

    result = host.run({"aggregators", "remove", "fake-1", "--user", "admin"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "1 secret(s)"));
    BOOST_TEST(!std::filesystem::exists(home / "plugins-data" / "fake-1"));
    result = host.run({"aggregators", "list"});
    CHECK_RUN(result, 0);
    BOOST_TEST(contains(result.out, "Aucune instance"));
    // The ledger stays.
    result = host.run({"ledger", "summary", "--json"});
    BOOST_TEST(boost::json::parse(result.out).at("movements_total").as_int64() == 4);
}

BOOST_AUTO_TEST_SUITE_END()
