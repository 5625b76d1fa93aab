// The JeDéclare client against the simulator, over real TLS on loopback: every operation, every return code,
// every fault type, certificates, cancellation, and a scan of everything the client said for secrets.
#define BOOST_TEST_MODULE jd_wire_sim
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "jedeclare/base64.hpp"
#include "jedeclare/client.hpp"
#include "jedeclare/xml_escape.hpp"
#include "sim_support.hpp"

#include <Poco/Zip/Compress.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

using namespace jd::jedeclare;
using namespace std::chrono_literals;
using wire_test::test_gestion_id;
using wire_test::test_login;
using wire_test::test_password;

namespace {

// Every log line and every error text the tests made the client produce; scanned for secrets at the end.
struct transcript {
    std::mutex mutex;
    std::vector<std::string> lines;

    void add(std::string line)
    {
        std::lock_guard lock(mutex);
        lines.push_back(std::move(line));
    }
};

transcript& said()
{
    static transcript instance;
    return instance;
}

// Log lines of the current test, to check what the retry loop decided.
struct log_capture {
    std::mutex mutex;
    std::vector<std::pair<std::string, log_fields>> events;

    std::vector<log_fields> of(const std::string& event)
    {
        std::lock_guard lock(mutex);
        std::vector<log_fields> out;
        for (const auto& [name, fields] : events)
            if (name == event)
                out.push_back(fields);
        return out;
    }
};

std::string field(const log_fields& fields, const std::string& name)
{
    for (const auto& [key, value] : fields)
        if (key == name)
            return value;
    return {};
}

log_hook hook_into(std::shared_ptr<log_capture> capture)
{
    return [capture](log_level level, std::string_view event, const log_fields& fields) {
        std::ostringstream line;
        line << static_cast<int>(level) << ' ' << event;
        for (const auto& [key, value] : fields)
            line << ' ' << key << '=' << value;
        said().add(line.str());
        if (capture) {
            std::lock_guard lock(capture->mutex);
            capture->events.emplace_back(std::string(event), fields);
        }
    };
}

void remember(const wire_error& e)
{
    said().add(e.what());
    said().add(e.message("en"));
    said().add(e.detail());
}

jdsim::sim_process& shared_sim()
{
    static std::unique_ptr<jdsim::sim_process> sim =
        wire_test::start_simulator({"--seed", "11", "--dossiers", "8", "--days", "6"});
    return *sim;
}

// Short deadlines and back-off so that faults resolve quickly; attempt counts, not wall-clock, are asserted.
client_config fast_config(const jdsim::sim_process& sim, std::shared_ptr<log_capture> capture = nullptr)
{
    client_config config = wire_test::client_config_for(sim);
    config.timeouts.connect = 2s;
    config.timeouts.handshake = 2s;
    config.timeouts.write = 2s;
    config.timeouts.read = 2s;
    config.timeouts.call = 20s;
    config.retry.max_attempts = 4;
    config.retry.base_delay = 20ms;
    config.retry.max_delay = 200ms;
    config.retry.max_jitter = 10ms;
    config.retry.retry_after_cap = 3s;
    config.jitter_seed = 7;
    config.log = hook_into(std::move(capture));
    return config;
}

wire_error expect_failure(const std::function<void()>& action)
{
    try {
        action();
    } catch (const wire_error& e) {
        remember(e);
        return e;
    }
    BOOST_FAIL("the call was expected to fail");
    throw std::logic_error("unreachable");
}

std::uint64_t sim_counter(jdsim::sim_process& sim, const char* name)
{
    return static_cast<std::uint64_t>(sim.stats().at(name).to_number<double>());
}

// Faults active for one test only.
class fault_scope {
public:
    fault_scope(jdsim::sim_process& sim, const std::string& json) : sim_(sim) { sim_.set_faults(json); }
    ~fault_scope()
    {
        try {
            sim_.clear_faults();
        } catch (...) {
        }
    }
    fault_scope(const fault_scope&) = delete;
    fault_scope& operator=(const fault_scope&) = delete;

private:
    jdsim::sim_process& sim_;
};

list_query all_pieces()
{
    list_query query;
    query.status = piece_status_filter::all;
    return query;
}

std::vector<std::string> numeros_of(const std::vector<piece_info>& pieces)
{
    std::vector<std::string> out;
    for (const auto& piece : pieces)
        out.push_back(piece.numero);
    return out;
}

std::chrono::year_month_day days_ago(int n)
{
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) -
                                       std::chrono::days{n}};
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(operations)

BOOST_AUTO_TEST_CASE(list_returns_every_piece_of_the_compte)
{
    auto& sim = shared_sim();
    client jd(fast_config(sim));
    const auto pieces = jd.list_pieces(all_pieces());
    BOOST_TEST_REQUIRE(!pieces.empty());
    BOOST_TEST(pieces.size() == sim.comptes[0].pieces);
    std::set<std::string> distinct;
    for (const auto& piece : pieces) {
        BOOST_TEST(!piece.numero.empty());
        BOOST_TEST(piece.type_de_piece == "03");
        distinct.insert(piece.numero);
    }
    BOOST_TEST(distinct.size() == pieces.size());
}

