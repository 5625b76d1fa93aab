#include <boost/test/unit_test.hpp>

#include "refhost_fixture.hpp"

#include "refhost/companies.hpp"
#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/users.hpp"

BOOST_AUTO_TEST_SUITE(seed)

using namespace refhost;
using refhost_test::host_fixture;

namespace {

std::string seed_error(const std::string& text) {
    try {
        (void)parse_seed(text, "seed.json");
    } catch (const failure& e) {
        BOOST_TEST(e.status() == HS_E_INVALID_ARGUMENT);
        return e.what();
    }
    BOOST_FAIL("the seed was accepted");
    return {};
}

} // namespace

BOOST_FIXTURE_TEST_CASE(seeding_twice_changes_nothing, host_fixture) {
    const auto first = apply_seed(*db, parse_seed(refhost_test::example_seed(), "example.json"));
    BOOST_TEST(first.users_created == 2U);
    BOOST_TEST(first.companies_created == 2U);
    BOOST_TEST(first.bank_accounts_created == 3U);
    BOOST_TEST(first.users_updated == 0U);

    const auto snapshot = [&] {
        return db->with_session([](Poco::Data::Session& session) {
            std::ostringstream text;
            for (const auto& company : companies::list(session, 0, 100))
                text << boost::json::serialize(boost::json::value_from(company)) << '\n';
            for (const auto& user : users::list(session)) {
                text << user.id << '|' << user.display_name;
                for (const auto& right : user.platform_rights) text << '|' << right;
                for (const auto& right : user.company_rights) text << '|' << right.right << '@' << right.company_id;
                text << '\n';
            }
            return text.str();
        });
    };
    const auto before = snapshot();
    const auto second = apply_seed(*db, parse_seed(refhost_test::example_seed(), "example.json"));
    BOOST_TEST(second.users_created == 0U);
    BOOST_TEST(second.users_updated == 2U);
    BOOST_TEST(second.companies_created == 0U);
    BOOST_TEST(second.companies_updated == 2U);
    BOOST_TEST(second.bank_accounts_created == 0U);
    BOOST_TEST(snapshot() == before);
}

BOOST_FIXTURE_TEST_CASE(an_upsert_replaces_fields_and_rights_by_id, host_fixture) {
    seed_example();
    apply_seed(*db, parse_seed(R"({"users":[{"id":"admin","display_name":"Alice A.","rights":["platform.configuration"]}],
        "companies":[{"id":1,"legal_name":"SARL L'ETOILE NOUVELLE","siren":"123456782","siret":"",
                      "bank_accounts":[{"id":101,"label":"Courant","iban":"FR76X","journal_code":"BQ9"}]}]})",
                               "update.json"));
    db->with_session([](Poco::Data::Session& session) {
        const auto company = companies::get(session, 1);
        BOOST_REQUIRE(company.has_value());
        BOOST_TEST(company->legal_name == "SARL L'ETOILE NOUVELLE");
        BOOST_TEST(company->siret == "");
        BOOST_REQUIRE(company->bank_accounts.size() == 1U);
        BOOST_TEST(company->bank_accounts[0].journal_code == "BQ9");
        BOOST_TEST(users::has_right(session, "admin", "platform.configuration", 0));
        BOOST_TEST(!users::has_right(session, "admin", "platform.administration", 0));
        BOOST_TEST(!users::has_right(session, "admin", "company.accounting_settings", 1));
        BOOST_TEST(companies::count(session) == 2);
    });
}

BOOST_AUTO_TEST_CASE(a_bad_field_is_named_by_its_json_path) {
    set_language(language::en);
    BOOST_TEST(seed_error(R"({"companies":[{"id":1,"legal_name":"A"},{"id":"2","legal_name":"B"}]})")
                   .find("$.companies[1].id") != std::string::npos);
    BOOST_TEST(seed_error(R"({"companies":[{"id":1,"legal_name":"A","bank_accounts":[{"id":5}]}]})")
                   .find("$.companies[0].bank_accounts[0].iban") != std::string::npos);
    BOOST_TEST(seed_error(R"({"companies":[{"id":1,"legal_name":"A","siren":"12345"}]})")
                   .find("$.companies[0].siren") != std::string::npos);
    BOOST_TEST(seed_error(R"({"users":[{"id":"u","rights":["ok",3]}]})").find("$.users[0].rights[1]") != std::string::npos);
    BOOST_TEST(seed_error(R"({"users":[{"id":"u","company_rights":[{"right":"x"}]}]})")
                   .find("$.users[0].company_rights[0].company_id") != std::string::npos);
    BOOST_TEST(seed_error(R"({"companies":[{"id":1,"legal_name":"A"},{"id":1,"legal_name":"B"}]})")
                   .find("$.companies[1].id") != std::string::npos);
    BOOST_TEST(seed_error(R"([1,2])").find("seed.json : $") != std::string::npos);
    set_language(language::fr);
}

BOOST_AUTO_TEST_CASE(malformed_json_names_line_and_column) {
    set_language(language::en);
    const auto message = seed_error("{\n  \"users\": [\n    {\"id\": \"a\",}\n  ]\n}");
    BOOST_TEST(message.find("seed.json, line 3") != std::string::npos);
    set_language(language::fr);
}

BOOST_AUTO_TEST_CASE(unknown_members_are_reported_not_fatal) {
    const auto data = parse_seed(R"({"users":[{"id":"u","email":"u@example.com"}],"version":2})", "seed.json");
    BOOST_REQUIRE(data.ignored.size() == 2U);
    BOOST_TEST(data.ignored[0] == "$.users[0].email");
    BOOST_TEST(data.ignored[1] == "$.version");
}

BOOST_FIXTURE_TEST_CASE(a_company_right_on_an_unknown_company_is_refused_and_nothing_is_stored, host_fixture) {
    const auto data = parse_seed(R"({"companies":[{"id":1,"legal_name":"A"}],
        "users":[{"id":"u","company_rights":[{"company_id":9,"right":"company.accounting_settings"}]}]})", "seed.json");
    BOOST_CHECK_THROW(apply_seed(*db, data), failure);
    db->with_session([](Poco::Data::Session& session) {
        BOOST_TEST(companies::count(session) == 0);
        BOOST_TEST(!users::exists(session, "u"));
    });
}

BOOST_AUTO_TEST_SUITE_END()
