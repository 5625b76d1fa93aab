// Adding JeDeclare.com: the configuration form, the connection test that comes before any saving, and what
// each failure says (identifiants refusés, compte inconnu, procédure non souscrite, erreur réseau, erreur
// certificat), with nothing saved on failure. Several comptes de flux, one instance each.
#include "admin_fixture.hpp"

#include <jdsim/tls_ca.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/test/unit_test.hpp>

#include <libpq-fe.h>

#include <cstdlib>
#include <functional>

using namespace admin_test;

namespace {

boost::test_tools::assertion_result postgresql_given(boost::unit_test::test_unit_id) {
    const char* dsn = std::getenv("JD_TEST_PG_DSN");
    boost::test_tools::assertion_result given(dsn != nullptr && *dsn != '\0');
    if (!given) given.message() << "JD_TEST_PG_DSN is not set: no PostgreSQL to test against";
    return given;
}

// A loopback port nobody listens on (bound, then released).
unsigned short closed_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    const auto port = acceptor.local_endpoint().port();
    acceptor.close();
    return port;
}

struct unconfigured_bench {
    host_bench host;
    std::unique_ptr<refhost::open_instance> instance;
    unconfigured_bench() {
        host.seed(host.simulator_seed());
        instance = host.open("jd-config");
    }
    outcome call(operation op, const json::value& input = json::object{}, const std::string& locale = "fr") {
        return run(*instance, op, as("admin", locale), input);
    }
    std::string snapshot() const { return store_snapshot(host.plugin_data("jd-config"), "jd-config"); }

