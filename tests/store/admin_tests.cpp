// What the admin flow remembers: configuration, dossiers and RIBs, company links, activation, bank links, audit.
#include "store_test_env.hpp"
#include "test_data.hpp"

#include "store/error.hpp"
#include "store/instance_store.hpp"
#include "store/transaction.hpp"

using namespace jd::store;
using namespace store_test;

namespace {

instance_config sample_config() {
    instance_config c;
    c.login = "cabinet@jedeclare.com";
    c.gestion_account_id = "4242";
    c.editeur = "Editeur";
    c.logiciel = "Logiciel";
    c.version = "1.0";
    c.soap_url = "https://127.0.0.1:8443/webservices/wspid_spring/CommunicationV2Service/";
    c.gestion_url = "https://127.0.0.1:8443/webservice/gestion/";
    c.ca_bundle = "/etc/ssl/ca.pem";
    c.password_ref = "jedeclare/instance-a/password";
    c.updated_at = t0;
    c.updated_by = "admin-1";
    return c;
}

template <typename Work>
link_conflict conflict_of(Work&& work) {
    try {
        work();
    } catch (const link_conflict& conflict) {
        BOOST_TEST_MESSAGE("link_conflict: " << conflict.what());
        return conflict;
    }
    BOOST_FAIL("expected a link_conflict");
    throw std::logic_error("unreachable");
}

} // namespace

STORE_TEST(configuration_round_trip_and_audit) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    BOOST_TEST(!store.config().get().has_value());

    const auto config = sample_config();
    BOOST_TEST(store.config().save(config) == 9);
    auto read = store.config().get();
    BOOST_REQUIRE(read.has_value());
    BOOST_TEST(read->login == config.login);
    BOOST_TEST(read->gestion_account_id == config.gestion_account_id);
    BOOST_TEST(read->soap_url == config.soap_url);
    BOOST_TEST(read->ca_bundle == config.ca_bundle);
    BOOST_TEST(read->password_ref == config.password_ref);
    BOOST_TEST(read->updated_at == config.updated_at);
    BOOST_TEST(read->updated_by == config.updated_by);

    BOOST_TEST(store.config().save(config) == 0); // nothing changed: no audit event
    auto changed = config;
    changed.login = "autre@jedeclare.com";
    changed.updated_by = "admin-2";
    changed.updated_at = t0 + 1000;
    BOOST_TEST(store.config().save(changed) == 1);
    BOOST_TEST(store.config().get()->login == "autre@jedeclare.com");

    const auto events = store.audit().list();
    BOOST_REQUIRE_EQUAL(events.size(), 2U);
    BOOST_TEST(events[0].action == "config.saved");
    BOOST_TEST(events[0].actor == "admin-2");
    BOOST_TEST(events[0].at == t0 + 1000);
    BOOST_TEST(events[0].details == R"({"changed":{"login":"autre@jedeclare.com"}})");
    BOOST_TEST(events[1].details.find("\"password_ref\":\"jedeclare/instance-a/password\"") != std::string::npos);

    // Another instance in the same database sees nothing of it.
    instance_store other(*db, "instance-b");
    BOOST_TEST(!other.config().get().has_value());
    BOOST_TEST(other.audit().list().empty());

    BOOST_TEST(store.config().remove("admin-1", t0 + 2000));
    BOOST_TEST(!store.config().get().has_value());
    BOOST_TEST(!store.config().remove("admin-1", t0 + 3000));
    BOOST_TEST(store.audit().list().front().action == "config.removed");
}

STORE_TEST(dossiers_are_upserted_and_renames_recorded) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    std::vector<remote_dossier> listing{{"D1", "ALPHA SARL", "123456789", "00012", 0, 0},
                                        {"D2", "BETA SAS", "987654321", "00034", 0, 0}};
    BOOST_TEST(store.dossiers().record_dossiers(listing, t0) == 2);
    listing[0].rs = "ALPHA ET FILS SARL";
    BOOST_TEST(store.dossiers().record_dossiers(listing, t0 + 5000) == 0);
    const auto d1 = store.dossiers().find_dossier("D1");
    BOOST_REQUIRE(d1.has_value());
    BOOST_TEST(d1->rs == "ALPHA ET FILS SARL");
    BOOST_TEST(d1->first_seen_at == t0);
    BOOST_TEST(d1->last_seen_at == t0 + 5000);
    BOOST_TEST(store.dossiers().list_dossiers().size() == 2U);
    BOOST_TEST(!store.dossiers().find_dossier("D3").has_value());
    // An older listing never moves last_seen_at back.
    BOOST_TEST(store.dossiers().record_dossiers({listing[0]}, t0 + 1) == 0);
    BOOST_TEST(store.dossiers().find_dossier("D1")->last_seen_at == t0 + 5000);
}

