// What the sync remembers: raw pieces, movements with routing and delivery, diagnostics, states, run reports.
#include "store_test_env.hpp"
#include "test_data.hpp"

#include "store/error.hpp"
#include "store/instance_store.hpp"
#include "store/integrity.hpp"
#include "store/transaction.hpp"

#include <chrono>
#include <set>
#include <thread>

using namespace jd::store;
using namespace store_test;

namespace {

std::vector<movement> movements_for(const std::string& rib, const std::string& prefix,
                                    const std::vector<std::string>& dates, const std::string& piece = "P1") {
    std::vector<movement> out;
    for (std::size_t i = 0; i < dates.size(); ++i) {
        out.push_back(make_movement(prefix + std::to_string(i), rib, dates[i], static_cast<std::int64_t>(i + 1) * 100,
                                    piece));
    }
    return out;
}

std::vector<delivery_ack> acks_for(const std::vector<stored_movement>& batch,
                                   delivery_outcome outcome = delivery_outcome::stored) {
    std::vector<delivery_ack> acks;
    for (const auto& m : batch) {
        acks.push_back({m.id, outcome});
    }
    return acks;
}

} // namespace

STORE_TEST(pieces_are_stored_byte_for_byte) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    std::string bytes;
    for (int i = 0; i < 4096; ++i) {
        bytes.push_back(static_cast<char>(i % 256)); // every byte value, NULs included
    }
    BOOST_TEST((store.pieces().put("P1", "03", bytes, t0) == put_outcome::stored));
    BOOST_TEST((store.pieces().put("P1", "03", bytes, t0 + 1) == put_outcome::already_stored));
    BOOST_TEST((store.pieces().put("P1", "03", bytes + "x", t0 + 2) == put_outcome::content_differs));
    const auto piece = store.pieces().get("P1");
    BOOST_REQUIRE(piece.has_value());
    BOOST_TEST(piece->content == bytes);
    BOOST_TEST(piece->info.size_bytes == 4096);
    BOOST_TEST(piece->info.sha256.size() == 64U);
    BOOST_TEST(piece->info.type_piece == "03");
    BOOST_TEST(piece->info.downloaded_at == t0);
    BOOST_TEST((piece->info.state == parse_state::pending));
    BOOST_TEST(piece->info.attempts == 0);
    BOOST_TEST(!piece->info.parsed_at.has_value());
    // sha256("") is well known; an empty piece is kept too.
    BOOST_TEST((store.pieces().put("P-empty", "", "", t0) == put_outcome::stored));
    BOOST_TEST(store.pieces().info("P-empty")->sha256 ==
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(store.pieces().get("P-empty")->content.empty());

    // Durable: another connection sees it at once.
    auto other = env.open();
    instance_store other_store(*other, "instance-a");
    BOOST_TEST(other_store.pieces().contains("P1"));
    BOOST_TEST(!other_store.pieces().contains("P2"));
    instance_store other_instance(*other, "instance-b");
    BOOST_TEST(!other_instance.pieces().contains("P1"));
    const auto numeros = store.pieces().known_numeros();
    BOOST_TEST((std::set<std::string>(numeros.begin(), numeros.end()) == std::set<std::string>{"P1", "P-empty"}));
    BOOST_TEST(!store.pieces().get("nope").has_value());
}