BOOST_AUTO_TEST_CASE(a_long_date_range_is_split_into_windows)
{
    auto& sim = shared_sim();
    client jd(fast_config(sim));
    const auto everything = jd.list_pieces(all_pieces());
    list_query query = all_pieces();
    // Up to a week ahead: on a weekend the simulator makes the last pieces available on the next business day.
    query.from = days_ago(1200);
    query.to = days_ago(-7);
    const auto before = jd.stats().requests;
    const auto windowed = jd.list_pieces(query);
    BOOST_TEST(jd.stats().requests - before == 3u); // 1208 days: 540 + 540 + 128
    auto a = numeros_of(windowed);
    auto b = numeros_of(everything);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    BOOST_TEST(a.size() == b.size());
    BOOST_TEST(a == b);

    list_query only_from = all_pieces();
    only_from.from = days_ago(100); // dateFin defaults to today
    BOOST_TEST(jd.list_pieces(only_from).size() <= everything.size());
}

BOOST_AUTO_TEST_CASE(dossier_filter_gives_a_subset)
{
    auto& sim = shared_sim();
    client jd(fast_config(sim));
    const auto everything = jd.list_pieces(all_pieces());
    const auto dossiers = jd.list_dossiers();
    BOOST_TEST_REQUIRE(!dossiers.empty());
    std::size_t total = 0;
    for (const auto& one : dossiers) {
        list_query query = all_pieces();
        query.dossier_id = one.id;
        const auto subset = jd.list_pieces(query);
        BOOST_TEST(subset.size() <= everything.size());
        total += subset.size();
    }
    BOOST_TEST(total > 0u);
}

BOOST_AUTO_TEST_CASE(download_decodes_a_gzipped_piece)
{
    auto& sim = shared_sim();
    client jd(fast_config(sim));
    const auto pieces = jd.list_pieces(all_pieces());
    BOOST_TEST_REQUIRE(pieces.size() >= 3u);
    std::size_t non_empty = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        const auto piece = jd.download_piece(pieces[i].numero);
        BOOST_TEST(piece.numero == pieces[i].numero);
        BOOST_TEST((piece.encoding == piece_encoding::gzip));
        BOOST_TEST(!piece.raw.empty());
        BOOST_TEST_REQUIRE(piece.files.size() == 1u);
        BOOST_TEST(piece.files[0].name == pieces[i].numero);
        if (!piece.files[0].bytes.empty()) {
            ++non_empty;
            BOOST_TEST(piece.files[0].bytes.substr(0, 2) == "01"); // CFONB 120 starts with an old balance
        }
    }
    BOOST_TEST(non_empty > 0u);
}

BOOST_AUTO_TEST_CASE(raw_download_with_mime_type_autre)
{
    auto& sim = shared_sim();
    client_config config = fast_config(sim);
    config.download_mime_type = "autre";
    client jd(config);
    const auto pieces = jd.list_pieces(all_pieces());
    const auto piece = jd.download_piece(pieces.front().numero);
    BOOST_TEST((piece.encoding == piece_encoding::plain));
    BOOST_TEST(piece.raw == piece.files.at(0).bytes);
}

BOOST_AUTO_TEST_CASE(download_marks_the_piece_retrieved)
{
    auto& sim = shared_sim();
    client_config config = fast_config(sim);
    config.identification.logiciel = "jd_wire-marking"; // its own editeur/logiciel couple
    client jd(config);
    sim.reset_retrievals();
    list_query fresh;
    fresh.status = piece_status_filter::not_retrieved;
    const auto before = numeros_of(jd.list_pieces(fresh));
    BOOST_TEST_REQUIRE(!before.empty());
    jd.download_piece(before.front());
    const auto after = numeros_of(jd.list_pieces(fresh));
    BOOST_TEST(after.size() == before.size() - 1);
    BOOST_TEST((std::find(after.begin(), after.end(), before.front()) == after.end()));
    const auto all = numeros_of(jd.list_pieces(all_pieces()));
    BOOST_TEST((std::find(all.begin(), all.end(), before.front()) != all.end()));
}

