// Pieces of the service that need no network: request parsing, option syntaxes, encodings, dates.
#include "jdsim/base64.hpp"
#include "jdsim/calendar.hpp"
#include "jdsim/cfonb_writer.hpp"
#include "jdsim/compte.hpp"
#include "jdsim/faults.hpp"
#include "jdsim/french_text.hpp"
#include "jdsim/gzip.hpp"
#include "jdsim/soap_request.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(service_parts)

BOOST_AUTO_TEST_CASE(soap_request_with_any_prefixes) {
    const std::string body =
        "<?xml version='1.0'?>\n<e:Envelope xmlns:e='http://schemas.xmlsoap.org/soap/envelope/' "
        "xmlns:x='http://experian.com/communicationV2/schemas'><e:Header/><e:Body>\n"
        "  <x:ListeDisponibiliteV2Request>\n"
        "    <x:Authentification><x:motDePasse>p&amp;w</x:motDePasse><x:nom> a@jedeclare.com </x:nom></x:Authentification>\n"
        "    <Identification xmlns='http://experian.com/communicationV2/schemas'><editeur>E</editeur><logiciel>L</logiciel></Identification>\n"
        "    <x:RequeteListe><x:typeProcedure>RELEVE</x:typeProcedure><x:dateDebut>01/02/2025</x:dateDebut></x:RequeteListe>\n"
        "  </x:ListeDisponibiliteV2Request></e:Body></e:Envelope>";
    auto parsed = jdsim::parse_soap_request(body);
    BOOST_REQUIRE(std::holds_alternative<jdsim::soap_request>(parsed));
    const auto& r = std::get<jdsim::soap_request>(parsed);
    BOOST_TEST((r.operation == jdsim::soap_operation::list));
    BOOST_TEST(r.operation_namespace == std::string(jdsim::communication_namespace));
    BOOST_TEST(*r.mot_de_passe == "p&w");
    BOOST_TEST(*r.nom == "a@jedeclare.com");
    BOOST_TEST(*r.editeur == "E");
    BOOST_TEST(*r.type_procedure == "RELEVE");
    BOOST_TEST(*r.date_debut == "01/02/2025");
    BOOST_TEST(!r.date_fin.has_value());
}

BOOST_AUTO_TEST_CASE(unescaped_ampersand_is_a_clear_error) {
    const std::string body =
        "<soapenv:Envelope xmlns:soapenv='http://schemas.xmlsoap.org/soap/envelope/' "
        "xmlns:sch='http://experian.com/communicationV2/schemas'><soapenv:Body><sch:DemandeAccuseRequest>\n"
        "<sch:Authentification><sch:motDePasse>Flux&Deux</sch:motDePasse></sch:Authentification>"
        "</sch:DemandeAccuseRequest></soapenv:Body></soapenv:Envelope>";
    auto parsed = jdsim::parse_soap_request(body);
    BOOST_REQUIRE(std::holds_alternative<jdsim::soap_parse_error>(parsed));
    const auto& e = std::get<jdsim::soap_parse_error>(parsed);
    BOOST_TEST(e.line == 2);
    BOOST_TEST(e.message.find("ligne 2") != std::string::npos);
    BOOST_TEST(e.message.find("&amp;") != std::string::npos);
    BOOST_TEST(std::holds_alternative<jdsim::soap_parse_error>(jdsim::parse_soap_request("")));
    BOOST_TEST(std::holds_alternative<jdsim::soap_parse_error>(jdsim::parse_soap_request("<a/>")));
}

BOOST_AUTO_TEST_CASE(fault_specs) {
    auto f = jdsim::parse_fault_spec("http_status:502,share=0.25,count=3,ops=list+download,processed=1");
    BOOST_TEST((f.type == jdsim::fault_type::http_status));
    BOOST_TEST(f.status == 502);
    BOOST_TEST(f.share == 0.25);
    BOOST_TEST(*f.count == 3u);
    BOOST_TEST(f.operations.size() == 2u);
    BOOST_TEST(f.after_processing);
    BOOST_TEST(jdsim::parse_fault_spec("latency:250").ms == 250);
    BOOST_TEST(jdsim::parse_fault_spec("too_many_requests:7").retry_after == 7);
    BOOST_TEST(jdsim::parse_fault_spec("trickle:100").bytes_per_second == 100);
    BOOST_CHECK_THROW(jdsim::parse_fault_spec("explode"), std::invalid_argument);
    BOOST_CHECK_THROW(jdsim::parse_fault_spec("hang:3"), std::invalid_argument);
    BOOST_CHECK_THROW(jdsim::parse_fault_spec("reset,share=2"), std::invalid_argument);
    BOOST_CHECK_THROW(jdsim::parse_fault_spec("reset,ops=upload"), std::invalid_argument);

    const auto j = boost::json::parse(R"({"type":"too_many_requests","retry_after":3,"count":2,"operations":["gestion"]})");
    const auto g = jdsim::parse_fault_json(j.as_object());
    BOOST_TEST(g.retry_after == 3);
    BOOST_TEST((g.operations.at(0) == jdsim::operation_kind::gestion));
    BOOST_CHECK_THROW(jdsim::parse_fault_json(boost::json::parse(R"({"status":500})").as_object()), std::invalid_argument);

    // code99 and soap_fault never strike gestion.
    jdsim::fault_injector inj(1);
    inj.replace({jdsim::parse_fault_spec("code99")});
    BOOST_TEST(!inj.decide(jdsim::operation_kind::gestion).outcome.has_value());
    BOOST_TEST(inj.decide(jdsim::operation_kind::list).outcome.has_value());
}

