// End-to-end runs against the simulator, on SQLite and PostgreSQL: every movement of linked, active accounts
// reaches the host's ledger once; quarantine and release; unreadable pieces; permanent remote errors and
// their states; status; cancellation.
#include "sync_world.hpp"

#include "sync/run_report.hpp"
#include "sync/status_view.hpp"

#include "store/activation.hpp"
#include "store/movements.hpp"
#include "store/pieces.hpp"

#include "refhost/ledger.hpp"

#include <host_sdk/error.hpp>

#include <chrono>
#include <set>
#include <thread>

using namespace sync_test;
using jd::store::health_state;
using jd::sync::run_outcome;
namespace json = boost::json;

namespace {

std::set<std::string> phases_of(const std::vector<progress_event>& events) {
    std::set<std::string> phases;
    for (const auto& e : events) phases.insert(e.phase);
    return phases;
}

std::int64_t pieces_of_compte(jdsim::sim_process& sim, std::size_t compte) {
    return static_cast<std::int64_t>(sim.comptes[compte].pieces);
}

} // namespace

BOOST_AUTO_TEST_SUITE(runs)

SYNC_TEST(full_sync_delivers_every_movement_once) {
    auto sim = start_sim();
    world w(backend, *sim);
    const auto plan = w.link();
    BOOST_REQUIRE_GT(plan.expected_movements, 0);

    const auto first = w.run();
    BOOST_TEST(jd::sync::to_string(first.outcome) == "completed");
    BOOST_TEST(jd::store::to_string(first.state) == "ok");
    BOOST_TEST(first.pieces.listed == pieces_of_compte(*sim, 0));
    BOOST_TEST(first.pieces.downloaded == pieces_of_compte(*sim, 0));
    BOOST_TEST(first.movements.delivered == plan.expected_movements);
    BOOST_TEST(first.movements.duplicates > 0); // overlapping and re-sent pieces repeat movements
    BOOST_TEST(first.movements.host_already_stored == 0);
    BOOST_TEST(first.recovery_ran); // the first run always looks for consumed pieces
    BOOST_TEST(w.ledger_diff(plan.expected) == "");
    BOOST_TEST(w.host->ledger_count() == plan.expected_movements);

    const auto phases = phases_of(w.host->progress_events());
    for (const char* phase : {"lease", "list", "download", "parse", "deliver", "done"})
        BOOST_TEST(phases.count(phase) == 1, "progress phase " << phase);
    bool deliver_complete = false;
    for (const auto& e : w.host->progress_events())
        if (e.phase == "deliver" && e.total > 0 && e.done == e.total) deliver_complete = true;
    BOOST_TEST(deliver_complete);

    // A second run finds nothing new: no silent duplicate, no silent loss.
    const auto second = w.run();
    BOOST_TEST(jd::store::to_string(second.state) == "ok");
    BOOST_TEST(second.pieces.listed == 0);
    BOOST_TEST(second.pieces.downloaded == 0);
    BOOST_TEST(second.movements.delivered == 0);
    BOOST_TEST(!second.recovery_ran);
    BOOST_TEST(w.host->ledger_count() == plan.expected_movements);

    // Every piece handed over again (statut back to 00): already stored, nothing delivered twice.
    sim->reset_retrievals();
    const auto third = w.run();
    BOOST_TEST(third.pieces.listed == pieces_of_compte(*sim, 0));
    BOOST_TEST(third.pieces.downloaded == 0);
    BOOST_TEST(third.pieces.already_stored == pieces_of_compte(*sim, 0));
    BOOST_TEST(third.movements.delivered == 0);
    BOOST_TEST(w.ledger_diff(plan.expected) == "");
    BOOST_TEST(w.integrity_ok());

    // The report as the operation answers it.
    const auto answer = jd::sync::to_json(first);
    for (const char* key : {"instance_id", "started_at", "finished_at", "duration_ms", "pieces", "movements",
                            "balance_warnings", "errors", "state"})
        BOOST_TEST(answer.contains(key), "report member " << key);
    for (const char* key : {"listed", "downloaded", "recovered", "parse_failed"})
        BOOST_TEST(answer.at("pieces").as_object().contains(key));
    for (const char* key : {"parsed", "delivered", "duplicates", "quarantined", "released"})
        BOOST_TEST(answer.at("movements").as_object().contains(key));
}

