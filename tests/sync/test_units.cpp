// The sync wing's pieces on their own: report JSON, state mapping, movement conversion, lease holders,
// progress throttling, the router's rule, the trigger input.
#include "sync_test_env.hpp"

#include "sync/lease_guard.hpp"
#include "sync/messages.hpp"
#include "sync/movement_conversion.hpp"
#include "sync/progress_reporter.hpp"
#include "sync/route_snapshot.hpp"
#include "sync/run_report.hpp"
#include "sync/state_mapping.hpp"
#include "sync/sync_service.hpp"

#include "jd/statement/parse.hpp"
#include "store/activation.hpp"
#include "store/bank_links.hpp"

#include <jdsim/cfonb_writer.hpp>

#include <boost/test/unit_test.hpp>

#include <host_sdk/error.hpp>

#include <sys/wait.h>
#include <unistd.h>

using namespace sync_test;
namespace json = boost::json;
using jd::jedeclare::error_kind;
using jd::store::health_state;

BOOST_AUTO_TEST_SUITE(units)

BOOST_AUTO_TEST_CASE(report_json_has_the_contract_members_and_reads_back) {
    jd::sync::run_report report;
    report.instance_id = "jedeclare-1";
    report.run_id = 12;
    report.triggered_by = jd::sync::trigger::manual;
    report.started_at = 1767225600000;
    report.finished_at = 1767225601500;
    report.pieces.listed = 4;
    report.pieces.downloaded = 3;
    report.pieces.recovered = 1;
    report.pieces.parse_failed = 1;
    report.movements.parsed = 100;
    report.movements.delivered = 90;
    report.movements.duplicates = 7;
    report.movements.quarantined = 3;
    report.movements.released = 2;
    report.balance_warnings = 1;
    report.count_error("network", 2);
    report.state = health_state::piece_illisible;
    report.message = "Pièce illisible";
    report.recovery_needed = true;
    report.last_recovery_at = 1767225000000;

    const auto out = jd::sync::to_json(report);
    BOOST_TEST(out.at("instance_id").as_string() == "jedeclare-1");
    BOOST_TEST(out.at("started_at").as_string() == "2026-01-01T00:00:00.000Z");
    BOOST_TEST(out.at("duration_ms").as_int64() == 1500);
    BOOST_TEST(out.at("pieces").at("listed").as_int64() == 4);
    BOOST_TEST(out.at("pieces").at("recovered").as_int64() == 1);
    BOOST_TEST(out.at("movements").at("duplicates").as_int64() == 7);
    BOOST_TEST(out.at("movements").at("released").as_int64() == 2);
    BOOST_TEST(out.at("errors").at("network").as_int64() == 2);
    BOOST_TEST(out.at("state").as_string() == "piece_illisible");
    BOOST_TEST(out.at("trigger").as_string() == "manual");

    const auto back = jd::sync::run_report_from_json(json::serialize(out));
    BOOST_TEST(back.run_id == 12);
    BOOST_TEST(back.movements.delivered == 90);
    BOOST_TEST(back.recovery_needed);
    BOOST_TEST(back.last_recovery_at.value_or(0) == 1767225000000);
    BOOST_TEST((back.state == health_state::piece_illisible));
    BOOST_TEST(back.errors.at("network") == 2);

    report.outcome = jd::sync::run_outcome::already_running;
    BOOST_TEST(jd::sync::report_state_code(report) == "deja_en_cours");
}

BOOST_AUTO_TEST_CASE(remote_errors_map_to_admin_states) {
    using jd::sync::health_of;
    BOOST_TEST(jd::store::to_string(health_of(error_kind::invalid_credentials)) == "identifiants_refuses");
    BOOST_TEST(jd::store::to_string(health_of(error_kind::procedure_not_subscribed)) == "procedure_non_souscrite");
    BOOST_TEST(jd::store::to_string(health_of(error_kind::unknown_account)) == "compte_inconnu");
    BOOST_TEST(jd::store::to_string(health_of(error_kind::tls_certificate)) == "erreur_certificat");
    for (const auto kind : {error_kind::network, error_kind::timeout, error_kind::server_unavailable,
                            error_kind::rate_limited, error_kind::server_technical, error_kind::soap_fault,
                            error_kind::truncated_response, error_kind::malformed_response,
                            error_kind::deadline_exceeded})
        BOOST_TEST(jd::store::to_string(health_of(kind)) == "erreur_reseau");

    using jd::sync::download_failure_scope;
    using jd::sync::scope_of_download_failure;
    BOOST_TEST((scope_of_download_failure(error_kind::invalid_credentials) == download_failure_scope::instance));
    BOOST_TEST((scope_of_download_failure(error_kind::piece_unavailable) == download_failure_scope::piece));
    BOOST_TEST((scope_of_download_failure(error_kind::server_unavailable) == download_failure_scope::service));
    BOOST_TEST((scope_of_download_failure(error_kind::cancelled) == download_failure_scope::cancelled));

    BOOST_TEST((jd::sync::worse(health_state::erreur_reseau, health_state::identifiants_refuses) ==
                health_state::identifiants_refuses));
    BOOST_TEST((jd::sync::worse(health_state::piece_illisible, health_state::ok) == health_state::piece_illisible));
}