STORE_TEST(failed_pieces_are_kept_and_can_be_reprocessed) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    auto& pieces = store.pieces();
    pieces.put("P1", "03", "garbage", t0);
    pieces.put("P2", "03", "good", t0 + 1);
    BOOST_TEST(pieces.list(parse_state::pending).size() == 2U);
    pieces.mark_failed("P1", std::string("line 3, byte 240: not a CFONB record \xff\xfe"), t0 + 10);
    pieces.mark_parsed("P2", t0 + 11);
    auto failed = pieces.list(parse_state::failed);
    BOOST_REQUIRE_EQUAL(failed.size(), 1U);
    BOOST_TEST(failed[0].numero == "P1");
    BOOST_TEST(failed[0].attempts == 1);
    BOOST_TEST(failed[0].parsed_at.value_or(0) == t0 + 10);
    BOOST_TEST(failed[0].parse_error == "line 3, byte 240: not a CFONB record \xEF\xBF\xBD\xEF\xBF\xBD");
    BOOST_TEST(pieces.get("P1")->content == "garbage"); // the bytes are kept
    BOOST_TEST(pieces.list(parse_state::parsed).front().numero == "P2");

    pieces.mark_pending("P1");
    BOOST_TEST(pieces.list(parse_state::pending).front().numero == "P1");
    pieces.mark_parsed("P1", t0 + 20);
    const auto info = pieces.info("P1");
    BOOST_TEST(info->attempts == 2);
    BOOST_TEST(info->parse_error.empty());
    BOOST_TEST((info->state == parse_state::parsed));
    BOOST_TEST(pieces.list(parse_state::pending).empty());
    BOOST_CHECK_EXCEPTION(pieces.mark_parsed("P9", t0), store_error,
                          [](const store_error& e) { return e.code() == error_code::not_found; });
}

STORE_TEST(movement_identity_is_stored_once_and_duplicates_counted) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    put_piece(store, "P1");
    put_piece(store, "P2");
    auto batch = movements_for(rib_a, "m", {"2026-01-02", "2026-01-02", "2026-01-03"});
    auto first = store.movements().insert_batch(batch, t0);
    BOOST_TEST(first.received == 3);
    BOOST_TEST(first.inserted == 3);
    BOOST_TEST(first.duplicates == 0);
    BOOST_TEST(first.quarantined == 3); // no bank link yet
    BOOST_TEST(first.pending == 0);

    auto again = store.movements().insert_batch(batch, t0 + 1);
    BOOST_TEST(again.inserted == 0);
    BOOST_TEST(again.duplicates == 3);

    // Mixed: one new, one already stored, one twice in the same batch; another piece does not matter.
    auto mixed = movements_for(rib_a, "n", {"2026-01-04"}, "P2");
    mixed.push_back(batch[0]);
    mixed.push_back(mixed[0]);
    const auto third = store.movements().insert_batch(mixed, t0 + 2);
    BOOST_TEST(third.received == 3);
    BOOST_TEST(third.inserted == 1);
    BOOST_TEST(third.duplicates == 2);
    BOOST_TEST(store.movements().count_by_state().quarantined == 4);
    const auto found = store.movements().find("m0");
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->data.piece_numero == "P1"); // the first piece it was seen in
    BOOST_TEST(found->stored_at == t0);
    BOOST_TEST(found->data.amount_minor == 100);
    BOOST_TEST(found->data.details == batch[0].details);

    // The same identity in another instance is another movement.
    instance_store other(*db, "instance-b");
    put_piece(other, "P1");
    BOOST_TEST(other.movements().insert_batch(batch, t0).inserted == 3);

    // The statement's RIB is now known to the admin.
    const auto rib = store.dossiers().find_rib(rib_a);
    BOOST_REQUIRE(rib.has_value());
    BOOST_TEST(rib->source == rib_source::statement);
}