SYNC_TEST(quarantined_movements_are_released_by_activation) {
    auto sim = start_sim();
    world w(backend, *sim);
    // Companies with an odd id stay inactive for now.
    const auto plan = w.link([](std::int64_t company) { return company % 2 == 0; });
    BOOST_REQUIRE(!plan.held_back.empty());

    const auto first = w.run();
    BOOST_TEST(jd::store::to_string(first.state) == "ok");
    BOOST_TEST(first.movements.quarantined > 0);
    BOOST_TEST(first.movements.quarantined_total > 0);
    BOOST_TEST(w.ledger_diff(plan.expected) == "");

    // The admin activates them, from the start: the next run releases their movements.
    for (const auto company : plan.inactive_companies) {
        jd::store::company_activation activation;
        activation.company_id = company;
        activation.active = true;
        activation.changed_by = "admin";
        activation.changed_at = jd::store::now_ms();
        w.store->activations().set(activation);
    }
    auto all = plan.expected;
    std::int64_t held = 0;
    for (const auto& [key, totals] : plan.held_back) {
        all[key] = totals;
        held += totals.movements;
    }
    const auto second = w.run();
    BOOST_TEST(second.movements.released == held);
    BOOST_TEST(second.movements.delivered == held);
    BOOST_TEST(second.pieces.downloaded == 0);
    BOOST_TEST(w.ledger_diff(all) == "");
    BOOST_TEST(w.integrity_ok());
}

SYNC_TEST(movements_before_deliver_from_are_kept_not_delivered) {
    auto sim = start_sim();
    world w(backend, *sim);
    const auto plan = w.link();
    BOOST_REQUIRE(!plan.expected.empty());
    // One company starts on the last statement day only.
    const auto truth = sim->truth();
    const std::string last_day(truth.at("last_statement_day").as_string());
    const auto company = plan.expected.begin()->first.first;
    jd::store::company_activation activation;
    activation.company_id = company;
    activation.active = true;
    activation.deliver_from = last_day;
    activation.changed_by = "admin";
    activation.changed_at = jd::store::now_ms();
    w.store->activations().set(activation);

    const auto report = w.run();
    BOOST_TEST(jd::store::to_string(report.state) == "ok");
    const auto delivered = w.host->db().with_session([&](Poco::Data::Session& session) {
        return refhost::ledger::list(session, company, std::nullopt, 100000);
    });
    for (const auto& m : delivered) BOOST_TEST(m.movement.booking_date >= last_day);
    bool kept = false;
    for (const auto& group : w.store->movements().quarantine_summary())
        if (group.reason == jd::store::quarantine_reason::before_deliver_from) kept = true;
    BOOST_TEST(kept);

    // Moving the start date back releases them.
    activation.deliver_from.reset();
    w.store->activations().set(activation);
    w.run();
    BOOST_TEST(w.ledger_diff(plan.expected) == "");
}

SYNC_TEST(unreadable_piece_is_kept_reported_and_retried) {
    auto sim = start_sim();
    world w(backend, *sim);
    const auto plan = w.link();
    const auto added = sim->add_pieces(json::object{
        {"compte", w.endpoint.login},
        {"pieces", json::array{json::object{{"content", "Ceci n'est pas un relevé CFONB, mais une lettre.\n"}}}}});
    const auto& first_numero = added.at("numeros").as_array().at(0);
    const std::string numero = first_numero.is_string() ? std::string(first_numero.as_string())
                                                        : std::to_string(first_numero.to_number<std::int64_t>());

    const auto first = w.run();
    BOOST_TEST(jd::store::to_string(first.state) == "piece_illisible");
    BOOST_TEST(first.pieces.parse_failed == 1);
    BOOST_TEST(first.message.find(numero) != std::string::npos, first.message);
    BOOST_TEST(w.ledger_diff(plan.expected) == ""); // the other pieces went through
    const auto info = w.store->pieces().info(numero);
    BOOST_REQUIRE(info.has_value());
    BOOST_TEST(jd::store::to_string(info->state) == "failed");
    BOOST_TEST(!info->parse_error.empty());

    // Each run reads it again (a fixed parser would succeed), and the state stays visible.
    const auto second = w.run();
    BOOST_TEST(second.pieces.parse_failed == 1);
    BOOST_TEST(jd::store::to_string(second.state) == "piece_illisible");
    BOOST_TEST(w.store->pieces().info(numero)->attempts == 2);

    // The reprocess entry point puts it back to pending.
    BOOST_TEST(w.service->requeue_failed_pieces() == 1);
    BOOST_TEST(jd::store::to_string(w.store->pieces().info(numero)->state) == "pending");

    const auto status = jd::sync::build_status(w.host->host(), *w.store, "fr");
    BOOST_TEST(status.at("instance").at("state").as_string() == "piece_illisible");
    BOOST_TEST(w.integrity_ok());
}

