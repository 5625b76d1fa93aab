// The real JeDeclare.com plugin, as built: it passes every loader check, describes itself as JeDeclare.com
// in the aggregators section, exports one symbol only, and its configuration form is the one of
// operations.md (configure).
#define BOOST_TEST_MODULE sdk_real_plugin
#include <boost/test/unit_test.hpp>

#include "fake_host.hpp"

#include <host_sdk/loader.hpp>

#include <boost/dll/library_info.hpp>

#include <fstream>

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

json::object read_json(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return json::parse(std::string(std::istreambuf_iterator<char>(in), {})).as_object();
}

struct loaded {
    sdk_test::fake_host fake;
    host_sdk::loader loader{&fake.api, "fr"};
    std::shared_ptr<host_sdk::loaded_plugin> plugin = loader.load(JD_PLUGIN_MANIFEST);
};

std::string violation(const json::value& schema, const char* config, const char* locale = "fr") {
    const auto v = host_sdk::validate_json_schema(schema, json::parse(config));
    return v ? v->describe(locale) : "ok";
}

} // namespace

BOOST_AUTO_TEST_CASE(the_plugin_directory_holds_the_library_and_its_manifest) {
    const fs::path dir{JD_PLUGIN_DIR};
    BOOST_TEST(fs::path(JD_PLUGIN_MANIFEST) == dir / "jedeclare.plugin.json");
    BOOST_TEST(fs::is_regular_file(dir / "libjedeclare_aggregator.so"));
    sdk_test::fake_host fake;
    const auto result = host_sdk::loader(&fake.api, "fr").scan({dir});
    BOOST_TEST(result.failures.empty());
    for (const auto& failure : result.failures) BOOST_TEST_MESSAGE(failure.message);
    BOOST_REQUIRE(result.plugins.size() == 1u);
    BOOST_TEST(result.plugins[0]->id() == "jedeclare");
}

BOOST_FIXTURE_TEST_CASE(manifest_file_and_compiled_manifest_agree, loaded) {
    const auto& info = plugin->info();
    BOOST_TEST(info.id == "jedeclare");
    BOOST_TEST(info.display_name == "JeDeclare.com");
    BOOST_TEST(info.entry == HS_ENTRY_NAME);
    BOOST_TEST(info.library == "libjedeclare_aggregator.so");
    BOOST_CHECK(info.abi == (host_sdk::abi_version{HS_ABI_MAJOR, HS_ABI_MINOR}));
    BOOST_TEST(info.platform == host_sdk::current_platform());
    BOOST_TEST(info.sha256 == host_sdk::sha256_file(plugin->library_path()));

    auto file = read_json(JD_PLUGIN_MANIFEST);
    BOOST_TEST(file.contains("sha256"));
    file.erase("sha256");
    const auto compiled = json::parse(plugin->compiled_manifest_json());
    BOOST_TEST(!compiled.as_object().contains("sha256"));
    BOOST_TEST(compiled == json::value(file));
}

BOOST_FIXTURE_TEST_CASE(descriptor_puts_jedeclare_in_the_aggregators_menu, loaded) {
    const auto descriptor = plugin->descriptor();
    BOOST_TEST(descriptor.at("id") == "jedeclare");
    BOOST_TEST(descriptor.at("display_name") == "JeDeclare.com");
    BOOST_TEST(descriptor.at("menu").at("section") == "aggregators");
    BOOST_TEST(descriptor.at("menu").at("label") == "JeDeclare.com");

    const auto& schema = descriptor.at("configuration_schema");
    const auto& properties = schema.at("properties").as_object();
    for (const char* field : {"login", "password", "gestion_account_id", "editeur", "logiciel", "version", "soap_url",
                              "gestion_url", "ca_bundle"})
        BOOST_TEST(properties.contains(field), field);
    BOOST_TEST(properties.at("password").at("writeOnly") == true);
    BOOST_TEST(properties.at("soap_url").at("default") ==
               "https://www.jedeclare.com/webservices/wspid_spring/CommunicationV2Service/");
    BOOST_TEST(properties.at("gestion_url").at("default") == "https://www.jedeclare.com/webservice/gestion/");
    BOOST_TEST(properties.at("editeur").at("default") == "jedeclare-aggregator");
}

BOOST_FIXTURE_TEST_CASE(configuration_form_accepts_and_refuses, loaded) {
    const auto descriptor = plugin->descriptor();
    const auto& schema = descriptor.at("configuration_schema");
    BOOST_TEST(violation(schema, R"({"login":"cabinet@jedeclare.com","password":"x","gestion_account_id":"4242",
        "editeur":"e","logiciel":"l","version":"1.0",
        "soap_url":"https://127.0.0.1:4443/webservices/wspid_spring/CommunicationV2Service/",
        "gestion_url":"https://127.0.0.1:4443/webservice/gestion/","ca_bundle":"/tmp/ca.pem"})") == "ok");
    // An update without the password keeps the saved one.
    BOOST_TEST(violation(schema, R"({"login":"cabinet@jedeclare.com","gestion_account_id":"4242"})") == "ok");
    BOOST_TEST(violation(schema, R"({"login":"cabinet@gmail.com","gestion_account_id":"4242"})") ==
               "$.login : \"cabinet@gmail.com\" ne respecte pas le motif ^[^@\\s]+@jedeclare\\.com$");
    BOOST_TEST(violation(schema, R"({"login":"cabinet@jedeclare.com"})", "en") ==
               "$.gestion_account_id: required property is missing");
    BOOST_TEST(violation(schema, R"({"login":"a@jedeclare.com","gestion_account_id":"4242","soap_url":"http://x/"})",
                         "en") == "$.soap_url: \"http://x/\" does not match the pattern ^https://");
    BOOST_TEST(violation(schema, R"({"login":"a@jedeclare.com","gestion_account_id":"4242","password":""})", "en") ==
               "$.password: length 0 is less than the minimum 1");
    BOOST_TEST(violation(schema, R"({"login":"a@jedeclare.com","gestion_account_id":"4242","pwd":"x"})", "en") ==
               "$.pwd: property not allowed by the schema");
}

BOOST_FIXTURE_TEST_CASE(instances_are_created_and_destroyed, loaded) {
    for (int i = 0; i < 3; ++i) {
        auto instance = plugin->create_instance("jedeclare-" + std::to_string(i), R"({"storage":{"backend":"sqlite"}})");
        BOOST_TEST(instance.valid());
        instance.cancel();
    }
}

BOOST_AUTO_TEST_CASE(the_library_exports_only_its_entry_point) {
    boost::dll::library_info info(fs::path(JD_PLUGIN_DIR) / "libjedeclare_aggregator.so");
    const auto section = info.symbols(HS_ENTRY_SECTION);
    BOOST_TEST(section == (std::vector<std::string>{HS_ENTRY_NAME}), boost::test_tools::per_element());
    const auto all = info.symbols();
    BOOST_TEST(all == (std::vector<std::string>{HS_ENTRY_NAME}), boost::test_tools::per_element());
}
