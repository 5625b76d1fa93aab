// Unit tests of the admin wing's own pieces: RIB arithmetic, the configuration form, the rights messages,
// the mapping of remote failures, and the instance's storage settings.
#define BOOST_TEST_MODULE admin_units
#include <boost/test/unit_test.hpp>

#include "admin/configuration_form.hpp"
#include "admin/remote_failure.hpp"
#include "admin/rib_format.hpp"
#include "admin/rights.hpp"
#include "instance/storage_settings.hpp"

#include <host_sdk/error.hpp>

#include <boost/json.hpp>

namespace json = boost::json;
using namespace jd::admin;

namespace {

host_sdk::call_context call(const std::string& locale = "fr") {
    host_sdk::call_context c;
    c.user_id = "admin";
    c.locale = locale;
    return c;
}

std::string form_error(const json::object& input, const std::string& locale = "fr") {
    try {
        (void)read_configuration_form(input, call(locale));
    } catch (const host_sdk::error& e) {
        BOOST_TEST(e.status() == HS_E_INVALID_ARGUMENT);
        return e.what();
    }
    return "";
}

} // namespace

BOOST_AUTO_TEST_SUITE(rib)

BOOST_AUTO_TEST_CASE(a_published_rib_gives_its_key_and_iban) {
    // La Banque Postale's published example: RIB 20041 01005 0500013M026 06, IBAN FR14 2004 1010 0505 0001 3M02 606
    // (a letter in the account number).
    const auto key = make_rib_key("20041", "01005", "0500013M026");
    BOOST_REQUIRE(key.has_value());
    BOOST_TEST(*key == "20041010050500013M026");
    BOOST_TEST(rib_check_key(*key) == "06");
    BOOST_TEST(rib_display(*key) == "20041 01005 0500013M026 06");
    BOOST_TEST(french_iban(*key) == "FR1420041010050500013M02606");
    // The operations contract's illustration uses a made-up key (97); the real one of that RIB is 30.
    BOOST_TEST(rib_check_key("300040000100012345678") == "30");
    BOOST_TEST(french_iban("300040000100012345678", "97").starts_with("FR"));
}

BOOST_AUTO_TEST_CASE(letters_in_the_account_number_follow_the_banks_table) {
    // A-I → 1-9, J-R → 1-9, S-Z → 2-9: "0001234567A" and "00012345671" share the key.
    BOOST_TEST(rib_check_key("30004000010001234567A") == rib_check_key("300040000100012345671"));
    BOOST_TEST(rib_check_key("30004000010001234567S") == rib_check_key("300040000100012345672"));
    // The IBAN keeps the letter (ISO 13616 counts A as 10): its check digits still verify.
    const auto iban = french_iban("30004000010001234567A");
    BOOST_TEST(iban.size() == 27u);
    BOOST_TEST(iban.substr(4, 21) == "30004000010001234567A");
}

