#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "jedeclare/gestion_response.hpp"
#include "jedeclare/soap_response.hpp"
#include "jedeclare/wire_error.hpp"

using namespace jd::jedeclare;

namespace {

redactor test_redactor()
{
    account_credentials credentials;
    credentials.login = "flux@jedeclare.com";
    credentials.password = secret("S3cr3t<&'\">-Pa55");
    return redactor(credentials);
}

std::string envelope(const std::string& body, const std::string& env_prefix = "soapenv",
                     const std::string& ns_prefix = "ns2")
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + env_prefix + ":Envelope xmlns:" + env_prefix +
           "=\"http://schemas.xmlsoap.org/soap/envelope/\"><" + env_prefix + ":Body>" + body + "</" + env_prefix +
           ":Body></" + env_prefix + ":Envelope>" + (ns_prefix.empty() ? "" : "");
}

error_kind kind_of(const std::function<void()>& action)
{
    try {
        action();
    } catch (const wire_error& e) {
        return e.kind();
    }
    BOOST_FAIL("expected a wire_error");
    return error_kind::cancelled;
}

} // namespace

BOOST_AUTO_TEST_SUITE(soap_responses)

BOOST_AUTO_TEST_CASE(list_with_several_items)
{
    const auto body = envelope(
        R"(<ns2:ListeDisponibiliteV2Response xmlns:ns2="http://experian.com/communicationV2/schemas">)"
        R"(<ns2:codeRetour>00</ns2:codeRetour><ns2:message>OK</ns2:message><ns2:liste>)"
        R"(<ns2:item><ns2:numero>1001</ns2:numero><ns2:statut>00</ns2:statut><ns2:typeDePiece>03</ns2:typeDePiece><ns2:numeroADS>A1</ns2:numeroADS></ns2:item>)"
        R"(<ns2:item><ns2:numero>1002</ns2:numero><ns2:statut>01</ns2:statut><ns2:typeDePiece>03</ns2:typeDePiece><ns2:numeroADS/></ns2:item>)"
        R"(</ns2:liste></ns2:ListeDisponibiliteV2Response>)");
    const auto parsed = parse_list_response(body, test_redactor());
    BOOST_TEST(parsed.code_retour == "00");
    BOOST_REQUIRE_EQUAL(parsed.items.size(), 2u);
    BOOST_TEST(parsed.items[0].numero == "1001");
    BOOST_TEST(parsed.items[0].statut == "00");
    BOOST_TEST(parsed.items[0].type_de_piece == "03");
    BOOST_TEST(parsed.items[0].numero_ads == "A1");
    BOOST_TEST(parsed.items[1].numero == "1002");
    BOOST_TEST(parsed.items[1].statut == "01");
    BOOST_TEST(parsed.items[1].numero_ads == "");
}

BOOST_AUTO_TEST_CASE(list_with_one_item_other_prefixes_and_unknown_elements)
{
    const auto body = envelope(
        R"(<x:ListeDisponibiliteV2Response xmlns:x="http://experian.com/communicationV2/schemas" xmlns:y="urn:other">)"
        R"(<y:trace>ignored</y:trace><x:codeRetour> 00 </x:codeRetour>)"
        R"(<x:liste><x:item><x:futureField><x:numero>999</x:numero></x:futureField><x:numero>  4242 </x:numero><x:statut>00</x:statut></x:item></x:liste>)"
        R"(<x:extra><x:item><x:numero>nope</x:numero></x:item></x:extra></x:ListeDisponibiliteV2Response>)",
        "S");
    const auto parsed = parse_list_response(body, test_redactor());
    BOOST_TEST(parsed.code_retour == "00");
    BOOST_REQUIRE_EQUAL(parsed.items.size(), 1u);
    BOOST_TEST(parsed.items[0].numero == "4242"); // direct child wins over a nested one
}