STORE_TEST(invalid_movements_are_refused_and_nothing_is_stored) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    put_piece(store, "P1");
    const auto check_refused = [&](const movement& bad, const std::string& field) {
        auto batch = movements_for(rib_a, "ok", {"2026-01-02"});
        batch.push_back(bad);
        try {
            store.movements().insert_batch(batch, t0);
            BOOST_FAIL("expected invalid_argument for " << field);
        } catch (const store_error& error) {
            BOOST_TEST_MESSAGE(error.what());
            BOOST_TEST(error.code() == error_code::invalid_argument);
            BOOST_TEST(std::string(error.what()).find(field) != std::string::npos, field);
        }
        BOOST_TEST(!store.movements().find("ok0").has_value());
    };
    auto bad = make_movement("bad", rib_a, "2026-01-02", 1);
    bad.booking_date = "2026-13-01";
    check_refused(bad, "booking_date");
    bad = make_movement("bad", rib_a, "2026-01-02", 1);
    bad.value_date = "20260102";
    check_refused(bad, "value_date");
    bad = make_movement("bad", "FR76", "2026-01-02", 1);
    check_refused(bad, "rib_key");
    bad = make_movement("bad", rib_a, "2026-01-02", 1);
    bad.label = std::string("caf\xe9", 4); // latin-1, not UTF-8
    check_refused(bad, "label");
    bad = make_movement("bad", rib_a, "2026-01-02", 1);
    bad.details = std::string("a\0b", 3);
    check_refused(bad, "NUL");
    bad = make_movement("", rib_a, "2026-01-02", 1);
    check_refused(bad, "identity");
    bad = make_movement("bad", rib_a, "2026-01-02", 1, "P-unknown");
    check_refused(bad, "P-unknown");
}

STORE_TEST(quarantine_and_release_follow_links_and_activation) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    put_piece(store, "P1");
    auto& movements = store.movements();
    movements.insert_batch(movements_for(rib_a, "a", {"2026-01-05", "2026-01-10", "2026-01-20"}), t0);
    movements.insert_batch(movements_for(rib_b, "b", {"2026-01-05"}), t0);
    auto summary = movements.quarantine_summary();
    BOOST_REQUIRE_EQUAL(summary.size(), 2U);
    BOOST_TEST(summary[0].rib_key == rib_a);
    BOOST_TEST((summary[0].reason == quarantine_reason::no_bank_link));
    BOOST_TEST(summary[0].count == 3);
    BOOST_TEST(summary[0].first_booking_date == "2026-01-05");
    BOOST_TEST(summary[0].last_booking_date == "2026-01-20");

    // A link to an inactive company: still kept, for another reason.
    BOOST_TEST((store.bank_links().set(make_link(rib_a, 1, 10)) == route_change{0, 0}));
    BOOST_TEST((movements.find("a0")->reason == quarantine_reason::company_inactive));

    // Activation from the 10th: two released, the 5th waits.
    BOOST_TEST((store.activations().set(make_activation(1, true, "2026-01-10")) == route_change{2, 0}));
    BOOST_TEST((movements.find("a0")->reason == quarantine_reason::before_deliver_from));
    const auto routes = movements.pending_routes();
    BOOST_REQUIRE_EQUAL(routes.size(), 1U);
    BOOST_TEST((routes[0].route == delivery_route{1, 10}));
    BOOST_TEST(routes[0].pending == 2);

    // New movements are routed as they arrive.
    const auto arrived = movements.insert_batch(movements_for(rib_a, "late", {"2026-01-09", "2026-01-25"}), t0);
    BOOST_TEST(arrived.pending == 1);
    BOOST_TEST(arrived.quarantined == 1);

    // The bank link's own deliver_from counts too (the later date wins).
    BOOST_TEST((store.bank_links().set(make_link(rib_a, 1, 10, "2026-01-21")) == route_change{0, 2}));
    BOOST_TEST(movements.pending_routes().front().pending == 1);
    BOOST_TEST((store.bank_links().set(make_link(rib_a, 1, 10)) == route_change{2, 0}));

    // Deactivation takes back what was not delivered yet; reactivation releases it.
    BOOST_TEST((store.activations().set(make_activation(1, false, "2026-01-10")) == route_change{0, 3}));
    BOOST_TEST(movements.pending_routes().empty());
    BOOST_TEST((store.activations().set(make_activation(1, true)) == route_change{5, 0}));
    BOOST_TEST(movements.count_by_state().pending == 5);

    // Deliver what is pending; delivered movements never move again.
    const auto batch = movements.next_batch({1, 10}, 100);
    BOOST_REQUIRE_EQUAL(batch.size(), 5U);
    BOOST_TEST(movements.mark_delivered({1, 10}, acks_for(batch), t0 + 100) == 5);
    BOOST_TEST((store.bank_links().remove(rib_a, "admin-1", t0) == route_change{0, 0}));
    BOOST_TEST(movements.count_by_state().delivered == 5);
    BOOST_TEST((movements.find("a0")->state == movement_state::delivered));

    // Consistent everywhere: a full re-route changes nothing.
    BOOST_TEST((movements.reroute_all() == route_change{0, 0}));
    BOOST_TEST(movements.count_by_state().quarantined == 1); // rib_b
}