SYNC_TEST(wrong_password_ends_with_identifiants_refuses) {
    auto sim = start_sim();
    world w(backend, *sim);
    w.link();
    auto config = client_config_for(w.endpoint);
    config.credentials.password = jd::jedeclare::secret("not-the-password");
    jd::jedeclare::client wrong(config);
    jd::sync::sync_service service(w.host->host(), *w.store, wrong);
    host_sdk::call_context call;
    const auto report = service.run(call, jd::sync::trigger::scheduler);
    BOOST_TEST(jd::sync::to_string(report.outcome) == "failed");
    BOOST_TEST(jd::store::to_string(report.state) == "identifiants_refuses");
    BOOST_TEST(!report.message.empty());
    BOOST_TEST(report.errors.count("invalid_credentials") == 1);
    BOOST_TEST(report.message.find("not-the-password") == std::string::npos);
    const auto health = w.store->states().instance();
    BOOST_REQUIRE(health.has_value());
    BOOST_TEST(jd::store::to_string(health->state) == "identifiants_refuses");
    BOOST_TEST(!health->last_success_at.has_value());

    // With the right password the next run recovers and records the success.
    const auto next = w.run();
    BOOST_TEST(jd::store::to_string(next.state) == "ok");
    BOOST_TEST(w.store->states().instance()->last_success_at.has_value());
}

SYNC_TEST(compte_without_releve_ends_with_procedure_non_souscrite) {
    auto sim = start_sim();
    std::size_t compte = 0;
    for (std::size_t i = 0; i < sim->comptes.size(); ++i)
        if (!sim->comptes[i].releve) compte = i;
    BOOST_REQUIRE(!sim->comptes[compte].releve);
    world w(backend, *sim, compte);
    const auto report = w.run();
    BOOST_TEST(jd::store::to_string(report.state) == "procedure_non_souscrite");
    BOOST_TEST(jd::sync::to_string(report.outcome) == "failed");
    BOOST_TEST(!report.message.empty());
}

SYNC_TEST(untrusted_certificate_ends_with_erreur_certificat) {
    auto sim = start_sim();
    world w(backend, *sim);
    // Another simulator's CA does not vouch for this one.
    temp_dir other_tls("jd-sync-othertls");
    jdsim::sim_options options;
    options.tls_dir = (other_tls.path() / "tls").string();
    jdsim::sim_process other({"--dossiers", "1", "--days", "1"}, options);
    auto config = client_config_for(w.endpoint);
    config.ca_file = other.ca_file();
    jd::jedeclare::client untrusting(config);
    jd::sync::sync_service service(w.host->host(), *w.store, untrusting);
    const auto report = service.run(host_sdk::call_context{}, jd::sync::trigger::scheduler);
    BOOST_TEST(jd::store::to_string(report.state) == "erreur_certificat");
    BOOST_TEST(!report.message.empty());
}

SYNC_TEST(status_shows_instance_and_companies) {
    auto sim = start_sim();
    world w(backend, *sim);
    const auto plan = w.link([](std::int64_t company) { return company % 2 == 0; });
    w.run();
    const auto status = jd::sync::build_status(w.host->host(), *w.store, "en");
    const auto& instance = status.at("instance").as_object();
    BOOST_TEST(instance.at("state").as_string() == "ok");
    BOOST_TEST(instance.at("last_success_at").is_string());
    BOOST_TEST(instance.at("last_run_at").is_string());
    BOOST_TEST(!instance.at("running").as_bool());
    std::size_t inactive = 0, ok = 0;
    for (const auto& value : status.at("companies").as_array()) {
        const auto& company = value.as_object();
        BOOST_TEST(!company.at("legal_name").as_string().empty());
        if (company.at("state").as_string() == "inactive") {
            ++inactive;
            BOOST_TEST(!company.at("active").as_bool());
        } else {
            ++ok;
            BOOST_TEST(company.at("state").as_string() == "ok");
            BOOST_TEST(company.at("last_success_at").is_string());
        }
    }
    BOOST_TEST(inactive == plan.inactive_companies.size());
    BOOST_TEST(ok > 0);

    // The operation checks both platform rights.
    host_sdk::call_context clerk;
    clerk.user_id = "nobody";
    BOOST_CHECK_THROW(jd::sync::status_operation(w.host->host(), *w.store, clerk, json::object{}), host_sdk::error);
    host_sdk::call_context admin;
    admin.user_id = "admin";
    const auto answer = jd::sync::status_operation(w.host->host(), *w.store, admin, json::object{});
    BOOST_TEST(answer.as_object().contains("instance"));
}