BOOST_AUTO_TEST_CASE(list_without_prefix_default_namespace)
{
    const std::string body =
        R"(<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body>)"
        R"(<ListeDisponibiliteV2Response xmlns="http://experian.com/communicationV2/schemas"><codeRetour>00</codeRetour>)"
        R"(<liste><item><numero>1</numero></item></liste></ListeDisponibiliteV2Response></Body></Envelope>)";
    const auto parsed = parse_list_response(body, test_redactor());
    BOOST_REQUIRE_EQUAL(parsed.items.size(), 1u);
    BOOST_TEST(parsed.items[0].numero == "1");
}

BOOST_AUTO_TEST_CASE(list_empty_or_missing_liste_is_zero_pieces)
{
    const auto missing = envelope(R"(<a:ListeDisponibiliteV2Response xmlns:a="urn:a"><a:codeRetour>00</a:codeRetour></a:ListeDisponibiliteV2Response>)");
    BOOST_TEST(parse_list_response(missing, test_redactor()).items.empty());
    const auto empty = envelope(R"(<a:ListeDisponibiliteV2Response xmlns:a="urn:a"><a:codeRetour>00</a:codeRetour><a:liste/></a:ListeDisponibiliteV2Response>)");
    BOOST_TEST(parse_list_response(empty, test_redactor()).items.empty());
}

BOOST_AUTO_TEST_CASE(list_error_code_is_returned_not_thrown)
{
    const auto body = envelope(R"(<a:ListeDisponibiliteV2Response xmlns:a="urn:a"><a:codeRetour>06</a:codeRetour><a:message>Authentification refusée</a:message></a:ListeDisponibiliteV2Response>)");
    const auto parsed = parse_list_response(body, test_redactor());
    BOOST_TEST(parsed.code_retour == "06");
    BOOST_TEST(parsed.message == "Authentification refusée");
}

BOOST_AUTO_TEST_CASE(item_without_numero_is_an_unexpected_response)
{
    const auto body = envelope(R"(<a:ListeDisponibiliteV2Response xmlns:a="urn:a"><a:liste><a:item><a:statut>00</a:statut></a:item></a:liste></a:ListeDisponibiliteV2Response>)");
    BOOST_TEST(kind_of([&] { parse_list_response(body, test_redactor()); }) == error_kind::unexpected_response);
}

BOOST_AUTO_TEST_CASE(soap_fault_11_and_12_are_soap_faults_and_redacted)
{
    const auto fault11 = envelope(
        R"(<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>Bad password S3cr3t&lt;&amp;'"&gt;-Pa55 for flux@jedeclare.com</faultstring></soapenv:Fault>)");
    try {
        parse_list_response(fault11, test_redactor());
        BOOST_FAIL("expected a SOAP fault");
    } catch (const wire_error& e) {
        BOOST_TEST(e.kind() == error_kind::soap_fault);
        BOOST_TEST(e.detail().find("soapenv:Server") != std::string::npos);
        BOOST_TEST(e.detail().find("S3cr3t") == std::string::npos);
        BOOST_TEST(e.detail().find("flux@jedeclare.com") == std::string::npos);
        BOOST_TEST(e.detail().find("Bad password") != std::string::npos);
    }
    const std::string fault12 =
        R"(<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text xml:lang="fr">Panne</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>)";
    try {
        parse_piece_response(fault12, test_redactor());
        BOOST_FAIL("expected a SOAP fault");
    } catch (const wire_error& e) {
        BOOST_TEST(e.kind() == error_kind::soap_fault);
        BOOST_TEST(e.detail().find("env:Receiver") != std::string::npos);
        BOOST_TEST(e.detail().find("Panne") != std::string::npos);
    }
    BOOST_TEST(soap_fault_in(fault11, test_redactor()).has_value());
    BOOST_TEST(!soap_fault_in("<html>503</html>", test_redactor()).has_value());
    BOOST_TEST(!soap_fault_in("not xml", test_redactor()).has_value());
}

