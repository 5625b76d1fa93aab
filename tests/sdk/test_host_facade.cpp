// The C++ faces in-process, without any shared library: host_sdk::host over a fake host table, the
// company JSON, and the provider adapter (trampolines, firewall, entry checks) called directly.
#define BOOST_TEST_MODULE sdk_host_facade
#include <boost/test/unit_test.hpp>

#include "fake_host.hpp"

#include <host_sdk/host.hpp>
#include <host_sdk/provider.hpp>

#include <stdexcept>

namespace json = boost::json;
using sdk_test::fake_host;

namespace {

// Runs `body` and returns the host_sdk::error it throws as "status: message".
template <class Body>
std::string error_of(Body&& body) {
    try {
        body();
    } catch (const host_sdk::error& e) {
        return std::string(host_sdk::status_name(e.status())) + ": " + e.what();
    }
    return "no error";
}

} // namespace

BOOST_AUTO_TEST_CASE(rights_and_companies) {
    fake_host fake;
    const host_sdk::host host(&fake.api);
    BOOST_TEST(host.name() == "fake-host 0.1");
    BOOST_TEST(host.has_right("admin", HS_RIGHT_PLATFORM_CONFIGURATION));
    BOOST_TEST(!host.has_right("bob", HS_RIGHT_PLATFORM_CONFIGURATION));
    BOOST_TEST(host.has_right("admin", HS_RIGHT_COMPANY_ACCOUNTING_SETTINGS, 1));
    BOOST_TEST(!host.has_right("admin", HS_RIGHT_COMPANY_ACCOUNTING_SETTINGS, 2));

    const auto company = host.get_company(1);
    BOOST_REQUIRE(company.has_value());
    BOOST_TEST(company->legal_name == "SARL L'ÉTOILE");
    BOOST_TEST(company->siret == "12345678200011");
    BOOST_REQUIRE(company->bank_accounts.size() == 1u);
    BOOST_TEST(company->bank_accounts[0].id == 101);
    BOOST_TEST(company->bank_accounts[0].journal_code == "BQ1");
    BOOST_TEST(!host.get_company(42).has_value());
    BOOST_TEST(error_of([&] { (void)host.get_company(-3); }) ==
               "invalid_argument: identifiant de société invalide : -3");

    BOOST_TEST(host.find_companies_by_legal_name("SARL L'ÉTOILE").size() == 2u);
    BOOST_TEST(host.find_companies_by_legal_name("sarl l'étoile").empty());

    const auto page = host.list_companies(1, 2);
    BOOST_TEST(page.total == 5);
    BOOST_REQUIRE(page.companies.size() == 2u);
    BOOST_TEST(page.companies[0].id == 2);
    std::vector<std::int64_t> ids;
    host.for_each_company([&](const host_sdk::company& c) { ids.push_back(c.id); }, 2);
    BOOST_TEST(ids == (std::vector<std::int64_t>{1, 2, 3, 4, 5}), boost::test_tools::per_element());
    BOOST_TEST(host.all_companies(1).size() == 5u);
}

BOOST_AUTO_TEST_CASE(deliveries_are_idempotent_per_key) {
    fake_host fake;
    const host_sdk::host host(&fake.api);
    std::vector<host_sdk::movement> movements(2);
    movements[0].idempotency_key = "k1";
    movements[0].booking_date = "2026-01-05";
    movements[0].amount_minor = -1205;
    movements[1].idempotency_key = "k2";
    movements[1].booking_date = "2026-01-06";
    movements[1].amount_minor = 99;
    const auto first = host.deliver(1, 101, "jedeclare-1", std::span<const host_sdk::movement>(movements));
    BOOST_TEST(first == (std::vector<std::uint8_t>{HS_MOVEMENT_STORED, HS_MOVEMENT_STORED}),
               boost::test_tools::per_element());
    const auto second = host.deliver(1, 101, "jedeclare-1", std::span<const host_sdk::movement>(movements));
    BOOST_TEST(second == (std::vector<std::uint8_t>{HS_MOVEMENT_ALREADY_STORED, HS_MOVEMENT_ALREADY_STORED}),
               boost::test_tools::per_element());
    BOOST_TEST(fake.ledger.size() == 2u);
    BOOST_TEST(fake.ledger.at("k1").amount_minor == -1205);
    BOOST_TEST(fake.ledger.at("k1").source == "jedeclare-1");
    BOOST_TEST(error_of([&] {
                   (void)host.deliver(77, 1, "x", std::span<const host_sdk::movement>(movements));
               }) == "not_found: société inconnue");
    BOOST_TEST(host.deliver(1, 101, "x", std::span<const hs_movement_v1>()).empty());
}