BOOST_AUTO_TEST_CASE(download_many_delivers_each_piece_once_over_the_pool)
{
    auto& sim = shared_sim();
    client jd(fast_config(sim));
    const auto numeros = numeros_of(jd.list_pieces(all_pieces()));
    std::multiset<std::string> delivered;
    std::thread::id callback_thread;
    const auto summary = jd.download_many(
        numeros,
        [&](download_result& result) {
            callback_thread = std::this_thread::get_id();
            BOOST_TEST(result.piece.has_value());
            BOOST_TEST(!result.error.has_value());
            if (result.piece)
                BOOST_TEST(result.piece->numero == result.numero);
            delivered.insert(result.numero);
            return true;
        },
        8);
    BOOST_TEST(summary.downloaded == numeros.size());
    BOOST_TEST(summary.failed == 0u);
    BOOST_TEST(summary.not_started == 0u);
    BOOST_TEST(delivered == std::multiset<std::string>(numeros.begin(), numeros.end()));
    BOOST_TEST((callback_thread == std::this_thread::get_id())); // callbacks run in the caller's thread
    BOOST_TEST(jd.stats().tls_handshakes <= 4u);                // bounded pool, connections reused
}

BOOST_AUTO_TEST_CASE(download_many_over_two_io_threads_with_failures_in_the_mix)
{
    auto& sim = shared_sim();
    client_config config = fast_config(sim);
    config.io_threads = 2;
    client jd(config);
    auto numeros = numeros_of(jd.list_pieces(all_pieces()));
    numeros.insert(numeros.begin() + 1, "8888888888"); // unknown: code 07
    std::size_t unavailable = 0;
    std::set<std::string> delivered;
    const auto summary = jd.download_many(numeros, [&](download_result& result) {
        if (result.error) {
            BOOST_TEST(result.numero == "8888888888");
            BOOST_TEST(result.error->kind() == error_kind::piece_unavailable);
            remember(*result.error);
            ++unavailable;
        } else {
            delivered.insert(result.numero);
        }
        return true;
    });
    BOOST_TEST(unavailable == 1u);
    BOOST_TEST(summary.failed == 1u);
    BOOST_TEST(summary.downloaded == numeros.size() - 1);
    BOOST_TEST(delivered.size() == numeros.size() - 1);
    BOOST_TEST(jd.stats().tls_handshakes <= 4u); // 2 connections per I/O thread
}

BOOST_AUTO_TEST_CASE(zero_one_and_zipped_pieces_added_to_an_empty_compte)
{
    const std::string lonely = "wire-lonely@jedeclare.com";
    auto sim = std::make_unique<jdsim::sim_process>(std::vector<std::string>{
        "--seed", "5", "--dossiers", "3", "--days", "2", "--compte",
        "login=" + lonely + ",password=" + test_password + ",gestion=4250,procedures=RELEVE,weight=0", "--compte",
        "login=" + wire_test::other_login + ",password=" + wire_test::other_password + ",gestion=4251,procedures=RELEVE,weight=1"});
    client jd(wire_test::client_config_for(*sim, lonely, test_password, "4250"));
    BOOST_TEST(jd.list_pieces(all_pieces()).empty()); // an empty liste is zero pieces

    const std::string cfonb = "0130004    00001EUR2 00012345678  010126                                                   "
                              "0000000001234{                ";
    const auto added = sim->add_pieces(boost::json::object{
        {"compte", lonely}, {"pieces", boost::json::array{boost::json::object{{"content", cfonb}}}}});
    const auto one = jd.list_pieces(all_pieces());
    BOOST_TEST_REQUIRE(one.size() == 1u); // one item, not a list
    BOOST_TEST(jd.download_piece(one[0].numero).files.at(0).bytes == cfonb);

    std::ostringstream archive;
    {
        Poco::Zip::Compress zip(archive, true);
        std::istringstream first(cfonb + "\r\n");
        std::istringstream second(std::string("0110107") + std::string(113, ' '));
        zip.addFile(first, Poco::DateTime(2026, 1, 2), Poco::Path("releve-1.cfo"));
        zip.addFile(second, Poco::DateTime(2026, 1, 2), Poco::Path("releve-2.cfo"));
        zip.close();
    }
    sim->add_pieces(boost::json::object{
        {"compte", lonely},
        {"pieces", boost::json::array{boost::json::object{{"content_base64", base64_encode(archive.str())}}}}});
    const auto two = jd.list_pieces(all_pieces());
    BOOST_TEST_REQUIRE(two.size() == 2u);
    const std::string zip_numero = two[0].numero == one[0].numero ? two[1].numero : two[0].numero;
    const auto gz = jd.download_piece(zip_numero); // asked gzipped: a zip inside the gzip
    BOOST_TEST((gz.encoding == piece_encoding::gzip_zip));
    BOOST_TEST_REQUIRE(gz.files.size() == 2u);
    BOOST_TEST(gz.files[0].name == "releve-1.cfo");
    BOOST_TEST(gz.files[0].bytes == cfonb + "\r\n");
    BOOST_TEST(gz.files[1].name == "releve-2.cfo");

    client_config raw_config = wire_test::client_config_for(*sim, lonely, test_password, "4250");
    raw_config.download_mime_type = "autre";
    client raw(raw_config);
    const auto zipped = raw.download_piece(zip_numero);
    BOOST_TEST((zipped.encoding == piece_encoding::zip));
    BOOST_TEST(zipped.files.size() == 2u);
    BOOST_TEST(zipped.raw == archive.str());
    (void)added;
}