BOOST_AUTO_TEST_CASE(malformed_and_unexpected_documents)
{
    BOOST_TEST(kind_of([] { parse_list_response("<Envelope><Body>", test_redactor()); }) == error_kind::malformed_response);
    BOOST_TEST(kind_of([] { parse_list_response("", test_redactor()); }) == error_kind::malformed_response);
    BOOST_TEST(kind_of([] { parse_list_response("<html><body>Maintenance</body></html>", test_redactor()); }) ==
               error_kind::unexpected_response);
    BOOST_TEST(kind_of([] { parse_piece_response(envelope("<a:Other xmlns:a=\"urn:a\"/>"), test_redactor()); }) ==
               error_kind::unexpected_response);
    // An unbound prefix is not well-formed with namespaces.
    BOOST_TEST(kind_of([] { parse_list_response("<q:Envelope/>", test_redactor()); }) == error_kind::malformed_response);
}

BOOST_AUTO_TEST_CASE(piece_response_fields)
{
    const auto body = envelope(
        R"(<ns3:DemandeAccuseResponse xmlns:ns3="http://experian.com/communicationV2/schemas"><ns3:codeRetour>00</ns3:codeRetour>)"
        R"(<ns3:message/><ns3:numero>77</ns3:numero><ns3:date>02/05/2024</ns3:date><ns3:typeDePiece>03</ns3:typeDePiece>)"
        R"(<ns3:contentType>application/octet-stream</ns3:contentType><ns3:pieceJointe>SGVs
bG8=</ns3:pieceJointe><ns3:unknown>x</ns3:unknown></ns3:DemandeAccuseResponse>)");
    const auto parsed = parse_piece_response(body, test_redactor());
    BOOST_TEST(parsed.code_retour == "00");
    BOOST_TEST(parsed.numero == "77");
    BOOST_TEST(parsed.date == "02/05/2024");
    BOOST_TEST(parsed.type_de_piece == "03");
    BOOST_TEST(parsed.content_type == "application/octet-stream");
    BOOST_REQUIRE(parsed.piece_jointe.has_value());
    BOOST_TEST(*parsed.piece_jointe == "SGVs\nbG8=");

    const auto without = envelope(R"(<a:DemandeAccuseResponse xmlns:a="urn:a"><a:codeRetour>07</a:codeRetour></a:DemandeAccuseResponse>)");
    const auto parsed_without = parse_piece_response(without, test_redactor());
    BOOST_TEST(parsed_without.code_retour == "07");
    BOOST_TEST(!parsed_without.piece_jointe.has_value());
}

BOOST_AUTO_TEST_CASE(piece_response_direct_child_wins_nested_is_a_fallback)
{
    const auto body = envelope(
        R"(<r:DemandeAccuseResponse xmlns:r="urn:r"><r:wrapper><r:numero>nested</r:numero><r:pieceJointe>TmVzdA==</r:pieceJointe></r:wrapper>)"
        R"(<r:numero>direct</r:numero><r:codeRetour>00</r:codeRetour></r:DemandeAccuseResponse>)"
        R"(<r:DemandeAccuseResponse xmlns:r="urn:r"><r:numero>second</r:numero></r:DemandeAccuseResponse>)");
    const auto parsed = parse_piece_response(body, test_redactor());
    BOOST_TEST(parsed.numero == "direct");
    BOOST_REQUIRE(parsed.piece_jointe.has_value());
    BOOST_TEST(*parsed.piece_jointe == "TmVzdA==");
    BOOST_TEST(parsed.code_retour == "00");
    // Text split by comments or entities is joined.
    const auto split = envelope(
        R"(<r:DemandeAccuseResponse xmlns:r="urn:r"><r:pieceJointe>SGVs<!-- x -->bG8&#61;</r:pieceJointe></r:DemandeAccuseResponse>)");
    BOOST_TEST(*parse_piece_response(split, test_redactor()).piece_jointe == "SGVsbG8=");
}