BOOST_AUTO_TEST_CASE(malformed_parts_make_no_key_and_ibans_compare_without_spaces) {
    BOOST_TEST(!make_rib_key("3000", "00001", "00012345678").has_value());
    BOOST_TEST(!make_rib_key("30004", "00001", "0001234567-").has_value());
    BOOST_TEST(make_rib_key("30004", "00001", "0001234567a").value() == "30004000010001234567A");
    BOOST_TEST(normalise_iban("fr76 3000 4000 0100 0123 4567 897") == "FR7630004000010001234567897");
    BOOST_TEST(rib_display("300040000100012345678", "12") == "30004 00001 00012345678 12");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(form)

BOOST_AUTO_TEST_CASE(each_field_is_checked_and_named) {
    BOOST_TEST(form_error({{"login", "x@example.com"}}).starts_with("login : "));
    BOOST_TEST(form_error({{"login", "a@b@jedeclare.com"}}).starts_with("login : "));
    BOOST_TEST(form_error({{"login", "cabinet@JeDeclare.com"}}).empty()); // the domain is not case-sensitive
    BOOST_TEST(form_error({{"gestion_account_id", "12 34"}}).starts_with("gestion_account_id : "));
    BOOST_TEST(form_error({{"password", ""}}) == "password : mot de passe vide");
    BOOST_TEST(form_error({{"editeur", std::string(101, 'e')}}) == "editeur : au plus 100 caractères");
    BOOST_TEST(form_error({{"version", "1\n2"}}) == "version : caractère de contrôle interdit");
    BOOST_TEST(form_error({{"gestion_url", "ftp://x/"}}, "en").starts_with("gestion_url: an https:// address"));
    BOOST_TEST(form_error({{"login", 12}}) == "login : une chaîne est attendue");
    BOOST_TEST(form_error({{"unknown", "x"}}).starts_with("unknown : membre inconnu"));
}

BOOST_AUTO_TEST_CASE(a_password_is_never_quoted_back) {
    const std::string secret(300, 'S');
    const auto message = form_error({{"password", secret}});
    BOOST_TEST(message == "password : au plus 256 octets");
    BOOST_TEST(message.find("SSS") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_first_configuration_gets_defaults_and_an_update_keeps_the_rest) {
    const auto first = read_configuration_form({{"login", "c@jedeclare.com"}, {"gestion_account_id", "42"}}, call());
    const auto config = merge_configuration(first, std::nullopt, call());
    BOOST_TEST(config.editeur == "jedeclare-aggregator");
    BOOST_TEST(config.soap_url == "https://www.jedeclare.com/webservices/wspid_spring/CommunicationV2Service/");
    BOOST_TEST(config.gestion_url == "https://www.jedeclare.com/webservice/gestion/");
    const auto update = read_configuration_form({{"version", "2.0"}, {"ca_bundle", nullptr}}, call());
    auto saved = config;
    saved.ca_bundle = "/etc/ca.pem";
    const auto merged = merge_configuration(update, saved, call());
    BOOST_TEST(merged.login == "c@jedeclare.com");
    BOOST_TEST(merged.version == "2.0");
    BOOST_TEST(merged.ca_bundle.empty());
    BOOST_CHECK_THROW((void)merge_configuration(read_configuration_form({}, call()), std::nullopt, call()),
                      host_sdk::error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(messages)

BOOST_AUTO_TEST_CASE(refusals_name_every_missing_right) {
    BOOST_TEST(permission_denied_message({"platform.configuration", "platform.administration"}, 0, true, false) ==
               "Accès refusé : aucun utilisateur n'est identifié ; il manque les droits « Autoriser l'accès à la "
               "configuration de la plateforme » (platform.configuration) et « Autoriser l'accès à l'administration de "
               "la plateforme » (platform.administration). Le paramétrage de JeDeclare.com demande les deux droits de "
               "plateforme (configuration et administration).");
    BOOST_TEST(permission_denied_message({"company.accounting_settings"}, 7, false, true) ==
               "Access denied: you lack the right \"Allow access to the accounting settings\" "
               "(company.accounting_settings) on company #7; it is needed to link this company's JeDéclare bank "
               "accounts.");
}

BOOST_AUTO_TEST_CASE(remote_failures_get_a_status_a_state_and_a_headline) {
    using jd::jedeclare::error_kind;
    using jd::jedeclare::wire_error;
    const auto refused = describe_failure(wire_error(error_kind::invalid_credentials, "HTTP 401"), false);
    BOOST_TEST(refused.status == HS_E_REMOTE_REFUSED);
    BOOST_TEST(jd::store::to_string(refused.state) == "identifiants_refuses");
    BOOST_TEST(refused.message.starts_with("Identifiants refusés pour le compte de flux"));
    const auto network = describe_failure(wire_error(error_kind::network, "connection refused"), false);
    BOOST_TEST(network.status == HS_E_TRANSIENT);
    BOOST_TEST(network.message.starts_with("Erreur réseau : "));
    const auto certificate = describe_failure(wire_error(error_kind::tls_certificate, "unable to get issuer"), true);
    BOOST_TEST(certificate.message.starts_with("Certificate error: "));
    BOOST_TEST(jd::store::to_string(certificate.state) == "erreur_certificat");
    BOOST_TEST(jd::store::to_string(describe_failure(wire_error(error_kind::procedure_not_subscribed, "11"), false).state) ==
               "procedure_non_souscrite");
    BOOST_TEST(jd::store::to_string(describe_failure(wire_error(error_kind::unknown_account, "404"), false).state) ==
               "compte_inconnu");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(storage)

BOOST_AUTO_TEST_CASE(settings_choose_the_backend) {
    using jd::instance::read_storage_settings;
    BOOST_TEST(jd::store::to_string(read_storage_settings({}).backend) == "sqlite");
    BOOST_TEST(read_storage_settings({}).sqlite_file == "jedeclare.sqlite");
    const auto pg = read_storage_settings(json::parse(R"({"storage":{"backend":"postgresql","connection":"host=127.0.0.1 dbname=jd","password_secret":"pg/password"}})").as_object());
    BOOST_TEST(jd::store::to_string(pg.backend) == "postgresql");
    BOOST_TEST(pg.connection == "host=127.0.0.1 dbname=jd");
    BOOST_TEST(pg.password_secret == "pg/password");
    BOOST_CHECK_THROW((void)read_storage_settings(json::parse(R"({"storage":{"backend":"mysql"}})").as_object()),
                      host_sdk::error);
    BOOST_CHECK_THROW((void)read_storage_settings(json::parse(R"({"storage":{"backend":"postgresql"}})").as_object()),
                      host_sdk::error);
    BOOST_CHECK_THROW((void)read_storage_settings(json::parse(R"({"storage":{"password":"x"}})").as_object()),
                      host_sdk::error);
}

BOOST_AUTO_TEST_SUITE_END()