STORE_TEST(ribs_from_gestion_win_over_statements) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    auto& ribs = store.dossiers();
    remote_rib seen_in_statement;
    seen_in_statement.rib_key = rib_a;
    seen_in_statement.source = rib_source::statement;
    BOOST_TEST(ribs.record_ribs({seen_in_statement}, t0) == 1);
    BOOST_TEST(!ribs.find_rib(rib_a)->dossier_id.has_value());

    remote_rib from_gestion;
    from_gestion.rib_key = rib_a;
    from_gestion.dossier_id = "D1";
    from_gestion.iban = "FR7630004000010001234567897";
    from_gestion.label = "Compte courant";
    from_gestion.source = rib_source::gestion;
    BOOST_TEST(ribs.record_ribs({from_gestion}, t0 + 10) == 0);
    auto a = ribs.find_rib(rib_a);
    BOOST_REQUIRE(a.has_value());
    BOOST_TEST(a->source == rib_source::gestion);
    BOOST_TEST(a->dossier_id.value_or("") == "D1");
    BOOST_TEST(a->iban == from_gestion.iban);
    BOOST_TEST(a->first_seen_at == t0);
    BOOST_TEST(a->last_seen_at == t0 + 10);

    // Seen again in a statement: only last_seen_at moves.
    BOOST_TEST(ribs.record_ribs({seen_in_statement}, t0 + 20) == 0);
    a = ribs.find_rib(rib_a);
    BOOST_TEST(a->source == rib_source::gestion);
    BOOST_TEST(a->dossier_id.value_or("") == "D1");
    BOOST_TEST(a->label == "Compte courant");
    BOOST_TEST(a->last_seen_at == t0 + 20);

    from_gestion.rib_key = rib_b;
    BOOST_TEST(ribs.record_ribs({from_gestion}, t0) == 1);
    BOOST_TEST(ribs.list_ribs().size() == 2U);
    BOOST_TEST(ribs.list_ribs_of_dossier("D1").size() == 2U);
    BOOST_TEST(ribs.list_ribs_of_dossier("D9").empty());

    remote_rib bad = seen_in_statement;
    bad.rib_key = "3000400001";
    BOOST_CHECK_EXCEPTION(ribs.record_ribs({bad}, t0), store_error,
                          [](const store_error& e) { return e.code() == error_code::invalid_argument; });
    bad.rib_key = "30004000010001234567x"; // lower case
    BOOST_CHECK_EXCEPTION(ribs.record_ribs({bad}, t0), store_error,
                          [](const store_error& e) { return e.code() == error_code::invalid_argument; });
}

STORE_TEST(company_links_are_one_to_one) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    auto& links = store.links();
    BOOST_TEST(links.link({"D1", 12, link_kind::exact, "", t0}));
    BOOST_TEST(!links.link({"D1", 12, link_kind::exact, "", t0 + 1})); // same link: nothing to do
    BOOST_TEST(links.find_by_company(12)->dossier_id == "D1");
    BOOST_TEST(links.find_by_dossier("D1")->company_id == 12);

    auto conflict = conflict_of([&] { links.link({"D1", 13, link_kind::confirmed, "admin-1", t0}); });
    BOOST_TEST(conflict.kind() == conflict_kind::dossier_already_linked);
    BOOST_TEST(conflict.existing().company_id == 12);
    BOOST_TEST(conflict.code() == error_code::conflict);

    conflict = conflict_of([&] { links.link({"D2", 12, link_kind::confirmed, "admin-1", t0}); });
    BOOST_TEST(conflict.kind() == conflict_kind::company_already_linked);
    BOOST_TEST(conflict.existing().dossier_id == "D1");

    // exact → confirmed; a confirmed link is never downgraded.
    BOOST_TEST(links.link({"D1", 12, link_kind::confirmed, "admin-1", t0 + 2}));
    BOOST_TEST((links.find_by_dossier("D1")->kind == link_kind::confirmed));
    BOOST_TEST(!links.link({"D1", 12, link_kind::exact, "", t0 + 3}));
    BOOST_TEST((links.find_by_dossier("D1")->kind == link_kind::confirmed));
    BOOST_TEST(links.find_by_dossier("D1")->linked_by == "admin-1");

    // A confirmed link holds after the dossier is renamed.
    store.dossiers().record_dossiers({{"D1", "ANCIEN NOM", "123456789", "00012", 0, 0}}, t0);
    store.dossiers().record_dossiers({{"D1", "NOUVEAU NOM", "123456789", "00012", 0, 0}}, t0 + 10);
    BOOST_TEST(links.find_by_dossier("D1")->company_id == 12);

    BOOST_TEST(links.unlink_dossier("D1", "admin-1", t0 + 20));
    BOOST_TEST(!links.unlink_dossier("D1", "admin-1", t0 + 21));
    BOOST_TEST(links.list().empty());
    BOOST_TEST(links.link({"D2", 12, link_kind::confirmed, "admin-1", t0 + 30}));

    audit_query query;
    query.action_prefix = "company_link.";
    const auto events = store.audit().list(query);
    BOOST_REQUIRE_EQUAL(events.size(), 4U);
    BOOST_TEST(events[0].action == "company_link.linked");
    BOOST_TEST(events[1].action == "company_link.unlinked");
    BOOST_TEST(events[1].details == R"({"dossier_id":"D1","company_id":12,"kind":"confirmed"})");
    BOOST_TEST(events[3].subject == "dossier:D1");
}