SYNC_TEST(sync_operation_answers_the_report_and_checks_rights) {
    auto sim = start_sim();
    world w(backend, *sim);
    const auto plan = w.link();
    host_sdk::call_context stranger;
    stranger.user_id = "nobody";
    try {
        (void)w.service->sync_operation(stranger, json::object{{"trigger", "manual"}});
        BOOST_FAIL("a user without rights ran a sync");
    } catch (const host_sdk::error& e) {
        BOOST_TEST(e.status() == HS_E_PERMISSION_DENIED);
    }
    BOOST_TEST(w.host->ledger_count() == 0);

    host_sdk::call_context scheduler; // user_id "": no right needed
    scheduler.operation_id = "sched-1";
    const auto answer = w.service->sync_operation(scheduler, json::object{{"trigger", "scheduler"}});
    BOOST_TEST(answer.at("state").as_string() == "ok");
    BOOST_TEST(answer.at("movements").at("delivered").as_int64() == plan.expected_movements);

    BOOST_CHECK_THROW(w.service->sync_operation(scheduler, json::object{{"trigger", "sometimes"}}), host_sdk::error);
}

SYNC_TEST(cancel_stops_promptly_and_the_next_run_completes) {
    auto sim = start_sim({"--days", "10"});
    world w(backend, *sim);
    const auto plan = w.link();
    sim->set_faults(R"({"faults":[{"type":"latency","ms":150,"operations":["download"]}]})");
    jd::sync::run_report report;
    std::thread runner([&] { report = w.run(); });
    // Wait until downloads are going, then cancel.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        bool downloading = false;
        for (const auto& e : w.host->progress_events())
            if (e.phase == "download" && e.done >= 2) downloading = true;
        if (downloading) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const auto asked = std::chrono::steady_clock::now();
    w.service->cancel();
    runner.join();
    const auto stopped_after = std::chrono::steady_clock::now() - asked;
    BOOST_TEST(jd::sync::to_string(report.outcome) == "cancelled");
    BOOST_TEST(report.recovery_needed);
    BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(stopped_after).count() < 5000);
    BOOST_TEST(w.integrity_ok());

    sim->clear_faults();
    const auto next = w.run();
    BOOST_TEST(jd::store::to_string(next.state) == "ok");
    BOOST_TEST(next.recovery_ran);
    BOOST_TEST(w.ledger_diff(plan.expected) == "");
}

SYNC_TEST(piece_lost_between_download_and_commit_is_recovered) {
    auto sim = start_sim();
    jd::sync::sync_options options;
    // Simulates dying right after the 3rd download: the piece is consumed on JeDéclare, not stored.
    options.checkpoint = [](std::string_view point, std::uint64_t count) {
        if (point == "piece_downloaded" && count == 3) throw std::runtime_error("simulated crash");
    };
    world w(backend, *sim, 0, options);
    const auto plan = w.link();
    const auto first = w.run();
    BOOST_TEST(jd::sync::to_string(first.outcome) == "failed");
    BOOST_TEST(first.recovery_needed);

    // The same store and host, a new service without the crash: the recovery pass fetches what was consumed.
    jd::sync::sync_service healthy(w.host->host(), *w.store, *w.client);
    const auto second = healthy.run(host_sdk::call_context{}, jd::sync::trigger::scheduler);
    BOOST_TEST(second.recovery_ran);
    BOOST_TEST(second.pieces.recovered >= 1);
    BOOST_TEST(jd::store::to_string(second.state) == "ok");
    BOOST_TEST(w.ledger_diff(plan.expected) == "");
    BOOST_TEST(w.integrity_ok());
}

SYNC_TEST(crash_between_delivery_and_mark_delivers_once) {
    auto sim = start_sim();
    jd::sync::sync_options options;
    options.delivery_batch_size = 7;
    options.checkpoint = [](std::string_view point, std::uint64_t count) {
        if (point == "batch_delivered" && count == 2) throw std::runtime_error("simulated crash");
    };
    world w(backend, *sim, 0, options);
    const auto plan = w.link();
    const auto first = w.run();
    BOOST_TEST(jd::sync::to_string(first.outcome) == "failed");
    jd::sync::sync_service healthy(w.host->host(), *w.store, *w.client);
    const auto second = healthy.run(host_sdk::call_context{}, jd::sync::trigger::scheduler);
    // The batch the host had is acknowledged again as already stored, not stored twice.
    BOOST_TEST(second.movements.host_already_stored >= 1);
    BOOST_TEST(second.movements.host_already_stored <= 7);
    BOOST_TEST(w.ledger_diff(plan.expected) == "");
    BOOST_TEST(w.host->ledger_count() == plan.expected_movements);
}

BOOST_AUTO_TEST_SUITE_END()