BOOST_AUTO_TEST_CASE(piece_response_fault_wins_and_bare_documents_are_unexpected)
{
    const auto both = envelope(
        R"(<r:DemandeAccuseResponse xmlns:r="urn:r"><r:codeRetour>00</r:codeRetour></r:DemandeAccuseResponse>)"
        R"(<soapenv:Fault><faultcode>Server</faultcode></soapenv:Fault>)");
    BOOST_TEST(kind_of([&] { parse_piece_response(both, test_redactor()); }) == error_kind::soap_fault);
    BOOST_TEST(kind_of([] { parse_piece_response("<html/>", test_redactor()); }) == error_kind::unexpected_response);
    BOOST_TEST(kind_of([] { parse_piece_response("", test_redactor()); }) == error_kind::malformed_response);
    BOOST_TEST(kind_of([] { parse_piece_response("<a><b></a>", test_redactor()); }) == error_kind::malformed_response);
    // Cut in the middle of the attachment (what a truncated body looks like).
    const auto whole = envelope(R"(<r:DemandeAccuseResponse xmlns:r="urn:r"><r:pieceJointe>SGVsbG8=</r:pieceJointe></r:DemandeAccuseResponse>)");
    BOOST_TEST(kind_of([&] { parse_piece_response(whole.substr(0, whole.size() - 40), test_redactor()); }) ==
               error_kind::malformed_response);
}