BOOST_AUTO_TEST_CASE(secrets_logs_progress_clock_directory) {
    fake_host fake;
    const host_sdk::host host(&fake.api);
    const std::string binary("a\0b\xff", 4);
    host.secret_put("k", binary);
    BOOST_TEST(host.secret_get("k").value() == binary);
    host.secret_erase("k");
    BOOST_TEST(!host.secret_get("k").has_value());
    host.secret_erase("k"); // absent: fine

    host.log(HS_LOG_WARNING, "sync", "piece_skipped", {{"piece", 12}});
    host.log(HS_LOG_DEBUG, "sync", "bare");
    BOOST_REQUIRE(fake.logs.size() == 2u);
    BOOST_TEST(fake.logs[0].level == HS_LOG_WARNING);
    BOOST_TEST(fake.logs[0].fields == R"({"piece":12})");
    BOOST_TEST(fake.logs[1].fields.empty());

    host.progress("op-7", "download", 3, 10);
    BOOST_REQUIRE(fake.progress_events.size() == 1u);
    BOOST_TEST(fake.progress_events[0].phase == "download");
    BOOST_TEST(fake.progress_events[0].total == 10u);

    BOOST_TEST(host.now_ms() == fake.clock_ms);
    BOOST_TEST(host.data_directory() == std::filesystem::path("/tmp/fake-host-data"));
}

BOOST_AUTO_TEST_CASE(services_beyond_the_hosts_table_are_not_implemented) {
    fake_host fake;
    // An older host whose table stops before the secret store.
    fake.api.header.struct_size = static_cast<std::uint32_t>(offsetof(hs_host_api_v1, secret_put));
    const host_sdk::host host(&fake.api);
    BOOST_TEST(host.has_right("admin", HS_RIGHT_PLATFORM_CONFIGURATION)); // still inside
    BOOST_TEST(error_of([&] { host.secret_put("k", "v"); }) ==
               "not_implemented: l'hôte ne fournit pas le service secret_put / the host does not offer secret_put");
    host.log(HS_LOG_INFO, "x", "y");  // silently skipped
    host.progress("op", "list", 1);   // silently skipped
    BOOST_TEST(fake.logs.empty());
    BOOST_TEST(host.now_ms() > 0);     // falls back to the system clock
    // A NULL member inside the table is absent too.
    fake.api.header.struct_size = sizeof(hs_host_api_v1);
    fake.api.get_company = nullptr;
    BOOST_TEST(error_of([&] { (void)host.get_company(1); }) ==
               "not_implemented: l'hôte ne fournit pas le service get_company / the host does not offer get_company");
}

BOOST_AUTO_TEST_CASE(company_json_is_tolerant_of_missing_text) {
    const auto c = json::value_to<host_sdk::company>(
        json::parse(R"({"id":9,"legal_name":"X","siret":null,"bank_accounts":[{"id":3}]})"));
    BOOST_TEST(c.id == 9);
    BOOST_TEST(c.siren.empty());
    BOOST_TEST(c.siret.empty());
    BOOST_REQUIRE(c.bank_accounts.size() == 1u);
    BOOST_TEST(c.bank_accounts[0].iban.empty());
    BOOST_CHECK(json::value_to<host_sdk::company>(json::value_from(c)) == c);
    BOOST_CHECK_THROW((void)json::value_to<host_sdk::company>(json::parse(R"({"legal_name":"no id"})")), std::exception);
}