STORE_TEST(bank_links_refuse_a_rib_twice_and_an_account_twice) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    auto& links = store.bank_links();
    links.set(make_link(rib_a, 1, 10));
    // Same link again: fine (deliver_from may change).
    links.set(make_link(rib_a, 1, 10, "2026-02-01"));
    BOOST_TEST(links.find(rib_a)->deliver_from.value_or("") == "2026-02-01");

    auto conflict = conflict_of([&] { links.set(make_link(rib_a, 1, 11)); });
    BOOST_TEST(conflict.kind() == conflict_kind::rib_already_linked);
    BOOST_TEST(conflict.existing().bank_account_id == 10);
    BOOST_TEST(std::string(conflict.what()).find(rib_a) != std::string::npos);

    conflict = conflict_of([&] { links.set(make_link(rib_b, 1, 10)); });
    BOOST_TEST(conflict.kind() == conflict_kind::bank_account_already_linked);
    BOOST_TEST(conflict.existing().rib_key == rib_a);

    // The database says the same even when the check is bypassed (two writers racing).
    BOOST_CHECK_THROW(env.raw()->exec("INSERT INTO bank_link (instance_id, rib_key, company_id, bank_account_id,"
                                      " linked_by, linked_at) VALUES ('instance-a', '" + rib_b + "', 1, 10, 'x', 0)"),
                      std::runtime_error);

    links.set(make_link(rib_b, 2, 20));
    BOOST_TEST(links.list().size() == 2U);
    BOOST_TEST(links.list_for_company(2).size() == 1U);
    BOOST_TEST(links.find_by_bank_account(20)->rib_key == rib_b);
    links.remove(rib_a, "admin-1", t0);
    BOOST_TEST(!links.find(rib_a).has_value());
    links.set(make_link(rib_a, 1, 11)); // after unlinking, the RIB may go elsewhere

    BOOST_CHECK_EXCEPTION(links.set(make_link(rib_c, 3, 30, "2026-02-30")), store_error,
                          [](const store_error& e) { return e.code() == error_code::invalid_argument; });

    audit_query query;
    query.action_prefix = "bank_link.";
    const auto events = store.audit().list(query);
    BOOST_REQUIRE_EQUAL(events.size(), 5U);
    BOOST_TEST(events[1].action == "bank_link.unlinked");
    BOOST_TEST(events[1].subject == "rib:" + rib_a);
}

STORE_TEST(activation_is_recorded_and_audited) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    BOOST_TEST(!store.activations().find(1).has_value());
    store.activations().set(make_activation(1, true, "2026-01-15"));
    store.activations().set(make_activation(2, false));
    auto one = store.activations().find(1);
    BOOST_REQUIRE(one.has_value());
    BOOST_TEST(one->active);
    BOOST_TEST(one->deliver_from.value_or("") == "2026-01-15");
    BOOST_TEST(one->changed_by == "admin-1");
    BOOST_TEST(store.activations().list().size() == 2U);
    store.activations().set(make_activation(1, false, "2026-01-15"));
    BOOST_TEST(!store.activations().find(1)->active);
    const auto events = store.audit().list({std::nullopt, std::nullopt, std::nullopt, "activation.", 10});
    BOOST_REQUIRE_EQUAL(events.size(), 3U);
    BOOST_TEST(events[0].details ==
               R"({"company_id":1,"active":false,"deliver_from":"2026-01-15","previous_active":true,)"
               R"("previous_deliver_from":"2026-01-15"})");
    BOOST_CHECK_EXCEPTION(store.activations().set(make_activation(3, true, "15/01/2026")), store_error,
                          [](const store_error& e) { return e.code() == error_code::invalid_argument; });
}

STORE_TEST(audit_trail_is_append_only_and_queryable) {
    auto db = env.open();
    instance_store store(*db, "instance-a");
    for (int i = 0; i < 5; ++i) {
        store.audit().append({0, t0 + i, "admin-1", i % 2 == 0 ? "sync.manual" : "connection.tested",
                              "instance:instance-a", ""});
    }
    auto all = store.audit().list();
    BOOST_REQUIRE_EQUAL(all.size(), 5U);
    BOOST_TEST(all[0].at == t0 + 4);
    BOOST_TEST(all[0].details == "{}");
    audit_query query;
    query.since = t0 + 1;
    query.until = t0 + 4;
    BOOST_TEST(store.audit().list(query).size() == 3U);
    query = {};
    query.action_prefix = "sync.";
    BOOST_TEST(store.audit().list(query).size() == 3U);
    query = {};
    query.limit = 2;
    const auto page1 = store.audit().list(query);
    query.before_id = page1.back().event_id;
    const auto page2 = store.audit().list(query);
    BOOST_REQUIRE_EQUAL(page2.size(), 2U);
    BOOST_TEST(page2[0].event_id < page1[1].event_id);

    auto raw = env.raw();
    BOOST_CHECK_THROW(raw->exec("UPDATE audit_event SET actor = 'someone else'"), std::runtime_error);
    BOOST_CHECK_THROW(raw->exec("DELETE FROM audit_event"), std::runtime_error);
    BOOST_TEST(store.audit().list().size() == 5U);
}
