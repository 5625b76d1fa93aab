#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "jedeclare/soap_envelope.hpp"
#include "jedeclare/wire_error.hpp"
#include "jedeclare/xml_escape.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/SAX/XMLReader.h>

using namespace jd::jedeclare;

namespace {

const std::string nasty_password = "S3cr3t<&'\">-Pa55";

std::string text_of_first(const std::string& xml, const std::string& ns, const std::string& local)
{
    Poco::XML::DOMParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
    Poco::AutoPtr<Poco::XML::Document> document = parser.parseString(xml);
    Poco::AutoPtr<Poco::XML::NodeList> nodes = document->getElementsByTagNameNS(ns, local);
    BOOST_REQUIRE_GT(nodes->length(), 0u);
    return nodes->item(0)->innerText();
}

account_credentials credentials()
{
    account_credentials out;
    out.login = "cabinet&co@jedeclare.com";
    out.password = secret(nasty_password);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(xml_escaping)

BOOST_AUTO_TEST_CASE(escapes_the_five_special_characters)
{
    BOOST_TEST(xml_escape("a<b>c&d\"e'f") == "a&lt;b&gt;c&amp;d&quot;e&apos;f");
    BOOST_TEST(xml_escape("plain") == "plain");
    BOOST_TEST(xml_escape("") == "");
    BOOST_TEST(xml_escape("é€") == "é€"); // UTF-8 passes through
}

BOOST_AUTO_TEST_CASE(keeps_tab_and_newline_and_protects_carriage_return)
{
    BOOST_TEST(xml_escape("a\tb\nc") == "a\tb\nc");
    BOOST_TEST(xml_escape("a\rb") == "a&#13;b");
}

BOOST_AUTO_TEST_CASE(refuses_control_characters_without_quoting_the_value)
{
    const std::string value = std::string("pass") + '\x01' + "word";
    try {
        xml_escape(value);
        BOOST_FAIL("expected a configuration error");
    } catch (const wire_error& e) {
        BOOST_TEST(e.kind() == error_kind::configuration);
        BOOST_TEST(std::string(e.what()).find("pass") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(list_envelope_round_trips_a_nasty_password)
{
    list_query query;
    query.from = std::chrono::year{2024} / 1 / 15;
    query.to = std::chrono::year{2024} / 3 / 1;
    query.dossier_id = "D<1>";
    const std::string xml = build_list_envelope(credentials(), software_identification{}, query,
                                                list_window{query.from, query.to});
    const std::string ns(communication_v2_namespace);
    BOOST_TEST(text_of_first(xml, ns, "motDePasse") == nasty_password);
    BOOST_TEST(text_of_first(xml, ns, "nom") == "cabinet&co@jedeclare.com");
    BOOST_TEST(text_of_first(xml, ns, "dateDebut") == "15/01/2024");
    BOOST_TEST(text_of_first(xml, ns, "dateFin") == "01/03/2024");
    BOOST_TEST(text_of_first(xml, ns, "statutPiece") == "00");
    BOOST_TEST(text_of_first(xml, ns, "typeDeListe") == "03");
    BOOST_TEST(text_of_first(xml, ns, "typeProcedure") == "RELEVE");
    BOOST_TEST(text_of_first(xml, ns, "identifiantDossier") == "D<1>");
    BOOST_TEST(text_of_first(xml, std::string(soap_envelope_namespace), "Body").size() > 0u);
    // The raw password never appears unescaped in the text.
    BOOST_TEST(xml.find(nasty_password) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(list_envelope_orders_authentification_then_identification_then_request)
{
    list_query query;
    query.status = piece_status_filter::all;
    const std::string xml = build_list_envelope(credentials(), software_identification{}, query, list_window{});
    const auto auth = xml.find("<sch:Authentification>");
    const auto password = xml.find("<sch:motDePasse>");
    const auto name = xml.find("<sch:nom>");
    const auto ident = xml.find("<sch:Identification>");
    const auto request = xml.find("<sch:RequeteListe>");
    BOOST_TEST(auth < password);
    BOOST_TEST(password < name);
    BOOST_TEST(name < ident);
    BOOST_TEST(ident < request);
    BOOST_TEST(xml.find("<sch:ListeDisponibiliteV2Request>") != std::string::npos);
    BOOST_TEST(xml.find("dateDebut") == std::string::npos); // dates are optional
    BOOST_TEST(xml.find("<sch:statutPiece>01</sch:statutPiece>") != std::string::npos);
    BOOST_TEST(xml.find("identifiantDossier") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(download_envelope_asks_for_gzip_and_reception)
{
    const std::string xml = build_download_envelope(credentials(), software_identification{}, "12345&6");
    const std::string ns(communication_v2_namespace);
    BOOST_TEST(text_of_first(xml, ns, "mimeTypeReponse") == "application/gzip");
    BOOST_TEST(text_of_first(xml, ns, "numero") == "12345&6");
    BOOST_TEST(text_of_first(xml, ns, "typePiece") == "03");
    BOOST_TEST(text_of_first(xml, ns, "motDePasse") == nasty_password);
    BOOST_TEST(xml.find("<sch:DemandeAccuseRequest>") != std::string::npos);
    BOOST_TEST(xml.find("<sch:RequeteDemandePiece>") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