namespace {

std::string sample_statement() {
    jdsim::cfonb_account account;
    jdsim::set_field(account.bank, "30004");
    jdsim::set_field(account.branch, "00001");
    jdsim::set_field(account.number, "00012345678");
    const auto day = jdsim::date::from_ymd(2026, 3, 2);
    std::string out;
    jdsim::cfonb_writer writer(out, "\r\n");
    writer.balance('1', account, day.plus_days(-1), 100000);
    jdsim::cfonb_movement ticket;
    ticket.amount = -4550;
    jdsim::set_field(ticket.operation_code, "B1");
    jdsim::set_field(ticket.label, "CB SNCF BILLET");
    jdsim::set_field(ticket.reference, "REF1");
    ticket.complement_count = 1;
    jdsim::set_field(ticket.complements[0].qualifier, "LIB");
    jdsim::set_field(ticket.complements[0].text, "PARIS LYON");
    writer.movement(account, day, ticket);
    writer.movement(account, day, ticket); // the return ticket: a genuine twin
    jdsim::cfonb_movement salary;
    salary.amount = 250000;
    jdsim::set_field(salary.operation_code, "05");
    jdsim::set_field(salary.label, "VIR SALAIRE");
    writer.movement(account, day, salary);
    writer.balance('7', account, day, 100000 - 4550 - 4550 + 250000);
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(movements_convert_with_identities_dates_and_details) {
    const auto result = jd::statement::parse_buffer(sample_statement());
    BOOST_REQUIRE(result.accepted());
    BOOST_REQUIRE_EQUAL(result.statements.size(), 1U);
    const auto& statement = result.statements[0];
    BOOST_REQUIRE_EQUAL(statement.movements.size(), 3U);
    std::vector<jd::store::movement> converted(3);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto problem = jd::sync::convert_movement(statement, statement.movements[i], "1000001", converted[i]);
        BOOST_TEST(problem == "");
    }
    BOOST_TEST(converted[0].rib_key == "300040000100012345678");
    BOOST_TEST(converted[0].booking_date == "2026-03-02");
    BOOST_TEST(converted[0].amount_minor == -4550);
    BOOST_TEST(converted[0].currency == "EUR");
    BOOST_TEST(converted[0].label == "CB SNCF BILLET");
    BOOST_TEST(converted[0].details == "LIB PARIS LYON");
    BOOST_TEST(converted[0].piece_numero == "1000001");
    // Twins: same content, different occurrence, both kept.
    BOOST_TEST(converted[0].identity != converted[1].identity);
    BOOST_TEST(converted[0].identity.substr(0, 32) == converted[1].identity.substr(0, 32));
    BOOST_TEST(converted[2].amount_minor == 250000);
    BOOST_TEST(converted[2].details == "");

    // The same file again, or with other line endings, gives the same identities.
    std::string lf = sample_statement();
    for (auto pos = lf.find("\r\n"); pos != std::string::npos; pos = lf.find("\r\n", pos)) lf.erase(pos, 1);
    const auto again = jd::statement::parse_buffer(lf);
    BOOST_REQUIRE(again.accepted());
    jd::store::movement first;
    BOOST_TEST(jd::sync::convert_movement(again.statements[0], again.statements[0].movements[0], "1000002", first) == "");
    BOOST_TEST(first.identity == converted[0].identity);
}

BOOST_AUTO_TEST_CASE(unusable_movements_are_refused_with_a_reason) {
    auto result = jd::statement::parse_buffer(sample_statement());
    BOOST_REQUIRE(result.accepted());
    auto& statement = result.statements[0];
    jd::store::movement out;
    statement.rib_key = "30004 00001 123";
    BOOST_TEST(jd::sync::convert_movement(statement, statement.movements[0], "1", out).find("rib_key") == 0U);
    statement.rib_key = "300040000100012345678";
    auto m = statement.movements[0];
    m.booking_date = {};
    BOOST_TEST(jd::sync::convert_movement(statement, m, "1", out).find("booking_date") == 0U);
    m = statement.movements[0];
    m.decimals = 9;
    BOOST_TEST(jd::sync::convert_movement(statement, m, "1", out).find("decimals") == 0U);
}

BOOST_AUTO_TEST_CASE(lease_holders_of_dead_local_processes_are_recognised) {
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0); // reaped: that pid names no process now
    const std::string host(name);
    BOOST_TEST(jd::sync::lease_guard::holder_is_dead_local_process(host + ":" + std::to_string(child) + ":abc"));
    BOOST_TEST(!jd::sync::lease_guard::holder_is_dead_local_process(host + ":" + std::to_string(::getpid()) + ":x"));
    BOOST_TEST(!jd::sync::lease_guard::holder_is_dead_local_process(host + ":1:x")); // init lives
    BOOST_TEST(!jd::sync::lease_guard::holder_is_dead_local_process("another-machine:" + std::to_string(child) + ":x"));
    BOOST_TEST(!jd::sync::lease_guard::holder_is_dead_local_process("garbage"));
    BOOST_TEST(!jd::sync::lease_guard::holder_is_dead_local_process(host + ":12ab:x"));
}