BOOST_AUTO_TEST_CASE(return_codes_map_to_kinds)
{
    BOOST_TEST(!error_for_return_code("00").has_value());
    BOOST_TEST(!error_for_return_code("").has_value());
    BOOST_TEST((*error_for_return_code("04") == error_kind::compression_unsupported));
    BOOST_TEST((*error_for_return_code("05") == error_kind::malformed_request));
    BOOST_TEST((*error_for_return_code("06") == error_kind::invalid_credentials));
    BOOST_TEST((*error_for_return_code("07") == error_kind::piece_unavailable));
    BOOST_TEST((*error_for_return_code("08") == error_kind::piece_not_owned));
    BOOST_TEST((*error_for_return_code("11") == error_kind::procedure_not_subscribed));
    BOOST_TEST((*error_for_return_code("99") == error_kind::server_technical));
    BOOST_TEST((*error_for_return_code("42") == error_kind::unexpected_return_code));
    BOOST_TEST(is_transient(error_kind::server_technical));
    for (const char* code : {"04", "05", "06", "07", "08", "11", "42"})
        BOOST_TEST(!is_transient(*error_for_return_code(code)), code);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(gestion_responses)

BOOST_AUTO_TEST_CASE(dossiers_idocus_shape)
{
    const std::string body =
        R"(<?xml version="1.0"?><listeDossiers xmlns="http://jedeclare.com/gestion">)"
        R"(<dossier><client><id>11</id><siretPrincipal><siren>123456782</siren><nic>00011</nic></siretPrincipal><rs>SARL L'ÉTOILE</rs>)"
        R"(<responsable><id>999</id></responsable></client><autre>x</autre></dossier>)"
        R"(<dossier><client><id>12</id><rs>Boulangerie &amp; Fils </rs></client></dossier></listeDossiers>)";
    const auto dossiers = parse_dossiers(body);
    BOOST_REQUIRE_EQUAL(dossiers.size(), 2u);
    BOOST_TEST(dossiers[0].id == "11");
    BOOST_TEST(dossiers[0].siren == "123456782");
    BOOST_TEST(dossiers[0].nic == "00011");
    BOOST_TEST(dossiers[0].raison_sociale == "SARL L'ÉTOILE");
    BOOST_TEST(dossiers[1].id == "12");
    BOOST_TEST(dossiers[1].raison_sociale == "Boulangerie & Fils");
}

BOOST_AUTO_TEST_CASE(dossiers_crm_cabinet_shape_with_prefix)
{
    const std::string body =
        R"(<g:dossierClients xmlns:g="http://jedeclare.com/gestion">)"
        R"(<g:dossierClient><g:client><g:id>21</g:id><g:siretPrincipal><g:siren>552100554</g:siren><g:nic>00013</g:nic></g:siretPrincipal><g:rs>ACME SAS</g:rs></g:client><g:exploitationDonnees>true</g:exploitationDonnees></g:dossierClient>)"
        R"(</g:dossierClients>)";
    const auto dossiers = parse_dossiers(body);
    BOOST_REQUIRE_EQUAL(dossiers.size(), 1u);
    BOOST_TEST(dossiers[0].id == "21");
    BOOST_TEST(dossiers[0].siren == "552100554");
    BOOST_TEST(dossiers[0].raison_sociale == "ACME SAS");
    // A single dossierClient as the root.
    const auto single = parse_dossiers(R"(<dossierClient><client><id>5</id><rs>X</rs></client></dossierClient>)");
    BOOST_REQUIRE_EQUAL(single.size(), 1u);
    BOOST_TEST(single[0].id == "5");
}

BOOST_AUTO_TEST_CASE(dossiers_empty_versus_unrecognised)
{
    BOOST_TEST(parse_dossiers("").empty());
    BOOST_TEST(parse_dossiers("  \n").empty());
    BOOST_TEST(parse_dossiers(R"(<listeDossiers xmlns="http://jedeclare.com/gestion"/>)").empty());
    BOOST_TEST(kind_of([] { parse_dossiers(R"(<clients><c><id>1</id></c></clients>)"); }) == error_kind::unexpected_response);
    BOOST_TEST(kind_of([] { parse_dossiers(R"(<erreur>Compte bloqué</erreur>)"); }) == error_kind::unexpected_response);
    BOOST_TEST(kind_of([] { parse_dossiers(R"(<listeDossiers><dossier><id>1</id></dossier></listeDossiers>)"); }) ==
               error_kind::unexpected_response);
    BOOST_TEST(kind_of([] { parse_dossiers(R"(<listeDossiers><dossier><client><rs>x</rs></client></dossier></listeDossiers>)"); }) ==
               error_kind::unexpected_response);
    BOOST_TEST(kind_of([] { parse_dossiers("<listeDossiers><dossier>"); }) == error_kind::malformed_response);
}

BOOST_AUTO_TEST_CASE(ribs_list_single_and_empty)
{
    const std::string body =
        R"(<listeRibs xmlns="http://jedeclare.com/gestion"><rib><id>7</id><libelle>Compte courant</libelle>)"
        R"(<civiliteTitulaire>M</civiliteTitulaire><nomTitulaire>Durand</nomTitulaire><prenomTitulaire>Jean</prenomTitulaire>)"
        R"(<etablissement>30004</etablissement><guichet>00001</guichet><numCompte>00012345678</numCompte><cle>97</cle><nouveau>?</nouveau></rib>)"
        R"(<rib><id>8</id><etablissement>10107</etablissement><guichet>00100</guichet><numCompte>12345678901</numCompte><cle>12</cle></rib></listeRibs>)";
    const auto ribs = parse_ribs(body);
    BOOST_REQUIRE_EQUAL(ribs.size(), 2u);
    BOOST_TEST(ribs[0].id == "7");
    BOOST_TEST(ribs[0].libelle == "Compte courant");
    BOOST_TEST(ribs[0].civilite_titulaire == "M");
    BOOST_TEST(ribs[0].nom_titulaire == "Durand");
    BOOST_TEST(ribs[0].prenom_titulaire == "Jean");
    BOOST_TEST(ribs[0].etablissement == "30004");
    BOOST_TEST(ribs[0].guichet == "00001");
    BOOST_TEST(ribs[0].num_compte == "00012345678");
    BOOST_TEST(ribs[0].cle == "97");
    BOOST_TEST(ribs[1].etablissement == "10107");

    const auto single = parse_ribs(R"(<p:rib xmlns:p="http://jedeclare.com/gestion"><p:id>3</p:id><p:numCompte>1</p:numCompte></p:rib>)");
    BOOST_REQUIRE_EQUAL(single.size(), 1u);
    BOOST_TEST(single[0].id == "3");
    BOOST_TEST(parse_ribs(R"(<listeRibs/>)").empty());
    BOOST_TEST(parse_ribs("").empty());
    BOOST_TEST(kind_of([] { parse_ribs(R"(<comptes><compte/></comptes>)"); }) == error_kind::unexpected_response);
}

BOOST_AUTO_TEST_SUITE_END()
