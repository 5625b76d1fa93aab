// Every SOAP and REST path and return code, through raw HTTPS requests against the running simulator.
#include "cfonb_reader.hpp"
#include "jdsim/check_digits.hpp"
#include "jdsim/dataset.hpp"
#include "jdsim/gzip.hpp"
#include "jdsim/base64.hpp"
#include "jdsim/host_seed.hpp"
#include "jdsim/truth.hpp"
#include "sim_fixtures.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <openssl/ssl.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

using namespace jdsim_test;

namespace {

std::vector<std::string> numeros(const std::string& xml) {
    std::vector<std::string> out;
    for (const auto& item : xml_all(xml, "item")) out.push_back(*xml_text(item, "numero"));
    return out;
}

std::string code_of(const reply& r) { return xml_text(r.body, "codeRetour").value_or("<none>"); }

std::filesystem::path temp_dir(const std::string& tag) {
    std::string pattern = (std::filesystem::temp_directory_path() / ("jdsim-test-" + tag + "-XXXXXX")).string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

int run(const std::string& command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

jdsim::dataset_params shared_params() {
    jdsim::dataset_params p;
    p.seed = 3;
    p.dossiers = 40;
    p.days = 8;
    p.end_date = jdsim::date::from_ymd(2025, 3, 14);
    return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(soap)

BOOST_AUTO_TEST_CASE(ready_file_tls_and_keep_alive) {
    auto& sim = shared_sim();
    BOOST_TEST(sim.port() > 0);
    BOOST_TEST(sim.base_url() == "https://127.0.0.1:" + std::to_string(sim.port()));
    BOOST_TEST(sim.soap_url() == sim.base_url() + "/webservices/wspid_spring/CommunicationV2Service/");
    BOOST_TEST(sim.gestion_url() == sim.base_url() + "/webservice/gestion/");
    BOOST_TEST(std::filesystem::exists(sim.ca_file()));
    BOOST_REQUIRE_EQUAL(sim.comptes.size(), 3u);
    BOOST_TEST(sim.comptes()[0].gestion_account_id.value() == "4242");
    BOOST_TEST(!sim.comptes[2].gestion_account_id.has_value());
    BOOST_TEST(!sim.comptes[2].releve);

    // Keep-alive: several requests, one handshake.
    const auto before = sim.stats().at("handshakes").to_number<std::uint64_t>();
    auto c = client_for(sim);
    for (int i = 0; i < 5; ++i) BOOST_TEST(code_of(c->soap(list_envelope(list_as(sim, 0)))) == "00");
    BOOST_TEST(c->handshakes() == 1);
    const auto after = sim.stats().at("handshakes").to_number<std::uint64_t>();
    BOOST_TEST(after - before == 2u);  // this client, and the stats request itself

    // TLS 1.1 and older are refused.
    https_client old(sim.port(), sim.ca_file());
    old.set_max_tls_version(TLS1_1_VERSION);
    const auto a = old.try_request("GET", "/_sim/health", {}, {}, std::chrono::seconds(5));
    BOOST_TEST((a.result == outcome::connection_closed));
}

BOOST_AUTO_TEST_CASE(list_all_pieces_and_list_types) {
    auto& sim = shared_sim();
    auto c = client_for(sim);
    const reply r = c->soap(list_envelope(list_as(sim, 0, "list-types")));
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(r.headers.at("content-type").find("text/xml") == 0u);
    BOOST_TEST(code_of(r) == "00");
    BOOST_TEST(xml_text(r.body, "message").has_value());
    const auto items = xml_all(r.body, "item");
    BOOST_TEST(items.size() == sim.comptes[0].pieces);
    for (const auto& it : items) {
        BOOST_TEST(xml_text(it, "statut").value() == "00");
        BOOST_TEST(xml_text(it, "typeDePiece").value() == "03");
        BOOST_TEST(xml_text(it, "numeroADS").has_value());
    }
    // The response element and its direct children, as iDocus walks them.
    BOOST_TEST(r.body.find("ListeDisponibiliteV2Response") != std::string::npos);
    BOOST_TEST(well_formed(r.body));

    for (const char* t : {"99", "97"}) {
        auto req = list_as(sim, 0, "list-types");
        req.type_de_liste = t;
        BOOST_TEST(xml_all(c->soap(list_envelope(req)).body, "item").size() == items.size());
    }
    for (const char* t : {"98", "00", "01", "02"}) {
        auto req = list_as(sim, 0, "list-types");
        req.type_de_liste = t;
        const reply e = c->soap(list_envelope(req));
        BOOST_TEST(code_of(e) == "00");
        BOOST_TEST(xml_text(e.body, "liste").value() == "");  // zero items: an empty liste
    }
    // Without statutPiece nor typeDeListe: all pieces (defaults 01 and 99).
    auto bare = list_as(sim, 0, "list-types");
    bare.statut_piece.reset();
    bare.type_de_liste.reset();
    BOOST_TEST(xml_all(c->soap(list_envelope(bare)).body, "item").size() == items.size());
}

BOOST_AUTO_TEST_CASE(list_return_codes) {
    auto& sim = shared_sim();
    auto c = client_for(sim);
    auto code = [&](const list_request& r) { return code_of(c->soap(list_envelope(r))); };

    auto r = list_as(sim, 0);
    r.type_procedure.reset();
    BOOST_TEST(code(r) == "11");
    r.type_procedure = "";
    BOOST_TEST(code(r) == "11");
    r.type_procedure = "EDI-FOO";
    BOOST_TEST(code(r) == "11");

    auto tax = list_as(sim, 2);
    BOOST_TEST(code(tax) == "11");  // RELEVE not subscribed
    tax.type_procedure = "EDI-TVA";
    const reply tva = c->soap(list_envelope(tax));
    BOOST_TEST(code_of(tva) == "00");
    BOOST_TEST(xml_all(tva.body, "item").empty());

    auto bad = list_as(sim, 0);
    bad.password += "x";
    BOOST_TEST(code(bad) == "06");
    bad = list_as(sim, 0);
    bad.login = "inconnu@jedeclare.com";
    BOOST_TEST(code(bad) == "06");
    bad = list_as(sim, 0);
    bad.editeur = "";
    BOOST_TEST(code(bad) == "05");

    auto dates = list_as(sim, 0);
    dates.date_debut = "2025-01-01";
    BOOST_TEST(code(dates) == "05");
    dates.date_debut = "31/02/2025";
    BOOST_TEST(code(dates) == "05");
    dates.date_debut = "10/03/2025";
    dates.date_fin = "01/03/2025";
    BOOST_TEST(code(dates) == "05");
    dates.date_debut = "01/01/2024";
    dates.date_fin = "02/07/2025";  // more than 18 months
    BOOST_TEST(code(dates) == "05");
    dates.date_fin = "23/06/2025";  // 539 days after: inside the 540-day windows crm-cabinet uses
    BOOST_TEST(code(dates) == "00");

    auto statut = list_as(sim, 0);
    statut.statut_piece = "02";
    BOOST_TEST(code(statut) == "05");
    auto liste = list_as(sim, 0);
    liste.type_de_liste = "42";
    BOOST_TEST(code(liste) == "05");

    // A request without Identification at all.
    std::string no_ident = list_envelope(list_as(sim, 0));
    const auto from = no_ident.find("<sch:Identification>");
    const auto to = no_ident.find("</sch:Identification>") + std::string("</sch:Identification>").size();
    no_ident.erase(from, to - from);
    BOOST_TEST(code_of(c->soap(no_ident)) == "05");
}

BOOST_AUTO_TEST_CASE(date_window_and_dossier_filter_and_one_item) {
    auto& sim = shared_sim();
    auto c = client_for(sim);
    const auto all = numeros(c->soap(list_envelope(list_as(sim, 0, "filters"))).body);
    BOOST_REQUIRE(!all.empty());
    // The date a piece was made available, from its download.
    const reply d = c->soap(download_envelope(download_as(sim, 0, all.back(), "filters")));
    const std::string iso = xml_text(d.body, "date").value().substr(0, 10);
    const std::string fr = iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
    auto window = list_as(sim, 0, "filters");
    window.date_debut = fr;
    window.date_fin = fr;
    const auto same_day = numeros(c->soap(list_envelope(window)).body);
    BOOST_TEST(!same_day.empty());
    BOOST_TEST(same_day.size() < all.size());
    BOOST_TEST((std::find(same_day.begin(), same_day.end(), all.back()) != same_day.end()));
    window.date_debut = "01/01/2020";
    window.date_fin = "31/01/2020";
    const reply none = c->soap(list_envelope(window));
    BOOST_TEST(code_of(none) == "00");
    BOOST_TEST(xml_all(none.body, "item").empty());

    // identifiantDossier: a dossier of the firm.
    const reply dossiers = c->get("/webservice/gestion/compte/4242/dossierClient",
                                  {{"Authorization", basic_auth(sim.comptes[0].login, sim.comptes[0].password)}});
    const auto ids = xml_all(dossiers.body, "client");
    BOOST_REQUIRE(!ids.empty());
    std::size_t some = 0;
    for (const auto& client : ids) {
        auto f = list_as(sim, 0, "filters");
        f.identifiant_dossier = xml_text(client, "id").value();
        const auto n = numeros(c->soap(list_envelope(f)).body).size();
        BOOST_TEST(n < all.size());
        some += n;
    }
    BOOST_TEST(some > 0u);

    // Exactly one item.
    sim.add_pieces(boost::json::parse(R"({"pieces":[{"content":"","dossier":"SEUL-DOSSIER","date":"2025-03-17"}]})"));
    auto one = list_as(sim, 0, "filters");
    one.identifiant_dossier = "SEUL-DOSSIER";
    BOOST_TEST(numeros(c->soap(list_envelope(one)).body).size() == 1u);
}

BOOST_AUTO_TEST_CASE(download_raw_and_gzip) {
    auto& sim = shared_sim();
    auto c = client_for(sim);
    const auto all = numeros(c->soap(list_envelope(list_as(sim, 0, "download"))).body);
    BOOST_REQUIRE(all.size() > 3);
    std::size_t checked = 0;
    for (const auto& n : {all[0], all[all.size() / 2], all[all.size() - 2]}) {
        const reply raw = c->soap(download_envelope(download_as(sim, 0, n, "download-raw")));
        BOOST_TEST(code_of(raw) == "00");
        BOOST_TEST(xml_text(raw.body, "numero").value() == n);
        BOOST_TEST(xml_text(raw.body, "typeDePiece").value() == "03");
        BOOST_TEST(xml_text(raw.body, "contentType").has_value());
        BOOST_TEST(xml_text(raw.body, "date").value().size() >= 19u);
        const auto bytes = jdsim::base64_decode(xml_text(raw.body, "pieceJointe").value()).value();
        BOOST_TEST(jdsim_test::read_statements(bytes).size() == jdsim_test::read_statements(bytes).size());  // parses

        auto gz = download_as(sim, 0, n, "download-gzip");
        gz.mime = "application/gzip";
        const reply zipped = c->soap(download_envelope(gz));
        BOOST_TEST(code_of(zipped) == "00");
        BOOST_TEST(zipped.headers.count("content-encoding") == 0u);  // gzip inside the base64, never on HTTP
        const auto packed = jdsim::base64_decode(xml_text(zipped.body, "pieceJointe").value()).value();
        BOOST_REQUIRE(packed.size() >= 2u);
        BOOST_TEST(static_cast<unsigned char>(packed[0]) == 0x1f);
        BOOST_TEST(static_cast<unsigned char>(packed[1]) == 0x8b);
        BOOST_TEST(jdsim::gzip_decompress(packed).value() == bytes);
        ++checked;
    }
    BOOST_TEST(checked == 3u);
}

BOOST_AUTO_TEST_CASE(download_return_codes) {
    auto& sim = shared_sim();
    auto c = client_for(sim);
    const auto main_items = numeros(c->soap(list_envelope(list_as(sim, 0, "codes"))).body);
    const auto second_items = numeros(c->soap(list_envelope(list_as(sim, 1, "codes"))).body);
    BOOST_REQUIRE(!second_items.empty());
    BOOST_REQUIRE(main_items.size() > second_items.size());
    auto code = [&](const download_request& r) { return code_of(c->soap(download_envelope(r))); };

    BOOST_TEST(code(download_as(sim, 0, "999999999", "codes")) == "07");
    BOOST_TEST(code(download_as(sim, 0, "abc", "codes")) == "07");
    // A number only the main compte has, asked through the second compte.
    BOOST_TEST(code(download_as(sim, 1, main_items.back(), "codes")) == "08");
    // Numbering is independent: the same number exists in both comptes, with other content.
    const reply first_main = c->soap(download_envelope(download_as(sim, 0, second_items.front(), "codes")));
    const reply first_second = c->soap(download_envelope(download_as(sim, 1, second_items.front(), "codes")));
    BOOST_TEST(code_of(first_main) == "00");
    BOOST_TEST(code_of(first_second) == "00");
    BOOST_TEST((xml_text(first_main.body, "pieceJointe") != xml_text(first_second.body, "pieceJointe")));

    auto zip = download_as(sim, 0, main_items.front(), "codes");
    zip.mime = "application/zip";
    BOOST_TEST(code(zip) == "04");
    auto type = download_as(sim, 0, main_items.front(), "codes");
    type.type_piece = "01";
    BOOST_TEST(code(type) == "07");
    auto missing = download_as(sim, 0, "", "codes");
    BOOST_TEST(code(missing) == "05");
    auto bad = download_as(sim, 0, main_items.front(), "codes");
    bad.password = "faux";
    BOOST_TEST(code(bad) == "06");
}

BOOST_AUTO_TEST_CASE(statut_flips_per_editeur_logiciel) {
    auto& sim = shared_sim();
    auto c = client_for(sim);
    auto unread = [&](const std::string& logiciel) {
        auto r = list_as(sim, 0, logiciel);
        r.statut_piece = "00";
        return numeros(c->soap(list_envelope(r)).body);
    };
    const auto before = unread("flip-A");
    BOOST_REQUIRE(before.size() > 2);
    BOOST_TEST(code_of(c->soap(download_envelope(download_as(sim, 0, before[0], "flip-A")))) == "00");
    BOOST_TEST(code_of(c->soap(download_envelope(download_as(sim, 0, before[1], "flip-A")))) == "00");
    const auto after = unread("flip-A");
    BOOST_TEST(after.size() == before.size() - 2);
    BOOST_TEST((std::find(after.begin(), after.end(), before[0]) == after.end()));
    // statutPiece 01 still lists them, now with statut 01.
    const reply all = c->soap(list_envelope(list_as(sim, 0, "flip-A")));
    std::set<std::string> retrieved;
    for (const auto& it : xml_all(all.body, "item"))
        if (xml_text(it, "statut") == "01") retrieved.insert(*xml_text(it, "numero"));
    BOOST_TEST((retrieved == std::set<std::string>{before[0], before[1]}));
    // Another couple is not affected.
    BOOST_TEST(unread("flip-B").size() == before.size());
    // Downloading again is allowed.
    BOOST_TEST(code_of(c->soap(download_envelope(download_as(sim, 0, before[0], "flip-A")))) == "00");
}

BOOST_AUTO_TEST_CASE(unescaped_ampersand_gets_a_clear_fault_not_a_crash) {
    auto& sim = shared_sim();
    auto c = client_for(sim);
    BOOST_REQUIRE(sim.comptes[1].password.find('&') != std::string::npos);
    std::string raw = list_envelope(list_as(sim, 1));
    const std::string escaped = escape(sim.comptes[1].password);
    raw.replace(raw.find(escaped), escaped.size(), sim.comptes[1].password);
    const reply r = c->soap(raw);
    BOOST_TEST(r.status == 500u);
    BOOST_TEST(xml_text(r.body, "faultcode").value().find("Client") != std::string::npos);
    BOOST_TEST(xml_text(r.body, "faultstring").value().find("ligne") != std::string::npos);
    // The server lives on, and the escaped password works.
    BOOST_TEST(code_of(c->soap(list_envelope(list_as(sim, 1)))) == "00");
}

BOOST_AUTO_TEST_CASE(idocus_and_crm_cabinet_requests_work_unchanged) {
    auto& sim = shared_sim();
    auto c = client_for(sim);
    const auto& login = sim.comptes[0].login;
    const auto& password = sim.comptes[0].password;
    // iDocus: single quotes, indentation, no dates, no SOAPAction on the list, Accept-Encoding gzip.
    const std::string idocus_list =
        "<soapenv:Envelope xmlns:soapenv='http://schemas.xmlsoap.org/soap/envelope/' "
        "xmlns:sch='http://experian.com/communicationV2/schemas'>\n         <soapenv:Header/>\n         <soapenv:Body>\n"
        "            <sch:ListeDisponibiliteV2Request>\n               <sch:Authentification>\n"
        "                  <sch:motDePasse>" + password + "</sch:motDePasse>\n                  <sch:nom>" + login +
        "</sch:nom>\n               </sch:Authentification>\n               <sch:Identification>\n"
        "                  <sch:editeur>iDocus</sch:editeur>\n                  <sch:logiciel>my.idocus.com</sch:logiciel>\n"
        "                  <sch:version>1.0</sch:version>\n               </sch:Identification>\n"
        "               <sch:RequeteListe>\n                  <sch:statutPiece>00</sch:statutPiece>\n"
        "                  <sch:typeDeListe>03</sch:typeDeListe>\n                  <sch:typeProcedure>RELEVE</sch:typeProcedure>\n"
        "               </sch:RequeteListe>\n            </sch:ListeDisponibiliteV2Request>\n         </soapenv:Body>\n"
        "      </soapenv:Envelope>";
    const reply l = c->request("POST", soap_target, idocus_list,
                               {{"Content-Type", "text/xml;charset=UTF-8"}, {"Accept", "*/*"}, {"Accept-Encoding", "gzip, deflate, br"}});
    BOOST_TEST(l.status == 200u);
    BOOST_TEST(l.headers.count("content-encoding") == 0u);
    BOOST_TEST(code_of(l) == "00");
    const auto items = numeros(l.body);
    BOOST_REQUIRE(!items.empty());
    std::string idocus_get = idocus_list;
    idocus_get.replace(idocus_get.find("ListeDisponibiliteV2Request"), 27, "DemandeAccuseRequest");
    idocus_get.replace(idocus_get.rfind("ListeDisponibiliteV2Request"), 27, "DemandeAccuseRequest");
    const auto b = idocus_get.find("<sch:RequeteListe>");
    const auto e = idocus_get.find("</sch:RequeteListe>") + 19;
    idocus_get.replace(b, e - b,
                       "<sch:RequeteDemandePiece>\n<sch:mimeTypeReponse>autre</sch:mimeTypeReponse>\n<sch:numero>" +
                           items.front() + "</sch:numero>\n<sch:typePiece>03</sch:typePiece>\n</sch:RequeteDemandePiece>");
    const reply g = c->request("POST", soap_target, idocus_get, {{"Content-Type", "text/xml;charset=UTF-8"}, {"SOAPAction", ""}});
    BOOST_TEST(code_of(g) == "00");
    BOOST_TEST(!jdsim::base64_decode(xml_text(g.body, "pieceJointe").value()).value().empty());

    // crm-cabinet: escaped values, SOAPAction "", dates, statutPiece 01, typeDeListe 99, gzip.
    list_request crm = list_as(sim, 0);
    crm.editeur = "TARN COMPTA";
    crm.logiciel = "crm-cabinet";
    crm.type_de_liste = "99";
    crm.date_debut = "01/01/2025";
    crm.date_fin = "30/06/2025";
    const reply cl = c->soap(list_envelope(crm));
    BOOST_TEST(code_of(cl) == "00");
    BOOST_TEST(!numeros(cl.body).empty());

    // Without the trailing slash, too; GET is refused; SOAP 1.2 and unknown operations are faults.
    BOOST_TEST(code_of(c->soap(list_envelope(list_as(sim, 0)), "/webservices/wspid_spring/CommunicationV2Service")) == "00");
    BOOST_TEST(c->get(soap_target).status == 405u);
    std::string v12 = list_envelope(list_as(sim, 0));
    v12.replace(v12.find("http://schemas.xmlsoap.org/soap/envelope/"), 41, "http://www.w3.org/2003/05/soap-envelope");
    const reply f12 = c->soap(v12);
    BOOST_TEST(f12.status == 500u);
    BOOST_TEST(xml_text(f12.body, "faultcode").value().find("VersionMismatch") != std::string::npos);
    std::string other = list_envelope(list_as(sim, 0));
    while (other.find("ListeDisponibiliteV2Request") != std::string::npos)
        other.replace(other.find("ListeDisponibiliteV2Request"), 27, "ListeDeclarationsRequest");
    BOOST_TEST(c->soap(other).status == 500u);
    BOOST_TEST(c->get("/nulle/part").status == 404u);
    // A client that waits for "100 Continue" before sending its body (curl with large bodies).
    const reply expect = c->request("POST", soap_target, list_envelope(list_as(sim, 0)),
                                    {{"Content-Type", "text/xml; charset=utf-8"}, {"Expect", "100-continue"}});
    BOOST_TEST(expect.status == 200u);
    BOOST_TEST(code_of(expect) == "00");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(gestion)

BOOST_AUTO_TEST_CASE(dossiers_and_ribs) {
    auto& sim = shared_sim();
    auto c = client_for(sim);
    const auto auth = basic_auth(sim.comptes[0].login, sim.comptes[0].password);
    const reply r = c->get("/webservice/gestion/compte/4242/dossierClient", {{"Authorization", auth}, {"Accept", "application/xml"}});
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(r.headers.at("content-type").find("application/xml") == 0u);
    BOOST_TEST(r.body.find("<listeDossiers xmlns=\"http://jedeclare.com/gestion\">") != std::string::npos);
    BOOST_TEST(well_formed(r.body));
    const auto dossiers = xml_all(r.body, "dossier");
    BOOST_REQUIRE(!dossiers.empty());
    BOOST_TEST(xml_all(r.body, "dossierClient").empty());
    std::size_t ribs_seen = 0;
    for (const auto& d : dossiers) {
        const auto client = xml_text(d, "client").value();
        const auto siren = xml_text(client, "siren").value();
        BOOST_TEST(jdsim::siren_valid(siren), siren);
        BOOST_TEST(jdsim::siret_valid(siren + xml_text(client, "nic").value()));
        BOOST_TEST(!xml_text(client, "rs").value().empty());
        const auto id = xml_text(client, "id").value();
        const reply ribs = c->get("/webservice/gestion/compte/4242/dossierClient/" + id + "/rib", {{"Authorization", auth}});
        BOOST_TEST(ribs.status == 200u);
        BOOST_TEST(ribs.body.find("<listeRibs xmlns=\"http://jedeclare.com/gestion\">") != std::string::npos);
        for (const auto& rib : xml_all(ribs.body, "rib")) {
            BOOST_TEST(jdsim::rib_valid(xml_text(rib, "etablissement").value(), xml_text(rib, "guichet").value(),
                                        xml_text(rib, "numCompte").value(), xml_text(rib, "cle").value()));
            BOOST_TEST(xml_text(rib, "id").has_value());
            BOOST_TEST(xml_text(rib, "libelle").has_value());
            BOOST_TEST(xml_text(rib, "nomTitulaire").has_value());
            ++ribs_seen;
        }
        if (ribs_seen > 12) break;
    }
    BOOST_TEST(ribs_seen > 0u);
    const auto first_id = xml_text(xml_text(dossiers.front(), "client").value(), "id").value();
    const reply releves = c->get("/webservice/gestion/compte/4242/dossierClient/" + first_id + "/releve", {{"Authorization", auth}});
    BOOST_TEST(releves.status == 200u);
    BOOST_TEST(well_formed(releves.body));
}

BOOST_AUTO_TEST_CASE(gestion_errors) {
    auto& sim = shared_sim();
    auto c = client_for(sim);
    const auto auth = basic_auth(sim.comptes[0].login, sim.comptes[0].password);
    const reply bad = c->get("/webservice/gestion/compte/4242/dossierClient", {{"Authorization", basic_auth(sim.comptes[0].login, "faux")}});
    BOOST_TEST(bad.status == 401u);
    BOOST_TEST(bad.headers.at("www-authenticate") == "Basic realm=\"jdc-users\"");
    BOOST_TEST(c->get("/webservice/gestion/compte/4242/dossierClient").status == 401u);
    BOOST_TEST(c->get("/webservice/gestion/compte/9999/dossierClient", {{"Authorization", auth}}).status == 404u);
    // The second compte's id with the first compte's credentials.
    BOOST_TEST(c->get("/webservice/gestion/compte/4243/dossierClient", {{"Authorization", auth}}).status == 404u);
    BOOST_TEST(c->get("/webservice/gestion/compte/4242/dossierClient/000/rib", {{"Authorization", auth}}).status == 404u);
    const auto tax = basic_auth(sim.comptes[2].login, sim.comptes[2].password);
    BOOST_TEST(c->get("/webservice/gestion/compte/4242/dossierClient", {{"Authorization", tax}}).status == 404u);
    BOOST_TEST(c->request("POST", "/webservice/gestion/compte/4242/dossierClient", "<dossierClient/>",
                          {{"Authorization", auth}, {"Content-Type", "application/xml"}}).status == 405u);
    // The second compte sees its own dossiers, with a password holding '&'.
    const reply second = c->get("/webservice/gestion/compte/4243/dossierClient",
                                {{"Authorization", basic_auth(sim.comptes[1].login, sim.comptes[1].password)}});
    BOOST_TEST(second.status == 200u);
    BOOST_TEST(!xml_all(second.body, "dossier").empty());
}

BOOST_AUTO_TEST_CASE(crm_cabinet_list_shape_on_option) {
    jdsim::sim_process crm({"--seed", "3", "--dossiers", "10", "--days", "2", "--gestion-shape", "crm"});
    auto c = client_for(crm);
    const reply r = c->get("/webservice/gestion/compte/4242/dossierClient",
                           {{"Authorization", basic_auth(crm.comptes[0].login, crm.comptes[0].password)}});
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(!xml_all(r.body, "dossierClient").empty());
    BOOST_TEST(xml_all(r.body, "dossier").empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(process)

BOOST_AUTO_TEST_CASE(control_truth_and_host_seed_match_the_generator) {
    auto& sim = shared_sim();
    BOOST_TEST(xml_text(client_for(sim)->soap(list_envelope(list_as(sim, 0))).body, "codeRetour").value() == "00");
    const jdsim::dataset ds(shared_params());
    const auto host = jdsim::plan_host(3, ds.firm_model());
    const auto truth = jdsim::build_truth(ds, host);
    const auto served = sim.truth();
    BOOST_TEST(served.at("movements_total").as_int64() == truth.at("movements_total").as_int64());
    BOOST_TEST(served.at("ribs").as_array().size() == truth.at("ribs").as_array().size());
    BOOST_TEST(boost::json::serialize(sim.host_seed()) == boost::json::serialize(host.to_json()));
    const auto stats = sim.stats();
    BOOST_TEST(stats.at("requests").to_number<std::uint64_t>() > 0u);
    BOOST_TEST(stats.at("by_operation").at("list").to_number<std::uint64_t>() > 0u);
    BOOST_TEST(stats.at("by_return_code").at("00").to_number<std::uint64_t>() > 0u);
}

BOOST_AUTO_TEST_CASE(pieces_dir_serves_files_as_they_are) {
    const auto dir = temp_dir("pieces");
    const std::string a = "0130004    00003EUR2 12345678901  090216" + std::string(50, ' ') + "0000000000190E" + std::string(16, ' ') + "\r\n";
    const std::string b = "not even CFONB \xE9t\xE9";
    { std::ofstream(dir / "a.cfonb", std::ios::binary) << a; }
    { std::ofstream(dir / "b.cfonb", std::ios::binary) << b; }
    {
        jdsim::sim_process sim({"--seed", "1", "--dossiers", "5", "--days", "1", "--pieces-dir", dir.string()});
        auto c = client_for(sim);
        const auto items = numeros(c->soap(list_envelope(list_as(sim, 0))).body);
        BOOST_REQUIRE_EQUAL(items.size(), 2u);
        const auto got_a = jdsim::base64_decode(xml_text(c->soap(download_envelope(download_as(sim, 0, items[0]))).body, "pieceJointe").value());
        const auto got_b = jdsim::base64_decode(xml_text(c->soap(download_envelope(download_as(sim, 0, items[1]))).body, "pieceJointe").value());
        BOOST_TEST((*got_a == a));
        BOOST_TEST((*got_b == b));
        BOOST_TEST(sim.truth().at("available").as_bool() == false);
    }
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(generate_then_serve_the_dataset_and_stop_cleanly) {
    const auto dir = temp_dir("generate");
    const std::string exe = JDSIM_EXECUTABLE;
    BOOST_REQUIRE_EQUAL(run(exe + " generate --seed 2 --dossiers 12 --days 3 --end-date 2025-03-14 --out " + dir.string() + " > /dev/null"), 0);
    for (const char* f : {"dataset.json", "host-seed.json", "truth.json"}) BOOST_TEST(std::filesystem::exists(dir / f));
    const auto seed = boost::json::parse(read_file(dir / "host-seed.json"));
    BOOST_TEST(seed.at("users").as_array().size() == 4u);
    BOOST_TEST(!seed.at("companies").as_array().empty());
    const auto truth = boost::json::parse(read_file(dir / "truth.json"));
    {
        jdsim::sim_process sim({"--dataset", dir.string()});
        BOOST_TEST(sim.ready().at("dataset").at("seed").as_int64() == 2);
        BOOST_TEST((sim.truth().at("movements_total") == truth.at("movements_total")));
        const auto ready_file = sim.work_dir() / "ready.json";
        BOOST_TEST(std::filesystem::exists(ready_file));
        const int status = sim.stop();
        BOOST_TEST(WIFEXITED(status));
        BOOST_TEST(WEXITSTATUS(status) == 0);
        BOOST_TEST(!std::filesystem::exists(ready_file));
    }
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(tls_material_is_reused_and_repaired) {
    const auto dir = temp_dir("tls");
    jdsim::sim_options o;
    o.tls_dir = (dir / "tls").string();
    std::string ca;
    {
        jdsim::sim_process a({"--dossiers", "2", "--days", "1"}, o);
        ca = read_file(a.ca_file());
        BOOST_TEST(ca.find("BEGIN CERTIFICATE") != std::string::npos);
    }
    {
        jdsim::sim_process b({"--dossiers", "2", "--days", "1"}, o);
        BOOST_TEST(read_file(b.ca_file()) == ca);  // reused
    }
    { std::ofstream(dir / "tls" / "server.pem") << "not a certificate"; }
    {
        jdsim::sim_process c({"--dossiers", "2", "--days", "1"}, o);
        BOOST_TEST(read_file(c.ca_file()) == ca);  // the CA stays, the server certificate is made again
        BOOST_TEST(read_file(dir / "tls" / "server.pem").find("BEGIN CERTIFICATE") != std::string::npos);
        BOOST_TEST(c.stats().at("handshakes").to_number<std::uint64_t>() == 1u);
    }
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(refuses_to_listen_beyond_loopback) {
    const std::string exe = JDSIM_EXECUTABLE;
    BOOST_TEST(run(exe + " serve --bind 0.0.0.0 --port 0 2> /dev/null") == 2);
    BOOST_TEST(run(exe + " serve --bind 192.168.1.10 2> /dev/null") == 2);
    BOOST_TEST(run(exe + " --help > /dev/null") == 0);
    BOOST_TEST(run(exe + " serve --fault explode 2> /dev/null") == 2);
}

BOOST_AUTO_TEST_SUITE_END()