STORE_TEST(delivery_in_batches_by_route) {
    auto db = env.open(7); // small multi-row statements: exercises the multi-row path and the remainders
    instance_store store(*db, "instance-a");
    put_piece(store, "P1");
    store.bank_links().set(make_link(rib_a, 1, 10));
    store.bank_links().set(make_link(rib_b, 2, 20));
    store.activations().set(make_activation(1, true));
    store.activations().set(make_activation(2, true));
    std::vector<std::string> dates;
    for (int i = 0; i < 250; ++i) {
        dates.push_back("2026-0" + std::to_string(1 + (i * 7) % 9) + "-1" + std::to_string(i % 10));
    }
    const auto a = store.movements().insert_batch(movements_for(rib_a, "a", dates), t0);
    BOOST_TEST(a.pending == 250);
    const auto b = store.movements().insert_batch(movements_for(rib_b, "b", {"2026-03-01", "2026-03-02"}), t0);
    BOOST_TEST(b.pending == 2);

    const auto routes = store.movements().pending_routes();
    BOOST_REQUIRE_EQUAL(routes.size(), 2U);
    BOOST_TEST((routes[0].route == delivery_route{1, 10}));
    BOOST_TEST(routes[0].pending == 250);
    BOOST_TEST((routes[1].route == delivery_route{2, 20}));

    std::size_t delivered = 0;
    std::string last_date;
    while (true) {
        const auto batch = store.movements().next_batch({1, 10}, 64);
        if (batch.empty()) {
            break;
        }
        for (const auto& m : batch) {
            BOOST_TEST(m.data.booking_date >= last_date); // booking order
            last_date = m.data.booking_date;
            BOOST_TEST((m.state == movement_state::pending));
            BOOST_TEST((m.route == delivery_route{1, 10}));
        }
        // The host says some were already there (a previous run crashed after delivering).
        auto acks = acks_for(batch);
        acks[0].outcome = delivery_outcome::already_stored;
        BOOST_TEST(store.movements().mark_delivered({1, 10}, acks, t0 + 1) == static_cast<std::int64_t>(batch.size()));
        delivered += batch.size();
    }
    BOOST_TEST(delivered == 250U);
    BOOST_TEST(store.movements().pending_routes().size() == 1U);

    // Acks on the wrong route or for delivered movements are skipped.
    const auto other = store.movements().next_batch({2, 20}, 10);
    BOOST_REQUIRE_EQUAL(other.size(), 2U);
    BOOST_TEST(store.movements().mark_delivered({1, 10}, acks_for(other), t0) == 0);
    BOOST_TEST(store.movements().mark_delivered({2, 20}, acks_for(other), t0 + 5) == 2);
    BOOST_TEST(store.movements().mark_delivered({2, 20}, acks_for(other), t0 + 6) == 0);
    const auto done = store.movements().find("b1");
    BOOST_TEST((done->state == movement_state::delivered));
    BOOST_TEST(done->acknowledged_at.value_or(0) == t0 + 5);
    BOOST_TEST((done->outcome == delivery_outcome::stored));
    BOOST_TEST((store.movements().find("a0")->outcome.has_value()));
    BOOST_TEST(store.movements().count_by_state().delivered == 252);
    BOOST_TEST(store.movements().count_by_state().pending == 0);
}