    // A configure that must fail with `status` and a message holding every piece of `expected`; nothing saved.
    void expect_refused(const json::object& form, hs_status status, const std::vector<std::string>& expected) {
        const auto before = snapshot();
        const auto result = call(operation::configure, form);
        BOOST_TEST(result.status == status, describe(result));
        for (const auto& part : expected) BOOST_TEST(contains(result.message, part), result.message);
        BOOST_TEST(contains(result.message, "Rien n'a été enregistré."), result.message);
        BOOST_TEST(snapshot() == before);
        const auto view = call(operation::get_configuration);
        BOOST_REQUIRE(view.ok());
        BOOST_TEST(view.object().at("configured").as_bool() == false);
        BOOST_TEST(view.object().at("password").as_string() == "non défini");
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(configuration)

BOOST_FIXTURE_TEST_CASE(a_bad_password_is_refused_and_nothing_is_saved, unconfigured_bench) {
    expect_refused(sim_form(sim_comptes::demo_login, "Wrong-Password-1"), HS_E_REMOTE_REFUSED,
                   {"Identifiants refusés", "mot de passe"});
}

BOOST_FIXTURE_TEST_CASE(an_unknown_gestion_account_is_named, unconfigured_bench) {
    expect_refused(sim_form(sim_comptes::demo_login, sim_comptes::demo_password, "9999"), HS_E_REMOTE_REFUSED,
                   {"Compte inconnu"});
}

BOOST_FIXTURE_TEST_CASE(a_compte_without_the_releve_procedure_is_named, unconfigured_bench) {
    expect_refused(sim_form(sim_comptes::tva_login, sim_comptes::tva_password, "4244"), HS_E_REMOTE_REFUSED,
                   {"Procédure non souscrite", "code 11"});
}

BOOST_FIXTURE_TEST_CASE(an_unreachable_service_is_a_network_error, unconfigured_bench) {
    auto form = sim_form();
    const std::string base = "https://127.0.0.1:" + std::to_string(closed_port());
    form["soap_url"] = base + "/webservices/wspid_spring/CommunicationV2Service/";
    form["gestion_url"] = base + "/webservice/gestion/";
    expect_refused(form, HS_E_TRANSIENT, {"Erreur réseau"});
}

BOOST_FIXTURE_TEST_CASE(a_certificate_from_another_authority_is_a_certificate_error, unconfigured_bench) {
    temp_directory other("jd-other-ca");
    const auto material = jdsim::ensure_tls_material(other.path());
    auto form = sim_form();
    form["ca_bundle"] = material.ca_cert.string();
    expect_refused(form, HS_E_INVALID_ARGUMENT, {"Erreur certificat", "certificat"});
    // Without a CA bundle the system store does not know the simulator's authority either.
    form.erase("ca_bundle");
    expect_refused(form, HS_E_INVALID_ARGUMENT, {"Erreur certificat"});
}

BOOST_FIXTURE_TEST_CASE(the_form_is_checked_field_by_field, unconfigured_bench) {
    auto form = sim_form();
    form["login"] = "cabinet@example.com";
    auto result = call(operation::configure, form);
    BOOST_TEST(result.status == HS_E_INVALID_ARGUMENT);
    BOOST_TEST(contains(result.message, "login : l'identifiant d'un compte de flux est une adresse qui se termine par "
                                        "@jedeclare.com"),
               result.message);
    form = sim_form();
    form["gestion_account_id"] = "42a";
    result = call(operation::configure, form);
    BOOST_TEST(contains(result.message, "gestion_account_id"), result.message);
    form = sim_form();
    form["soap_url"] = "http://127.0.0.1/";
    result = call(operation::configure, form);
    BOOST_TEST(contains(result.message, "soap_url : une adresse https:// est attendue"), result.message);
    form = sim_form();
    form["colour"] = "blue";
    result = call(operation::configure, form);
    BOOST_TEST(contains(result.message, "colour : membre inconnu"), result.message);
    form = sim_form();
    form.erase("password");
    result = call(operation::configure, form);
    BOOST_TEST(contains(result.message, "password : requis"), result.message);
    form = sim_form();
    form["ca_bundle"] = "/nonexistent/ca.pem";
    result = call(operation::configure, form, "en");
    BOOST_TEST(result.message == "ca_bundle: certificate authority file not found: /nonexistent/ca.pem");
}

BOOST_FIXTURE_TEST_CASE(saving_tests_first_and_the_password_reads_back_as_set, unconfigured_bench) {
    const auto saved = call(operation::configure, sim_form());
    BOOST_REQUIRE(saved.ok());
    const auto& view = saved.object();
    BOOST_TEST(view.at("configured").as_bool());
    BOOST_TEST(view.at("password").as_string() == "défini");
    BOOST_TEST(view.at("login").as_string() == sim_comptes::demo_login);
    BOOST_TEST(view.at("editeur").as_string() == "jedeclare-aggregator");
    BOOST_TEST(view.at("updated_by").as_string() == "admin");
    BOOST_TEST(view.at("connection").as_object().at("dossiers").as_int64() > 0);
    BOOST_TEST(!view.contains("password_ref"));

    const auto english = call(operation::get_configuration, json::object{}, "en");
    BOOST_TEST(english.object().at("password").as_string() == "set");

    // A change without the password keeps the saved one (the test before saving uses it).
    const auto changed = call(operation::configure, json::object{{"version", "2.0"}});
    BOOST_REQUIRE(changed.ok());
    BOOST_TEST(changed.object().at("version").as_string() == "2.0");
    BOOST_TEST(changed.object().at("password").as_string() == "défini");

    // A failing change leaves the saved configuration as it was.
    const auto before = snapshot();
    const auto refused = call(operation::configure, json::object{{"password", "Not-The-Password"}});
    BOOST_TEST(refused.status == HS_E_REMOTE_REFUSED);
    BOOST_TEST(snapshot() == before);
    BOOST_TEST(call(operation::test_connection).object().at("ok").as_bool());

    // test_connection answers a question: ok false with the state and the reason.
    const auto tested = call(operation::test_connection, json::object{{"password", "Not-The-Password"}});
    BOOST_REQUIRE(tested.ok());
    BOOST_TEST(tested.object().at("ok").as_bool() == false);
    BOOST_TEST(tested.object().at("state").as_string() == "identifiants_refuses");

    const auto status = call(operation::status);
    BOOST_REQUIRE(status.ok());
    BOOST_TEST(status.object().at("instance").as_object().at("state").as_string() == "ok");
}

BOOST_AUTO_TEST_CASE(several_comptes_de_flux_one_instance_each) {
    host_bench host;
    host.seed(host.simulator_seed());
    auto first = host.open("jd-demo");
    auto second = host.open("jd-canari");
    BOOST_TEST(run(*first, operation::configure, as("admin"), sim_form()).ok());
    const auto canary = run(*second, operation::configure, as("admin"),
                            sim_form(sim_comptes::canary_login, sim_comptes::canary_password, "4245"));
    BOOST_TEST(canary.ok(), describe(canary));
    BOOST_TEST(run(*first, operation::get_configuration, as("admin")).object().at("login").as_string() ==
               sim_comptes::demo_login);
    BOOST_TEST(run(*second, operation::get_configuration, as("admin")).object().at("login").as_string() ==
               sim_comptes::canary_login);
    // Each instance tests with its own password, from its own secret.
    BOOST_TEST(run(*first, operation::test_connection, as("admin")).object().at("ok").as_bool());
    BOOST_TEST(run(*second, operation::test_connection, as("admin")).object().at("ok").as_bool());
}

BOOST_AUTO_TEST_CASE(a_sync_before_any_configuration_says_so) {
    host_bench host;
    host.seed(host.simulator_seed());
    auto instance = host.open("jd-empty");
    const auto report = run(*instance, operation::sync, as(""), json::object{{"trigger", "scheduler"}});
    BOOST_REQUIRE(report.ok());
    BOOST_TEST(report.object().at("state").as_string() == "non_configure");
    const auto status = run(*instance, operation::status, as("admin"));
    BOOST_TEST(status.object().at("instance").as_object().at("state").as_string() == "non_configure");
    const auto match = run(*instance, operation::match_companies, as("admin"));
    BOOST_TEST(match.status == HS_E_CONFLICT);
    BOOST_TEST(contains(match.message, "n'est pas encore configuré"), match.message);
}

// Several comptes de flux in one PostgreSQL database (a multi-node firm): each instance keeps its own rows.
// Skipped (reported as such) without JD_TEST_PG_DSN; packaging/start-postgres.sh prints one.
BOOST_AUTO_TEST_CASE(a_postgresql_store_holds_several_instances, *boost::unit_test::precondition(postgresql_given)) {
    const char* dsn = std::getenv("JD_TEST_PG_DSN");
    std::random_device random;
    const std::string schema = "jd_admin_test_" + std::to_string(random() % 1000000000u);
    const auto exec = [&](const std::string& sql) {
        PGconn* connection = PQconnectdb(dsn);
        BOOST_REQUIRE_MESSAGE(PQstatus(connection) == CONNECTION_OK, PQerrorMessage(connection));
        PGresult* result = PQexec(connection, sql.c_str());
        const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
        const std::string error = PQerrorMessage(connection);
        PQclear(result);
        PQfinish(connection);
        BOOST_REQUIRE_MESSAGE(ok, sql << ": " << error);
    };
    exec("CREATE SCHEMA " + schema);
    struct drop_schema {
        std::function<void()> run;
        ~drop_schema() { run(); }
    } cleanup{[&] { exec("SET client_min_messages TO warning; DROP SCHEMA " + schema + " CASCADE"); }};

    const std::string settings = json::serialize(json::object{
        {"storage", json::object{{"backend", "postgresql"},
                                 {"connection", std::string(dsn) + " options=-csearch_path=" + schema}}}});
    host_bench host;
    host.seed(host.simulator_seed());
    {
        auto demo = host.open("jd-pg-demo", settings);
        auto canary = host.open("jd-pg-canari", settings);
        BOOST_TEST(run(*demo, operation::configure, as("admin"), sim_form()).ok());
        BOOST_TEST(run(*canary, operation::configure, as("admin"),
                       sim_form(sim_comptes::canary_login, sim_comptes::canary_password, "4245"))
                       .ok());
        const auto report = run(*demo, operation::match_companies, as("admin"));
        BOOST_REQUIRE(report.ok());
        BOOST_TEST(report.object().at("summary").as_object().at("exact").as_int64() > 0);
        BOOST_TEST(run(*canary, operation::get_configuration, as("admin")).object().at("login").as_string() ==
                   sim_comptes::canary_login);
        const auto status = run(*canary, operation::status, as("admin"));
        BOOST_TEST(status.object().at("companies").as_array().empty()); // the demo's links are not the canary's
    }
    // Reopened, the instance finds its configuration in PostgreSQL (nothing in the data directory).
    auto again = host.open("jd-pg-demo", settings);
    BOOST_TEST(run(*again, operation::get_configuration, as("admin")).object().at("configured").as_bool());
    BOOST_TEST(!std::filesystem::exists(host.plugin_data("jd-pg-demo") / "jedeclare.sqlite"));
}

BOOST_AUTO_TEST_SUITE_END()