// ---- The provider adapter, called in-process (no library) -------------------------------------------------
namespace {

class sample_provider final : public host_sdk::provider {
public:
    using host_sdk::provider::provider;
    json::value status(const host_sdk::call_context& call, const json::value& input) override {
        return {{"user", call.user_id}, {"locale", call.locale}, {"input", input},
                {"instance", instance().instance_id}, {"settings", instance().settings}};
    }
    json::value sync(const host_sdk::call_context&, const json::value&) override { throw std::out_of_range("oops"); }
    json::value configure(const host_sdk::call_context&, const json::value&) override { throw 3.5; }
};

std::string sample_manifest() { return R"({"id":"sample"})"; }
std::string sample_descriptor() { return R"({"id":"sample","display_name":"Sample"})"; }
using sample_exports = host_sdk::detail::provider_exports<sample_provider, &sample_manifest, &sample_descriptor>;

struct output {
    std::string text;
    static void sink(void* user, const char* data, std::size_t size) {
        static_cast<output*>(user)->text.append(data, size);
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(adapter_builds_the_table_and_runs_operations) {
    fake_host fake;
    hs_error err{};
    const hs_provider_api_v1* api = sample_exports::entry(&fake.api, &err);
    BOOST_REQUIRE(api != nullptr);
    BOOST_TEST(api->header.struct_size == sizeof(hs_provider_api_v1));
    BOOST_TEST(api->header.abi_major == HS_ABI_MAJOR);
    BOOST_TEST(std::string(api->manifest_json()) == sample_manifest());
    BOOST_TEST(std::string(api->descriptor_json()) == sample_descriptor());

    hs_instance_v1 instance{{sizeof(hs_instance_v1), HS_ABI_MAJOR, HS_ABI_MINOR}, "sample-1", R"({"storage":{}})"};
    void* self = nullptr;
    BOOST_REQUIRE(api->create(&fake.api, &instance, &self, &err) == HS_OK);
    BOOST_REQUIRE(self != nullptr);

    const host_sdk::call_context call{"admin", "en", "op-1"};
    const hs_call_v1 c_call = call.to_c();
    output out;
    BOOST_TEST(api->status(self, &c_call, R"({"a":1})", &output::sink, &out, &err) == HS_OK);
    BOOST_TEST(json::parse(out.text) ==
               json::parse(R"({"user":"admin","locale":"en","input":{"a":1},"instance":"sample-1","settings":{"storage":{}}})"));

    // NULL or empty input reads as {}.
    out.text.clear();
    BOOST_TEST(api->status(self, &c_call, nullptr, &output::sink, &out, &err) == HS_OK);
    BOOST_TEST(json::parse(out.text).at("input") == json::object());

    // The firewall, in both languages.
    BOOST_TEST(api->sync(self, &c_call, "{}", &output::sink, &out, &err) == HS_E_INTERNAL);
    BOOST_TEST(std::string(err.message) == "oops");
    BOOST_TEST(api->configure(self, &c_call, "{}", &output::sink, &out, &err) == HS_E_INTERNAL);
    BOOST_TEST(std::string(err.message) == "unknown exception in configure");
    const host_sdk::call_context french{"admin", "fr", "op-2"};
    const hs_call_v1 c_french = french.to_c();
    BOOST_TEST(api->configure(self, &c_french, "{}", &output::sink, &out, &err) == HS_E_INTERNAL);
    BOOST_TEST(std::string(err.message) == "exception inconnue dans configure");
    BOOST_TEST(api->match_companies(self, &c_french, "{}", &output::sink, &out, &err) == HS_E_NOT_IMPLEMENTED);
    BOOST_TEST(std::string(err.message) == "opération match_companies non disponible");
    BOOST_TEST(api->match_companies(self, &c_call, "{}", &output::sink, &out, &err) == HS_E_NOT_IMPLEMENTED);
    BOOST_TEST(std::string(err.message) == "operation match_companies is not implemented");
    BOOST_TEST(api->status(self, &c_french, "{nope", &output::sink, &out, &err) == HS_E_INVALID_ARGUMENT);
    BOOST_TEST(std::string(err.message).starts_with("entrée JSON invalide : "));
    BOOST_TEST(api->status(self, &c_call, "{}", nullptr, nullptr, &err) == HS_E_INVALID_ARGUMENT);
    BOOST_TEST(std::string(err.message) == "missing instance or output sink");
    // A NULL call: defaults (French, anonymous).
    out.text.clear();
    BOOST_TEST(api->status(self, nullptr, "{}", &output::sink, &out, nullptr) == HS_OK);
    BOOST_TEST(json::parse(out.text).at("locale") == "fr");

    api->cancel(self);
    api->destroy(self);
}

BOOST_AUTO_TEST_CASE(adapter_create_refuses_bad_instances) {
    fake_host fake;
    hs_error err{};
    const hs_provider_api_v1* api = sample_exports::entry(&fake.api, &err);
    BOOST_REQUIRE(api != nullptr);
    void* self = reinterpret_cast<void*>(0x1);
    hs_instance_v1 no_id{{sizeof(hs_instance_v1), HS_ABI_MAJOR, HS_ABI_MINOR}, "", "{}"};
    BOOST_TEST(api->create(&fake.api, &no_id, &self, &err) == HS_E_INVALID_ARGUMENT);
    BOOST_TEST(self == nullptr);
    BOOST_TEST(std::string(err.message) == "identifiant d'instance absent / missing instance id");
    hs_instance_v1 bad_settings{{sizeof(hs_instance_v1), HS_ABI_MAJOR, HS_ABI_MINOR}, "x", "[1]"};
    BOOST_TEST(api->create(&fake.api, &bad_settings, &self, &err) == HS_E_INVALID_ARGUMENT);
    BOOST_TEST(std::string(err.message) ==
               "réglages de l'instance : objet JSON attendu / instance settings: a JSON object is expected");
    BOOST_TEST(api->create(&fake.api, &no_id, nullptr, &err) == HS_E_INVALID_ARGUMENT);
}

BOOST_AUTO_TEST_CASE(entry_checks_the_hosts_table) {
    fake_host fake;
    hs_error err{};
    fake.api.header.abi_major = 2;
    BOOST_TEST(sample_exports::entry(&fake.api, &err) == nullptr);
    BOOST_TEST(err.code == HS_E_INCOMPATIBLE);
    BOOST_TEST(std::string(err.message) ==
               "l'hôte fournit l'ABI 2.0, le plugin requiert l'ABI 1.0 / the host provides ABI 2.0, the plugin requires ABI 1.0");
    fake.api.header.abi_major = HS_ABI_MAJOR;
    fake.api.header.struct_size = 16;
    BOOST_TEST(sample_exports::entry(&fake.api, &err) == nullptr);
    BOOST_TEST(std::string(err.message) == "table de l'hôte trop petite : 16 octets, " +
                                               std::to_string(sizeof(hs_host_api_v1)) + " attendus / host table too small: 16 bytes, " +
                                               std::to_string(sizeof(hs_host_api_v1)) + " expected");
    BOOST_TEST(sample_exports::entry(nullptr, &err) == nullptr);
    BOOST_TEST(err.code == HS_E_INVALID_ARGUMENT);
    // A newer minor host is fine.
    fake.api.header.struct_size = sizeof(hs_host_api_v1) + 64;
    fake.api.header.abi_minor = HS_ABI_MINOR + 3;
    BOOST_TEST(sample_exports::entry(&fake.api, &err) != nullptr);
}