BOOST_AUTO_TEST_CASE(download_many_stops_when_the_callback_says_so)
{
    auto& sim = shared_sim();
    client jd(fast_config(sim));
    const auto numeros = numeros_of(jd.list_pieces(all_pieces()));
    BOOST_TEST_REQUIRE(numeros.size() > 6u);
    std::size_t seen = 0;
    const auto summary = jd.download_many(numeros, [&](download_result&) { return ++seen < 2; }, 2);
    BOOST_TEST(seen == summary.downloaded + summary.failed); // the running ones still came back
    BOOST_TEST(summary.not_started > 0u);
    BOOST_TEST(summary.downloaded + summary.failed + summary.not_started == numeros.size());
}

BOOST_AUTO_TEST_CASE(connections_are_reused)
{
    auto& sim = shared_sim();
    client jd(fast_config(sim));
    const auto sim_before = sim_counter(sim, "handshakes");
    for (int i = 0; i < 10; ++i)
        jd.list_pieces(all_pieces());
    jd.list_dossiers(); // same host and port: same connection
    BOOST_TEST(jd.stats().tls_handshakes == 1u);
    BOOST_TEST(jd.stats().requests == 11u);
    // The fixture's own control requests each open one connection: at most those 2 besides ours.
    BOOST_TEST(sim_counter(sim, "handshakes") - sim_before <= 3u);
}

BOOST_AUTO_TEST_CASE(a_connection_closed_by_the_server_while_idle_costs_no_attempt)
{
    auto sim = wire_test::start_simulator({"--seed", "11", "--dossiers", "4", "--days", "2", "--idle-timeout", "1"});
    client jd(fast_config(*sim));
    BOOST_TEST(!jd.list_pieces(all_pieces()).empty());
    std::this_thread::sleep_for(2500ms); // the simulator drops idle connections after 1 s
    BOOST_TEST(!jd.list_dossiers().empty());
    BOOST_TEST(jd.stats().retries == 0u);
    BOOST_TEST(jd.stats().tls_handshakes == 2u);
}

BOOST_AUTO_TEST_CASE(host_name_localhost_with_sni)
{
    auto& sim = shared_sim();
    client_config config = fast_config(sim);
    config.soap_url = "https://localhost:" + std::to_string(sim.port()) + "/webservices/wspid_spring/CommunicationV2Service/";
    config.connect_address = "127.0.0.1";
    client jd(config);
    BOOST_TEST(!jd.list_pieces(all_pieces()).empty());
}

BOOST_AUTO_TEST_CASE(gestion_dossiers_and_ribs)
{
    auto& sim = shared_sim();
    client jd(fast_config(sim));
    const auto dossiers = jd.list_dossiers();
    BOOST_TEST_REQUIRE(!dossiers.empty());
    std::size_t ribs = 0;
    for (const auto& one : dossiers) {
        BOOST_TEST(!one.id.empty());
        BOOST_TEST(!one.raison_sociale.empty());
        BOOST_TEST(one.siren.size() == 9u);
        for (const auto& r : jd.list_ribs(one.id)) {
            ++ribs;
            BOOST_TEST(r.etablissement.size() == 5u);
            BOOST_TEST(r.guichet.size() == 5u);
            BOOST_TEST(r.num_compte.size() == 11u);
            BOOST_TEST(r.cle.size() == 2u);
        }
    }
    BOOST_TEST(ribs > 0u);
}