STORE_TEST(a_transaction_groups_calls_and_rolls_back_together) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    {
        transaction tx(*db);
        put_piece(store, "P1");
        store.movements().insert_batch(movements_for(rib_a, "a", {"2026-01-02"}), t0);
        // no commit: everything goes
    }
    BOOST_TEST(!store.pieces().contains("P1"));
    BOOST_TEST(!store.movements().find("a0").has_value());
    {
        transaction tx(*db);
        put_piece(store, "P1");
        // A nested part fails and its exception is caught: the whole may not commit.
        try {
            store.movements().insert_batch(movements_for(rib_a, "a", {"2026-01-02"}, "P-missing"), t0);
        } catch (const store_error&) {
        }
        BOOST_CHECK_EXCEPTION(tx.commit(), store_error,
                              [](const store_error& e) { return e.code() == error_code::usage; });
    }
    BOOST_TEST(!store.pieces().contains("P1"));
    BOOST_TEST(!db->in_transaction());
    in_transaction(*db, [&] { put_piece(store, "P1"); });
    BOOST_TEST(store.pieces().contains("P1"));
}

STORE_TEST(diagnostics_per_piece) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    put_piece(store, "P1");
    put_piece(store, "P2");
    piece_diagnostic d;
    d.code = "balance_mismatch";
    d.rib_key = rib_a;
    d.statement_date = "2026-01-31";
    d.expected_minor = 150000;
    d.found_minor = 149950;
    d.message = "solde final attendu 1500,00 EUR, calculé 1499,50 EUR";
    store.diagnostics().replace_for_piece("P1", {d, d}, t0);
    store.diagnostics().replace_for_piece("P1", {d}, t0 + 10); // a re-parse replaces
    auto other = d;
    other.severity = diagnostic_severity::error;
    other.code = "unreadable_line";
    other.rib_key.clear();
    other.expected_minor.reset();
    other.found_minor.reset();
    other.message = std::string("ligne 4 illisible: \x80");
    store.diagnostics().replace_for_piece("P2", {other}, t0 + 20);

    const auto p1 = store.diagnostics().for_piece("P1");
    BOOST_REQUIRE_EQUAL(p1.size(), 1U);
    BOOST_TEST(p1[0].expected_minor.value_or(0) == 150000);
    BOOST_TEST(p1[0].found_minor.value_or(0) == 149950);
    BOOST_TEST(p1[0].message == d.message);
    BOOST_TEST(p1[0].recorded_at == t0 + 10);
    const auto recent = store.diagnostics().recent(10);
    BOOST_REQUIRE_EQUAL(recent.size(), 2U);
    BOOST_TEST(recent[0].numero == "P2");
    BOOST_TEST((recent[0].severity == diagnostic_severity::error));
    BOOST_TEST(!recent[0].expected_minor.has_value());
    BOOST_TEST(recent[0].message == "ligne 4 illisible: \xEF\xBF\xBD");
    BOOST_TEST(store.diagnostics().count_since(t0 + 15) == 1);
    BOOST_TEST(store.diagnostics().count_since(t0) == 2);
}

