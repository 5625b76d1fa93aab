#include <boost/test/unit_test.hpp>

#include "refhost_fixture.hpp"

#include "refhost/host_table.hpp"

#include "host_sdk/host.hpp"

BOOST_AUTO_TEST_SUITE(rights)

using refhost_test::host_fixture;

BOOST_FIXTURE_TEST_CASE(rights_are_checked_through_the_host_table, host_fixture) {
    seed_example();
    refhost::host_table table(services, "refhost_fake", "fake-1");
    const host_sdk::host host(table.api());

    BOOST_TEST(host.has_right("admin", HS_RIGHT_PLATFORM_CONFIGURATION));
    BOOST_TEST(host.has_right("admin", HS_RIGHT_PLATFORM_ADMINISTRATION));
    BOOST_TEST(host.has_right("admin", HS_RIGHT_COMPANY_ACCOUNTING_SETTINGS, 1));
    // A company right is held per company, and a platform right does not imply it.
    BOOST_TEST(!host.has_right("admin", HS_RIGHT_COMPANY_ACCOUNTING_SETTINGS, 2));
    BOOST_TEST(!host.has_right("admin", HS_RIGHT_COMPANY_ACCOUNTING_SETTINGS));
    BOOST_TEST(!host.has_right("admin", HS_RIGHT_PLATFORM_CONFIGURATION, 1));

    BOOST_TEST(host.has_right("clerk", HS_RIGHT_PLATFORM_CONFIGURATION));
    BOOST_TEST(!host.has_right("clerk", HS_RIGHT_PLATFORM_ADMINISTRATION));
    BOOST_TEST(!host.has_right("nobody", HS_RIGHT_PLATFORM_CONFIGURATION));
    // The scheduler (empty user) holds no right.
    BOOST_TEST(!host.has_right("", HS_RIGHT_PLATFORM_CONFIGURATION));
}

BOOST_FIXTURE_TEST_CASE(bad_arguments_get_a_status_not_a_crash, host_fixture) {
    refhost::host_table table(services, "", "");
    const auto* api = table.api();
    int allowed = 7;
    hs_error err{};
    BOOST_TEST(api->check_permission(api->ctx, nullptr, "x", 0, &allowed, &err) == HS_E_INVALID_ARGUMENT);
    BOOST_TEST(api->check_permission(api->ctx, "admin", "x", -1, &allowed, &err) == HS_E_INVALID_ARGUMENT);
    BOOST_TEST(api->check_permission(api->ctx, "admin", "x", 0, nullptr, &err) == HS_E_INVALID_ARGUMENT);
    BOOST_TEST(api->check_permission(api->ctx, "admin", "x", 0, &allowed, &err) == HS_OK);
    BOOST_TEST(allowed == 0);
}

BOOST_FIXTURE_TEST_CASE(companies_are_served_as_the_sdk_reads_them, host_fixture) {
    seed_example();
    refhost::host_table table(services, "", "");
    const host_sdk::host host(table.api());
    const auto company = host.get_company(2);
    BOOST_REQUIRE(company.has_value());
    BOOST_TEST(company->legal_name == "SAS DU MOULIN");
    BOOST_REQUIRE(company->bank_accounts.size() == 2U);
    BOOST_TEST(company->bank_accounts[1].id == 202);
    BOOST_TEST(!host.get_company(99).has_value());

    BOOST_TEST(host.find_companies_by_legal_name("SARL L'ÉTOILE").size() == 1U);
    BOOST_TEST(host.find_companies_by_legal_name("sarl l'étoile").empty()); // exact, byte for byte

    const auto page = host.list_companies(1, 5);
    BOOST_TEST(page.total == 2);
    BOOST_REQUIRE(page.companies.size() == 1U);
    BOOST_TEST(page.companies[0].id == 2);
    BOOST_TEST(host.all_companies(1).size() == 2U);
}

BOOST_FIXTURE_TEST_CASE(per_instance_services_are_refused_on_the_loader_table, host_fixture) {
    refhost::host_table table(services, "", "");
    const host_sdk::host host(table.api());
    BOOST_CHECK_THROW(host.secret_put("k", "v"), host_sdk::error);
    BOOST_CHECK_THROW((void)host.data_directory(), host_sdk::error);

    refhost::host_table instance_table(services, "refhost_fake", "fake-1");
    const host_sdk::host instance_host(instance_table.api());
    const auto plugin_directory = instance_host.data_directory();
    BOOST_TEST(plugin_directory == home.plugins_data() / "fake-1");
    BOOST_TEST(std::filesystem::is_directory(plugin_directory));
    BOOST_TEST(instance_host.now_ms() == time.now_ms());
}

BOOST_AUTO_TEST_SUITE_END()