BOOST_AUTO_TEST_CASE(gestion_crm_cabinet_shape_reads_the_same_dossiers)
{
    auto& sim = shared_sim();
    auto crm = wire_test::start_simulator({"--seed", "11", "--dossiers", "8", "--days", "6", "--gestion-shape", "crm"});
    client idocus_client(fast_config(sim));
    client crm_client(fast_config(*crm));
    std::vector<std::string> a, b;
    for (const auto& d : idocus_client.list_dossiers())
        a.push_back(d.id + "|" + d.raison_sociale + "|" + d.siren + d.nic);
    for (const auto& d : crm_client.list_dossiers())
        b.push_back(d.id + "|" + d.raison_sociale + "|" + d.siren + d.nic);
    BOOST_TEST(!a.empty());
    BOOST_TEST(a == b);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(return_codes)

BOOST_AUTO_TEST_CASE(code_06_and_401_are_refused_credentials)
{
    auto& sim = shared_sim();
    client jd(wire_test::client_config_for(sim, test_login, "Wrong<&>Password"));
    const auto soap = expect_failure([&] { jd.list_pieces(all_pieces()); });
    BOOST_TEST(soap.kind() == error_kind::invalid_credentials);
    BOOST_TEST(soap.return_code() == "06");
    BOOST_TEST(soap.attempts() == 1u);
    BOOST_TEST(soap.message().find("dentifiants refusés pour le compte de flux") != std::string::npos);
    BOOST_TEST(soap.message("en").find("Credentials refused") != std::string::npos);

    const auto gestion = expect_failure([&] { jd.list_dossiers(); });
    BOOST_TEST(gestion.kind() == error_kind::invalid_credentials);
    BOOST_TEST(gestion.http_status() == 401u);
    BOOST_TEST(gestion.attempts() == 1u);
    BOOST_TEST(jd.stats().requests == 2u); // never retried
}

BOOST_AUTO_TEST_CASE(code_11_procedure_not_subscribed)
{
    auto& sim = shared_sim();
    client tax(wire_test::client_config_for(sim, wire_test::tax_login, wire_test::tax_password, ""));
    const auto e = expect_failure([&] { tax.list_pieces(all_pieces()); });
    BOOST_TEST(e.kind() == error_kind::procedure_not_subscribed);
    BOOST_TEST(e.return_code() == "11");
    BOOST_TEST(e.attempts() == 1u);

    client jd(fast_config(sim));
    list_query unknown = all_pieces();
    unknown.type_procedure = "EDI-INCONNUE";
    BOOST_TEST(expect_failure([&] { jd.list_pieces(unknown); }).kind() == error_kind::procedure_not_subscribed);
}

BOOST_AUTO_TEST_CASE(code_05_malformed_request)
{
    auto& sim = shared_sim();
    client_config config = fast_config(sim);
    config.list_window_days = 700; // wider than the service accepts
    client jd(config);
    list_query query = all_pieces();
    query.from = days_ago(650);
    query.to = days_ago(0);
    const auto e = expect_failure([&] { jd.list_pieces(query); });
    BOOST_TEST(e.kind() == error_kind::malformed_request);
    BOOST_TEST(e.return_code() == "05");
    BOOST_TEST(e.attempts() == 1u);
}

BOOST_AUTO_TEST_CASE(code_07_piece_unavailable)
{
    auto& sim = shared_sim();
    client jd(fast_config(sim));
    const auto e = expect_failure([&] { jd.download_piece("9999999999"); });
    BOOST_TEST(e.kind() == error_kind::piece_unavailable);
    BOOST_TEST(e.return_code() == "07");
    BOOST_TEST(e.attempts() == 1u);
}

BOOST_AUTO_TEST_CASE(code_08_piece_of_another_compte)
{
    auto& sim = shared_sim();
    client other(wire_test::client_config_for(sim, wire_test::other_login, wire_test::other_password,
                                              wire_test::other_gestion_id));
    const auto theirs = other.list_pieces(all_pieces());
    BOOST_TEST_REQUIRE(!theirs.empty());
    client jd(fast_config(sim));
    const auto e = expect_failure([&] { jd.download_piece(theirs.front().numero); });
    BOOST_TEST(e.kind() == error_kind::piece_not_owned);
    BOOST_TEST(e.return_code() == "08");
    BOOST_TEST(e.attempts() == 1u);
}

BOOST_AUTO_TEST_CASE(code_04_compression_unsupported)
{
    auto& sim = shared_sim();
    client_config config = fast_config(sim);
    config.download_mime_type = "application/x-7z-compressed";
    client jd(config);
    const auto pieces = jd.list_pieces(all_pieces());
    const auto e = expect_failure([&] { jd.download_piece(pieces.front().numero); });
    BOOST_TEST(e.kind() == error_kind::compression_unsupported);
    BOOST_TEST(e.attempts() == 1u);
}

BOOST_AUTO_TEST_CASE(http_404_is_an_unknown_account)
{
    auto& sim = shared_sim();
    client jd(wire_test::client_config_for(sim, test_login, test_password, "999999"));
    const auto e = expect_failure([&] { jd.list_dossiers(); });
    BOOST_TEST(e.kind() == error_kind::unknown_account);
    BOOST_TEST(e.http_status() == 404u);
    BOOST_TEST(e.attempts() == 1u);

    client good(fast_config(sim));
    const auto dossier = expect_failure([&] { good.list_ribs("no-such-dossier"); });
    BOOST_TEST(dossier.kind() == error_kind::http_error);
    BOOST_TEST(dossier.attempts() == 1u);
}

BOOST_AUTO_TEST_CASE(gestion_without_account_id_is_a_configuration_error)
{
    auto& sim = shared_sim();
    client jd(wire_test::client_config_for(sim, test_login, test_password, ""));
    const auto e = expect_failure([&] { jd.list_dossiers(); });
    BOOST_TEST(e.kind() == error_kind::configuration);
    BOOST_TEST(jd.stats().requests == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(faults)

namespace {

struct transient_case {
    const char* name;
    std::string fault; // one JSON fault object
    unsigned expected_retries;
};

// Runs `action` against a fresh client with the fault active; checks the client succeeded after the expected
// number of retries and that the simulator injected that many faults.
void expect_recovery(const transient_case& c, const std::function<void(client&)>& action,
                     const std::function<void(client_config&)>& tune = {})
{
    BOOST_TEST_CONTEXT(c.name)
    {
        auto& sim = shared_sim();
        auto capture = std::make_shared<log_capture>();
        client_config config = fast_config(sim, capture);
        if (tune)
            tune(config);
        client jd(config);
        const auto injected_before = sim_counter(sim, "faults_injected");
        {
            fault_scope scope(sim, R"({"faults":[)" + c.fault + "]}");
            try {
                action(jd);
            } catch (const wire_error& e) {
                remember(e);
                BOOST_ERROR("failed after the fault: " << e.message("en"));
            }
        }
        BOOST_TEST(jd.stats().retries == c.expected_retries);
        BOOST_TEST(capture->of("jedeclare.retry").size() == c.expected_retries);
        if (c.expected_retries > 0)
            BOOST_TEST(sim_counter(sim, "faults_injected") - injected_before >= c.expected_retries);
    }
}

const auto list_once = [](client& jd) { BOOST_TEST(!jd.list_pieces(all_pieces()).empty()); };

} // namespace

BOOST_AUTO_TEST_CASE(transient_faults_on_list_are_retried_then_succeed)
{
    const std::vector<transient_case> cases = {
        {"http 500", R"({"type":"http_status","status":500,"count":2,"operations":["list"]})", 2},
        {"http 502", R"({"type":"http_status","status":502,"count":2,"operations":["list"]})", 2},
        {"http 503", R"({"type":"http_status","status":503,"count":2,"operations":["list"]})", 2},
        {"reset", R"({"type":"reset","count":2,"operations":["list"]})", 2},
        {"truncate", R"({"type":"truncate","count":2,"operations":["list"]})", 2},
        {"code 99", R"({"type":"code99","count":2,"operations":["list"]})", 2},
        {"soap fault", R"({"type":"soap_fault","count":2,"operations":["list"]})", 2},
        {"malformed xml", R"({"type":"malformed_xml","count":2,"operations":["list"]})", 2},
        {"hang", R"({"type":"hang","count":2,"operations":["list"]})", 2},
        {"small latency", R"({"type":"latency","ms":100,"count":1,"operations":["list"]})", 0},
    };
    for (const auto& c : cases)
        expect_recovery(c, list_once, [](client_config& config) { config.timeouts.read = 400ms; });
}

BOOST_AUTO_TEST_CASE(latency_and_trickle_beyond_the_read_deadline_are_retried)
{
    const auto tight_read = [](client_config& config) { config.timeouts.read = 300ms; };
    expect_recovery({"large latency", R"({"type":"latency","ms":1500,"count":1,"operations":["list"]})", 1},
                    list_once, tight_read);
    expect_recovery({"trickle", R"({"type":"trickle","bytes_per_second":64,"count":1,"operations":["list"]})", 1},
                    list_once, tight_read);
}

BOOST_AUTO_TEST_CASE(too_many_requests_honours_retry_after)
{
    auto& sim = shared_sim();
    auto capture = std::make_shared<log_capture>();
    client jd(fast_config(sim, capture));
    {
        fault_scope scope(sim, R"({"faults":[{"type":"too_many_requests","retry_after":1,"count":1,"operations":["list"]}]})");
        BOOST_TEST(!jd.list_pieces(all_pieces()).empty());
    }
    const auto retries = capture->of("jedeclare.retry");
    BOOST_TEST_REQUIRE(retries.size() == 1u);
    BOOST_TEST(field(retries[0], "kind") == "rate_limited");
    BOOST_TEST(field(retries[0], "why") == "retry_after");
    BOOST_TEST(std::stoi(field(retries[0], "delay_ms")) >= 1000); // the server's wish, not the 20 ms back-off
}

BOOST_AUTO_TEST_CASE(a_retry_after_beyond_the_deadline_gives_up_at_once)
{
    auto& sim = shared_sim();
    client_config config = fast_config(sim);
    config.timeouts.call = 2s;
    config.retry.retry_after_cap = 60s;
    client jd(config);
    fault_scope scope(sim, R"({"faults":[{"type":"too_many_requests","retry_after":30,"operations":["list"]}]})");
    const auto e = expect_failure([&] { jd.list_pieces(all_pieces()); });
    BOOST_TEST(e.kind() == error_kind::rate_limited);
    BOOST_TEST(e.http_status() == 429u);
    BOOST_TEST(e.attempts() == 1u);
}

BOOST_AUTO_TEST_CASE(transient_faults_on_download_and_gestion)
{
    auto& sim = shared_sim();
    std::vector<std::string> numeros;
    {
        client lister(fast_config(sim));
        numeros = numeros_of(lister.list_pieces(all_pieces()));
    }
    BOOST_TEST_REQUIRE(numeros.size() > 2u);
    const auto download = [&numeros](client& jd) { BOOST_TEST(!jd.download_piece(numeros[1]).raw.empty()); };
    expect_recovery({"download truncate", R"({"type":"truncate","count":2,"operations":["download"]})", 2}, download);
    expect_recovery({"download reset", R"({"type":"reset","count":1,"operations":["download"]})", 1}, download);
    expect_recovery({"download 503 after processing",
                     R"({"type":"http_status","status":503,"count":1,"after_processing":true,"operations":["download"]})",
                     1},
                    download);
    expect_recovery({"download code 99", R"({"type":"code99","count":2,"operations":["download"]})", 2}, download);
    expect_recovery({"download malformed", R"({"type":"malformed_xml","count":1,"operations":["download"]})", 1},
                    download);

    const auto dossiers = [](client& jd) { BOOST_TEST(!jd.list_dossiers().empty()); };
    expect_recovery({"gestion 503", R"({"type":"http_status","status":503,"count":2,"operations":["gestion"]})", 2},
                    dossiers);
    expect_recovery({"gestion reset", R"({"type":"reset","count":1,"operations":["gestion"]})", 1}, dossiers);
    expect_recovery({"gestion truncate", R"({"type":"truncate","count":1,"operations":["gestion"]})", 1}, dossiers);
    expect_recovery({"gestion 429", R"({"type":"too_many_requests","retry_after":0,"count":1,"operations":["gestion"]})", 1},
                    dossiers);
}

BOOST_AUTO_TEST_CASE(invalid_credentials_fault_is_permanent)
{
    auto& sim = shared_sim();
    client jd(fast_config(sim));
    fault_scope scope(sim, R"({"faults":[{"type":"invalid_credentials"}]})");
    const auto soap = expect_failure([&] { jd.list_pieces(all_pieces()); });
    BOOST_TEST(soap.kind() == error_kind::invalid_credentials);
    BOOST_TEST(soap.attempts() == 1u);
    const auto gestion = expect_failure([&] { jd.list_dossiers(); });
    BOOST_TEST(gestion.kind() == error_kind::invalid_credentials);
    BOOST_TEST(gestion.attempts() == 1u);
    BOOST_TEST(jd.stats().retries == 0u);
}

BOOST_AUTO_TEST_CASE(persistent_5xx_exhausts_the_attempts)
{
    auto& sim = shared_sim();
    client jd(fast_config(sim));
    fault_scope scope(sim, R"({"faults":[{"type":"http_status","status":503,"operations":["list"]}]})");
    const auto e = expect_failure([&] { jd.list_pieces(all_pieces()); });
    BOOST_TEST(e.kind() == error_kind::server_unavailable);
    BOOST_TEST(e.http_status() == 503u);
    BOOST_TEST(e.attempts() == 4u);
    BOOST_TEST(jd.stats().requests == 4u);
    BOOST_TEST(e.message().find("4 tentatives") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(persistent_hang_stops_at_the_call_deadline)
{
    auto& sim = shared_sim();
    client_config config = fast_config(sim);
    config.timeouts.read = 200ms;
    config.timeouts.call = 1000ms;
    config.retry.max_attempts = 50;
    client jd(config);
    fault_scope scope(sim, R"({"faults":[{"type":"hang","operations":["list"]}]})");
    const auto e = expect_failure([&] { jd.list_pieces(all_pieces()); });
    BOOST_TEST((e.kind() == error_kind::timeout || e.kind() == error_kind::deadline_exceeded));
    // Each attempt waits 200 ms for an answer: the 1 s deadline leaves room for at most 5 of them (+1 cut short).
    BOOST_TEST(e.attempts() >= 2u);
    BOOST_TEST(e.attempts() <= 6u);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(cancellation)

BOOST_AUTO_TEST_CASE(cancel_stops_a_hanging_call)
{
    auto& sim = shared_sim();
    client_config config = fast_config(sim);
    config.timeouts.read = 30s; // without cancel() the call would wait this long and end with a timeout
    config.timeouts.call = 60s;
    client jd(config);
    fault_scope scope(sim, R"({"faults":[{"type":"hang","operations":["list"]}]})");
    std::thread host([&jd] {
        std::this_thread::sleep_for(200ms);
        jd.cancel();
    });
    const auto e = expect_failure([&] { jd.list_pieces(all_pieces()); });
    host.join();
    BOOST_TEST(e.kind() == error_kind::cancelled);
    BOOST_TEST(jd.cancelled());
    // Still cancelled until resume(): no request is sent.
    const auto requests = jd.stats().requests;
    BOOST_TEST(expect_failure([&] { jd.list_dossiers(); }).kind() == error_kind::cancelled);
    BOOST_TEST(jd.stats().requests == requests);
    sim.clear_faults();
    jd.resume();
    BOOST_TEST(!jd.list_pieces(all_pieces()).empty());
}

BOOST_AUTO_TEST_CASE(cancel_interrupts_a_back_off_wait)
{
    auto& sim = shared_sim();
    client_config config = fast_config(sim);
    config.retry.base_delay = 30s;
    config.retry.max_delay = 30s;
    config.timeouts.call = 120s;
    client jd(config);
    fault_scope scope(sim, R"({"faults":[{"type":"http_status","status":503,"operations":["list"]}]})");
    std::thread host([&jd] {
        std::this_thread::sleep_for(300ms);
        jd.cancel();
    });
    const auto e = expect_failure([&] { jd.list_pieces(all_pieces()); });
    host.join();
    BOOST_TEST(e.kind() == error_kind::cancelled);
    BOOST_TEST(jd.stats().requests == 1u);
}

BOOST_AUTO_TEST_CASE(cancel_during_download_many)
{
    auto& sim = shared_sim();
    client jd(fast_config(sim));
    const auto numeros = numeros_of(jd.list_pieces(all_pieces()));
    BOOST_TEST_REQUIRE(numeros.size() > 8u);
    fault_scope scope(sim, R"({"faults":[{"type":"latency","ms":150,"operations":["download"]}]})");
    std::size_t seen = 0;
    std::size_t with_piece = 0;
    const auto e = expect_failure([&] {
        jd.download_many(
            numeros,
            [&](download_result& result) {
                ++seen;
                if (result.piece)
                    ++with_piece;
                if (seen == 2)
                    jd.cancel();
                return true;
            },
            2);
    });
    BOOST_TEST(e.kind() == error_kind::cancelled);
    BOOST_TEST(seen < numeros.size());
    BOOST_TEST(with_piece >= 2u);
    jd.resume();
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(certificates)

BOOST_AUTO_TEST_CASE(a_certificate_of_another_ca_is_refused)
{
    auto& sim = shared_sim();
    auto other = wire_test::start_simulator({"--seed", "3", "--dossiers", "2", "--days", "1"});
    client_config config = fast_config(sim);
    config.ca_file = other->ca_file(); // trusts the other simulator's CA only
    client jd(config);
    const auto e = expect_failure([&] { jd.list_pieces(all_pieces()); });
    BOOST_TEST(e.kind() == error_kind::tls_certificate);
    BOOST_TEST(e.attempts() == 1u);
    BOOST_TEST(jd.stats().tls_handshakes == 0u);
    BOOST_TEST(jd.stats().requests == 0u);
}

BOOST_AUTO_TEST_CASE(the_system_store_does_not_trust_the_test_ca)
{
    auto& sim = shared_sim();
    client_config config = fast_config(sim);
    config.ca_file.clear();
    client jd(config);
    BOOST_TEST(expect_failure([&] { jd.list_dossiers(); }).kind() == error_kind::tls_certificate);
}

BOOST_AUTO_TEST_CASE(a_wrong_host_name_is_refused)
{
    auto& sim = shared_sim();
    client_config config = fast_config(sim);
    const std::string port = std::to_string(sim.port());
    config.soap_url = "https://wrong-name.jedeclare.test:" + port + "/webservices/wspid_spring/CommunicationV2Service/";
    config.gestion_url = "https://127.0.0.2:" + port + "/webservice/gestion/"; // an address not in the certificate
    config.connect_address = "127.0.0.1";
    client jd(config);
    const auto by_name = expect_failure([&] { jd.list_pieces(all_pieces()); });
    BOOST_TEST(by_name.kind() == error_kind::tls_certificate);
    BOOST_TEST(by_name.detail().find("hostname mismatch") != std::string::npos);
    BOOST_TEST(by_name.attempts() == 1u);
    const auto by_address = expect_failure([&] { jd.list_dossiers(); });
    BOOST_TEST(by_address.kind() == error_kind::tls_certificate);
    BOOST_TEST(by_address.attempts() == 1u);
}

BOOST_AUTO_TEST_CASE(a_missing_ca_file_is_a_configuration_error)
{
    auto& sim = shared_sim();
    client_config config = fast_config(sim);
    config.ca_file = "/nonexistent/ca.pem";
    const auto e = expect_failure([&] { client jd(config); });
    BOOST_TEST(e.kind() == error_kind::configuration);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------------------------
// Last on purpose: everything above has spoken by now.
BOOST_AUTO_TEST_SUITE(zz_secrets)

BOOST_AUTO_TEST_CASE(no_credential_in_any_log_line_or_error)
{
    std::vector<std::string> secrets = {test_password, xml_escape(test_password), test_login,
                                        base64_encode(test_login + ":" + test_password),
                                        wire_test::other_password, wire_test::tax_password,
                                        "Wrong<&>Password", "S3cr3t"};
    std::lock_guard lock(said().mutex);
    BOOST_TEST(said().lines.size() > 50u); // the tests did make the client talk
    std::size_t leaks = 0;
    for (const auto& line : said().lines)
        for (const auto& secret_text : secrets)
            if (line.find(secret_text) != std::string::npos) {
                ++leaks;
                BOOST_ERROR("a credential appears in: " << line.substr(0, 200));
            }
    BOOST_TEST(leaks == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
