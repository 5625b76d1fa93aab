// Every fault type, observable from a client: through the control endpoint and on the command line.
#include "jdsim/base64.hpp"
#include "sim_fixtures.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

using namespace jdsim_test;

namespace {

jdsim::sim_process& fault_sim() {
    static jdsim::sim_process sim({"--seed", "4", "--dossiers", "12", "--days", "3", "--end-date", "2025-03-14"});
    return sim;
}

// Sets faults for the scope of a test and clears them afterwards.
struct faults_for_scope {
    explicit faults_for_scope(const std::string& json) { fault_sim().set_faults(json.c_str()); }
    ~faults_for_scope() { fault_sim().clear_faults(); }
    faults_for_scope(const faults_for_scope&) = delete;
    faults_for_scope& operator=(const faults_for_scope&) = delete;
};

std::string code_of(const reply& r) { return xml_text(r.body, "codeRetour").value_or("<none>"); }

const std::map<std::string, std::string> soap_headers{{"Content-Type", "text/xml; charset=utf-8"}, {"SOAPAction", "\"\""}};

attempt list_attempt(https_client& c, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return c.try_request("POST", soap_target, list_envelope(list_as(fault_sim(), 0, "faults")), soap_headers, timeout);
}

std::string first_numero() {
    auto c = client_for(fault_sim());
    return xml_text(xml_all(c->soap(list_envelope(list_as(fault_sim(), 0, "faults"))).body, "item").at(0), "numero").value();
}

std::map<std::string, std::string> gestion_auth() {
    return {{"Authorization", basic_auth(fault_sim().comptes[0].login, fault_sim().comptes[0].password)}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(faults)

BOOST_AUTO_TEST_CASE(latency_delays_the_answer) {
    faults_for_scope f(R"({"faults":[{"type":"latency","ms":300,"operations":["list"]}]})");
    auto c = client_for(fault_sim());
    const attempt a = list_attempt(*c);
    BOOST_TEST((a.result == outcome::answered));
    BOOST_TEST(code_of(a.r) == "00");
    BOOST_TEST(a.elapsed.count() >= 300);  // a lower bound: the server waits at least that long
}

BOOST_AUTO_TEST_CASE(hang_never_answers) {
    faults_for_scope f(R"({"faults":[{"type":"hang","operations":["list"]}]})");
    auto c = client_for(fault_sim());
    const attempt a = list_attempt(*c, std::chrono::milliseconds(400));
    BOOST_TEST((a.result == outcome::timed_out));
}

BOOST_AUTO_TEST_CASE(reset_closes_the_connection) {
    faults_for_scope f(R"({"faults":[{"type":"reset"}]})");
    auto c = client_for(fault_sim());
    const attempt a = list_attempt(*c);
    BOOST_TEST((a.result == outcome::connection_closed));
}

BOOST_AUTO_TEST_CASE(truncate_sends_part_of_the_body) {
    faults_for_scope f(R"({"faults":[{"type":"truncate"}]})");
    auto c = client_for(fault_sim());
    const attempt a = list_attempt(*c);
    BOOST_TEST((a.result == outcome::partial_body));
}

BOOST_AUTO_TEST_CASE(http_statuses_and_429) {
    auto c = client_for(fault_sim());
    for (int status : {500, 502, 503}) {
        faults_for_scope f(R"({"faults":[{"type":"http_status","status":)" + std::to_string(status) + "}]}");
        const attempt a = list_attempt(*c);
        BOOST_TEST(a.r.status == static_cast<unsigned>(status));
        BOOST_TEST(c->get("/webservice/gestion/compte/4242/dossierClient", gestion_auth()).status == static_cast<unsigned>(status));
    }
    faults_for_scope f(R"({"faults":[{"type":"too_many_requests","retry_after":7}]})");
    const attempt a = list_attempt(*c);
    BOOST_TEST(a.r.status == 429u);
    BOOST_TEST(a.r.headers.at("retry-after") == "7");
}

BOOST_AUTO_TEST_CASE(code99_and_soap_fault_strike_soap_only) {
    auto c = client_for(fault_sim());
    {
        faults_for_scope f(R"({"faults":[{"type":"code99"}]})");
        const attempt a = list_attempt(*c);
        BOOST_TEST(a.r.status == 200u);
        BOOST_TEST(code_of(a.r) == "99");
        BOOST_TEST(code_of(c->soap(download_envelope(download_as(fault_sim(), 0, "1000001", "faults")))) == "99");
        BOOST_TEST(c->get("/webservice/gestion/compte/4242/dossierClient", gestion_auth()).status == 200u);
    }
    {
        faults_for_scope f(R"({"faults":[{"type":"soap_fault"}]})");
        const attempt a = list_attempt(*c);
        BOOST_TEST(a.r.status == 500u);
        BOOST_TEST(xml_text(a.r.body, "faultstring").has_value());
        BOOST_TEST(c->get("/webservice/gestion/compte/4242/dossierClient", gestion_auth()).status == 200u);
    }
}

BOOST_AUTO_TEST_CASE(malformed_xml_is_not_well_formed) {
    faults_for_scope f(R"({"faults":[{"type":"malformed_xml"}]})");
    auto c = client_for(fault_sim());
    const attempt a = list_attempt(*c);
    BOOST_TEST(a.r.status == 200u);
    BOOST_TEST(!well_formed(a.r.body));
    const reply g = c->get("/webservice/gestion/compte/4242/dossierClient", gestion_auth());
    BOOST_TEST(g.status == 200u);
    BOOST_TEST(!well_formed(g.body));
}

BOOST_AUTO_TEST_CASE(invalid_credentials) {
    faults_for_scope f(R"({"faults":[{"type":"invalid_credentials"}]})");
    auto c = client_for(fault_sim());
    BOOST_TEST(code_of(list_attempt(*c).r) == "06");
    BOOST_TEST(c->get("/webservice/gestion/compte/4242/dossierClient", gestion_auth()).status == 401u);
}

BOOST_AUTO_TEST_CASE(trickle_sends_slowly_but_completely) {
    faults_for_scope f(R"({"faults":[{"type":"trickle","bytes_per_second":8000,"operations":["download"]}]})");
    auto c = client_for(fault_sim());
    const attempt a = c->try_request("POST", soap_target,
                                     download_envelope(download_as(fault_sim(), 0, first_numero(), "trickle")), soap_headers,
                                     std::chrono::seconds(60));
    BOOST_REQUIRE((a.result == outcome::answered));
    BOOST_TEST(code_of(a.r) == "00");
    BOOST_TEST(jdsim::base64_decode(xml_text(a.r.body, "pieceJointe").value()).has_value());
    // 800-byte slices every 100 ms: a lower bound on the time taken.
    const auto slices = a.r.body.size() / 800;
    BOOST_TEST(a.elapsed.count() >= static_cast<long>(slices > 1 ? (slices - 1) * 100 : 0));
}

BOOST_AUTO_TEST_CASE(count_share_and_operations) {
    auto& sim = fault_sim();
    auto c = client_for(sim);
    {
        faults_for_scope f(R"({"faults":[{"type":"http_status","status":503,"count":2,"operations":["list"]}]})");
        BOOST_TEST(list_attempt(*c).r.status == 503u);
        BOOST_TEST(list_attempt(*c).r.status == 503u);
        BOOST_TEST(list_attempt(*c).r.status == 200u);
    }
    {
        faults_for_scope f(R"({"faults":[{"type":"http_status","status":503,"operations":["download"]}]})");
        BOOST_TEST(list_attempt(*c).r.status == 200u);
        BOOST_TEST(c->soap(download_envelope(download_as(sim, 0, "1000001", "faults"))).status == 503u);
    }
    {
        const auto before = sim.stats().at("faults_injected").to_number<std::uint64_t>();
        faults_for_scope f(R"({"faults":[{"type":"http_status","status":502,"share":0.5}]})");
        int failed = 0;
        for (int i = 0; i < 30; ++i) failed += list_attempt(*c).r.status == 502u ? 1 : 0;
        BOOST_TEST(failed > 0);
        BOOST_TEST(failed < 30);
        BOOST_TEST(sim.stats().at("faults_injected").to_number<std::uint64_t>() - before == static_cast<std::uint64_t>(failed));
    }
}

BOOST_AUTO_TEST_CASE(a_fault_after_processing_still_consumes_the_piece) {
    auto& sim = fault_sim();
    auto c = client_for(sim);
    auto unread = [&](const std::string& logiciel) {
        auto r = list_as(sim, 0, logiciel);
        r.statut_piece = "00";
        std::vector<std::string> out;
        for (const auto& it : xml_all(c->soap(list_envelope(r)).body, "item")) out.push_back(*xml_text(it, "numero"));
        return out;
    };
    const auto pieces = unread("consumed");
    BOOST_REQUIRE(pieces.size() >= 2);
    {
        faults_for_scope f(R"({"faults":[{"type":"reset","operations":["download"]}]})");
        https_client other(sim.port(), sim.ca_file());
        other.try_request("POST", soap_target, download_envelope(download_as(sim, 0, pieces[0], "consumed")), soap_headers,
                          std::chrono::seconds(5));
    }
    BOOST_TEST(unread("consumed").size() == pieces.size());  // before processing: nothing consumed
    {
        faults_for_scope f(R"({"faults":[{"type":"reset","operations":["download"],"after_processing":true}]})");
        https_client other(sim.port(), sim.ca_file());
        const attempt a = other.try_request("POST", soap_target, download_envelope(download_as(sim, 0, pieces[0], "consumed")),
                                            soap_headers, std::chrono::seconds(5));
        BOOST_TEST((a.result == outcome::connection_closed));
    }
    BOOST_TEST(unread("consumed").size() == pieces.size() - 1);  // consumed, though never delivered
}

BOOST_AUTO_TEST_CASE(faults_from_the_command_line) {
    jdsim::sim_process sim({"--seed", "4", "--dossiers", "5", "--days", "2", "--fault", "http_status:502,count=1,ops=list",
                            "--fault", "latency:50"});
    auto c = client_for(sim);
    const auto req = list_envelope(list_as(sim, 0));
    const attempt first = c->try_request("POST", soap_target, req, soap_headers, std::chrono::seconds(10));
    BOOST_TEST(first.r.status == 502u);
    const attempt second = c->try_request("POST", soap_target, req, soap_headers, std::chrono::seconds(10));
    BOOST_TEST(second.r.status == 200u);
    BOOST_TEST(second.elapsed.count() >= 50);
    const auto active = boost::json::parse(sim.request("GET", "/_sim/faults").body);
    BOOST_TEST(active.at("faults").as_array().size() == 2u);
    sim.clear_faults();
    BOOST_TEST(boost::json::parse(sim.request("GET", "/_sim/faults").body).at("faults").as_array().empty());
    // Bad fault JSON is refused with a message.
    const auto bad = sim.request("POST", "/_sim/faults", R"({"faults":[{"type":"explode"}]})");
    BOOST_TEST(bad.status == 400u);
    BOOST_TEST(bad.body.find("explode") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