namespace {

struct progress_recorder {
    static std::vector<std::tuple<std::string, std::uint64_t, std::uint64_t>>& events() {
        static std::vector<std::tuple<std::string, std::uint64_t, std::uint64_t>> list;
        return list;
    }
    static void progress(void*, const char*, const char* phase, std::uint64_t done, std::uint64_t total) {
        events().emplace_back(phase, done, total);
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(progress_is_throttled_but_phases_and_ends_always_show) {
    hs_host_api_v1 api{};
    api.header.struct_size = sizeof api;
    api.header.abi_major = HS_ABI_MAJOR;
    api.header.abi_minor = HS_ABI_MINOR;
    api.progress = &progress_recorder::progress;
    progress_recorder::events().clear();
    jd::sync::progress_reporter progress(host_sdk::host(&api), "op", std::chrono::hours(1));
    progress.phase("download", 1000);
    for (int i = 0; i < 1000; ++i) progress.advance();
    progress.phase("parse", 10);
    progress.advance(3);
    progress.complete();
    const auto& events = progress_recorder::events();
    BOOST_REQUIRE_EQUAL(events.size(), 4U); // download 0, download 1000/1000, parse 0, parse 10/10
    BOOST_TEST(std::get<0>(events[1]) == "download");
    BOOST_TEST(std::get<1>(events[1]) == 1000U);
    BOOST_TEST(std::get<1>(events[3]) == 10U);
}

BOOST_AUTO_TEST_CASE(router_follows_links_activation_and_dates) {
    temp_dir dir;
    auto place = store_place::sqlite(dir.path());
    auto db = place->open();
    jd::store::instance_store store(*db, "jedeclare-units");
    jd::store::bank_link link;
    link.rib_key = "300040000100012345678";
    link.company_id = 1;
    link.bank_account_id = 101;
    link.deliver_from = "2026-02-01";
    link.linked_at = jd::store::now_ms();
    store.bank_links().set(link);
    auto snapshot = jd::sync::route_snapshot::load(store);
    BOOST_TEST((snapshot.route("300040000100012345678", "2026-03-01").reason ==
                jd::store::quarantine_reason::company_inactive));
    BOOST_TEST((snapshot.route("999990000100012345678", "2026-03-01").reason ==
                jd::store::quarantine_reason::no_bank_link));
    jd::store::company_activation activation;
    activation.company_id = 1;
    activation.active = true;
    activation.changed_at = jd::store::now_ms();
    store.activations().set(activation);
    snapshot = jd::sync::route_snapshot::load(store);
    const auto routed = snapshot.route("300040000100012345678", "2026-03-01");
    BOOST_REQUIRE(routed.route.has_value());
    BOOST_TEST(routed.route->bank_account_id == 101);
    BOOST_TEST((snapshot.route("300040000100012345678", "2026-01-31").reason ==
                jd::store::quarantine_reason::before_deliver_from));
    BOOST_TEST(snapshot.companies().at(1).bank_links.size() == 1U);
}

BOOST_AUTO_TEST_CASE(trigger_input_is_read_strictly) {
    host_sdk::call_context scheduler;
    host_sdk::call_context admin;
    admin.user_id = "admin";
    BOOST_TEST((jd::sync::parse_trigger(json::object{{"trigger", "manual"}}, admin) == jd::sync::trigger::manual));
    BOOST_TEST((jd::sync::parse_trigger(json::object{{"trigger", "scheduler"}}, scheduler) ==
                jd::sync::trigger::scheduler));
    BOOST_TEST((jd::sync::parse_trigger(json::object{}, scheduler) == jd::sync::trigger::scheduler));
    BOOST_TEST((jd::sync::parse_trigger(json::object{}, admin) == jd::sync::trigger::manual));
    BOOST_CHECK_THROW((void)jd::sync::parse_trigger(json::object{{"trigger", 3}}, admin), host_sdk::error);
    BOOST_CHECK_THROW((void)jd::sync::parse_trigger(json::array{}, admin), host_sdk::error);
}

BOOST_AUTO_TEST_CASE(messages_speak_french_by_default_and_english_on_request) {
    BOOST_TEST(jd::sync::success_message(1234, 0, "fr").find("mouvements livrés") != std::string::npos);
    BOOST_TEST(jd::sync::success_message(1234, 5, "en").find("1,234 movements delivered") == 0U);
    BOOST_TEST(jd::sync::cancelled_message("fr").find("annulée") != std::string::npos);
    BOOST_TEST(jd::sync::state_sentence(health_state::identifiants_refuses, "en").find("refused") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