BOOST_AUTO_TEST_CASE(fault_count_and_share_are_deterministic) {
    jdsim::fault_injector a(9), b(9);
    a.replace({jdsim::parse_fault_spec("reset,share=0.5")});
    b.replace({jdsim::parse_fault_spec("reset,share=0.5")});
    int hits = 0;
    for (int i = 0; i < 200; ++i) {
        const bool x = a.decide(jdsim::operation_kind::download).outcome.has_value();
        const bool y = b.decide(jdsim::operation_kind::download).outcome.has_value();
        BOOST_TEST(x == y);
        hits += x ? 1 : 0;
    }
    BOOST_TEST(hits > 50);
    BOOST_TEST(hits < 150);

    jdsim::fault_injector c(1);
    c.replace({jdsim::parse_fault_spec("http_status:503,count=2")});
    BOOST_TEST(c.decide(jdsim::operation_kind::list).outcome.has_value());
    BOOST_TEST(c.decide(jdsim::operation_kind::list).outcome.has_value());
    BOOST_TEST(!c.decide(jdsim::operation_kind::list).outcome.has_value());
    BOOST_TEST(c.injected() == 2u);
}

BOOST_AUTO_TEST_CASE(compte_specs) {
    const auto c = jdsim::parse_compte_spec("login=x@jedeclare.com,password=a&b<c,gestion=77,procedures=EDI-TVA,weight=0,first=5");
    BOOST_TEST(c.login == "x@jedeclare.com");
    BOOST_TEST(c.password == "a&b<c");
    BOOST_TEST(*c.gestion_id == "77");
    BOOST_TEST(!c.subscribes("RELEVE"));
    BOOST_TEST(!c.receives_statements());
    BOOST_TEST(c.first_numero == 5u);
    BOOST_CHECK_THROW(jdsim::parse_compte_spec("login=x"), std::invalid_argument);
    BOOST_CHECK_THROW(jdsim::parse_compte_spec("login=x,password=y,gestion=abc"), std::invalid_argument);
    BOOST_CHECK_THROW(jdsim::parse_compte_spec("login=x,password=y,colour=blue"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(dates) {
    BOOST_TEST(jdsim::date::parse_fr("29/02/2024").has_value());
    BOOST_TEST(!jdsim::date::parse_fr("29/02/2025").has_value());
    BOOST_TEST(!jdsim::date::parse_fr("2025-02-01").has_value());
    BOOST_TEST(!jdsim::date::parse_fr("1/2/2025").has_value());
    const auto d = *jdsim::date::parse_iso("2024-08-31");
    BOOST_TEST(d.fr() == "31/08/2024");
    BOOST_TEST(d.plus_months(18).iso() == "2026-02-28");
    BOOST_TEST(d.weekday() == 5);  // Saturday
    BOOST_TEST(d.next_business_day().iso() == "2024-09-02");
    BOOST_TEST(jdsim::date::from_ymd(2025, 3, 30).paris_offset_minutes() == 120);  // the switch day
    BOOST_TEST(jdsim::date::from_ymd(2025, 3, 29).paris_offset_minutes() == 60);
    BOOST_TEST(jdsim::date::from_ymd(2025, 10, 26).paris_offset_minutes() == 60);
    char buf[6];
    d.write_ddmmyy(buf);
    BOOST_TEST(std::string(buf, 6) == "310824");
}

BOOST_AUTO_TEST_CASE(encodings) {
    const std::string bytes("\x00\x01\xff\xe9 CFONB\r\n", 11);
    BOOST_TEST(*jdsim::base64_decode(jdsim::base64_encode(bytes)) == bytes);
    BOOST_TEST(jdsim::base64_encode("ab") == "YWI=");
    BOOST_TEST(!jdsim::base64_decode("Y$I=").has_value());
    const auto gz = jdsim::gzip_compress(bytes);
    BOOST_TEST(static_cast<unsigned char>(gz[0]) == 0x1f);
    BOOST_TEST(static_cast<unsigned char>(gz[1]) == 0x8b);
    BOOST_TEST(*jdsim::gzip_decompress(gz) == bytes);
    BOOST_TEST(*jdsim::gzip_decompress(jdsim::gzip_compress("")) == "");
    BOOST_TEST(!jdsim::gzip_decompress(gz.substr(0, gz.size() - 3)).has_value());

    BOOST_TEST(jdsim::to_latin1("L’ÉTOILE") == "L'\xC9TOILE");
    BOOST_TEST(jdsim::strip_accents("Crêperie de l'Étang") == "Creperie de l'Etang");
    BOOST_TEST(jdsim::title_fr("BOULANGERIE DE L'ÉTANG") == "Boulangerie De L'Étang");
    BOOST_TEST(jdsim::upper_fr("café") == "CAFÉ");

    char amount[14];
    jdsim::write_overpunch(amount, -19040);
    BOOST_TEST(std::string(amount, 14) == "0000000001904}");
    jdsim::write_overpunch(amount, 123);
    BOOST_TEST(std::string(amount, 14) == "000000000001"
                                          "2C");
}

BOOST_AUTO_TEST_SUITE_END()