STORE_TEST(states_for_the_admin) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    auto& states = store.states();
    BOOST_TEST(!states.instance().has_value());
    states.set_instance_state(health_state::non_configure, "Aucune configuration", t0);
    BOOST_TEST((states.instance()->state == health_state::non_configure));
    BOOST_TEST(!states.instance()->last_run_at.has_value());
    states.record_instance_run(health_state::ok, "", t0 + 10);
    states.record_instance_run(health_state::erreur_reseau, "Délai dépassé", t0 + 20);
    auto now_state = states.instance();
    BOOST_TEST((now_state->state == health_state::erreur_reseau));
    BOOST_TEST(now_state->message == "Délai dépassé");
    BOOST_TEST(now_state->last_success_at.value_or(0) == t0 + 10);
    BOOST_TEST(now_state->last_run_at.value_or(0) == t0 + 20);
    BOOST_TEST(now_state->updated_at == t0 + 20);

    states.record_company_run(2, health_state::ok, "", t0 + 30);
    states.record_company_run(1, health_state::piece_illisible, "Pièce 7 illisible", t0 + 30);
    states.set_company_state(1, health_state::ok, "", t0 + 40);
    const auto companies = states.companies();
    BOOST_REQUIRE_EQUAL(companies.size(), 2U);
    BOOST_TEST(companies[0].company_id == 1);
    BOOST_TEST((companies[0].status.state == health_state::ok));
    BOOST_TEST(!companies[0].status.last_success_at.has_value());
    BOOST_TEST(companies[0].status.last_run_at.value_or(0) == t0 + 30);
    BOOST_TEST(companies[1].status.last_success_at.value_or(0) == t0 + 30);
    BOOST_TEST(states.company(2).has_value());
    BOOST_TEST(!states.company(3).has_value());
    for (const auto state : {health_state::ok, health_state::non_configure, health_state::identifiants_refuses,
                             health_state::procedure_non_souscrite, health_state::compte_inconnu,
                             health_state::erreur_reseau, health_state::erreur_certificat,
                             health_state::piece_illisible}) {
        BOOST_TEST((parse_health_state(to_string(state)) == state));
        states.set_company_state(9, state, "", t0);
        BOOST_TEST((states.company(9)->state == state));
    }
}

STORE_TEST(run_reports) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    auto& runs = store.runs();
    const auto first = runs.begin(run_trigger::scheduler, "", t0);
    const auto second = runs.begin(run_trigger::manual, "admin-1", t0 + 100);
    BOOST_TEST(second > first);
    BOOST_TEST(!runs.last_finished().has_value());
    runs.finish(first, t0 + 50, health_state::ok, R"({"pieces":{"listed":3}})");
    const auto found = runs.find(first);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->finished_at.value_or(0) == t0 + 50);
    BOOST_TEST((found->state == health_state::ok));
    BOOST_TEST(found->report_json == R"({"pieces":{"listed":3}})");
    BOOST_TEST(!runs.find(second)->finished_at.has_value());
    BOOST_TEST(runs.latest(10).front().run_id == second);
    BOOST_TEST((runs.latest(10).front().trigger == run_trigger::manual));
    BOOST_TEST(runs.last_finished()->run_id == first);
    BOOST_CHECK_EXCEPTION(runs.finish(9999, t0, health_state::ok, "{}"), store_error,
                          [](const store_error& e) { return e.code() == error_code::not_found; });
    for (int i = 0; i < 5; ++i) {
        runs.begin(run_trigger::scheduler, "", t0 + 200 + i);
    }
    BOOST_TEST(runs.prune(3) == 4);
    BOOST_TEST(runs.latest(100).size() == 3U);
    BOOST_TEST(runs.prune(3) == 0);
}

STORE_TEST(a_link_made_during_an_insert_still_routes_its_movements) {
    // Node A inserts movements of an unlinked RIB in an open transaction; meanwhile node B links the RIB.
    // B waits for A (routing lock), then re-routes, so A's movements end up pending, never stuck in quarantine.
    auto node_a = env.open();
    auto node_b = env.open();
    instance_store a(*node_a, "instance-a");
    instance_store b(*node_b, "instance-a");
    put_piece(a, "P1");
    b.activations().set(make_activation(1, true));
    route_change change;
    std::exception_ptr failure;
    {
        transaction tx(*node_a);
        const auto outcome = a.movements().insert_batch(movements_for(rib_a, "a", {"2026-01-02", "2026-01-03"}), t0);
        BOOST_TEST(outcome.quarantined == 2);
        std::thread linker([&] {
            try {
                change = b.bank_links().set(make_link(rib_a, 1, 10));
            } catch (...) {
                failure = std::current_exception();
            }
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(300)); // let B reach the lock (not required)
        tx.commit();
        linker.join();
    }
    BOOST_REQUIRE(!failure);
    BOOST_TEST(change.released == 2);
    BOOST_TEST(a.movements().count_by_state().pending == 2);
    BOOST_TEST(check_integrity(*node_a).ok);
}
