// The loader against fixture plugins built with host_sdk_add_plugin(): every refusal with its exact
// message (French and English), one bad plugin not stopping the others, the exception firewall across a
// real library boundary, the host facade through the boundary, and the lifetime of libraries.
#define BOOST_TEST_MODULE sdk_loader
#include <boost/test/unit_test.hpp>

#include "fake_host.hpp"

#include <host_sdk/loader.hpp>

#include <boost/dll/shared_library.hpp>

#include <unistd.h>

#include <fstream>
#include <map>
#include <optional>

namespace fs = std::filesystem;
namespace json = boost::json;
using sdk_test::fake_host;

namespace {

const fs::path fixture_dir{SDK_FIXTURE_DIR};

fs::path manifest_of(const std::string& name) { return fixture_dir / ("fixture_" + name + ".plugin.json"); }
fs::path library_of(const std::string& name) { return fixture_dir / ("libsdk_fixture_" + name + ".so"); }
std::string m(const std::string& name) { return manifest_of(name).string(); }
std::string lib(const std::string& name) { return library_of(name).string(); }

const std::string zeros(64, '0');

// The expected refusal of each broken fixture, by the file the failure names.
std::map<std::string, std::string> expected_refusals(const std::string& locale) {
    const bool en = locale == "en";
    const std::string bad_sha = host_sdk::sha256_file(library_of("bad_sha"));
    if (en) {
        return {
            {m("bad_sha"), m("bad_sha") + ": SHA-256 of " + lib("bad_sha") + " differs: expected " + zeros +
                               ", found " + bad_sha},
            {m("invalid_json"), m("invalid_json") + ": invalid JSON at line 4, column 14: syntax error"},
            {m("mismatch"), m("mismatch") + ": the manifest compiled into " + lib("mismatch") +
                                " differs from the file for \"version\": file \"9.9.9\", library \"1.0.0\""},
            {m("newer_minor"), m("newer_minor") + ": ABI 1.1 is newer than the host's (1.0)"},
            {m("no_entry"), m("no_entry") + ": " + lib("no_entry") +
                                " does not export the entry point hs_aggregator_provider_v1 (section hostsdk)"},
            {m("schema"), m("schema") +
                              ": manifest does not conform to the schema, $.abi.major: expected type integer, found string"},
            {m("wrong_major"), m("wrong_major") + ": ABI 2.0 is incompatible: major version 2, the host provides ABI 1.0"},
            {m("wrong_platform"), m("wrong_platform") + ": platform \"windows_x86_64\", the host expects \"linux_x86_64\""},
            {lib("no_manifest"), lib("no_manifest") +
                                     ": library without a manifest (no *.plugin.json file in its directory names it)"},
        };
    }
    return {
        {m("bad_sha"), m("bad_sha") + " : empreinte SHA-256 de " + lib("bad_sha") + " différente : attendue " + zeros +
                           ", trouvée " + bad_sha},
        {m("invalid_json"), m("invalid_json") + " : JSON invalide ligne 4, colonne 14 : erreur de syntaxe"},
        {m("mismatch"), m("mismatch") + " : le manifeste compilé dans " + lib("mismatch") +
                            " diffère du fichier pour « version » : fichier \"9.9.9\", bibliothèque \"1.0.0\""},
        {m("newer_minor"), m("newer_minor") + " : ABI 1.1 plus récente que celle de l'hôte (1.0)"},
        {m("no_entry"), m("no_entry") + " : " + lib("no_entry") +
                            " n'exporte pas le point d'entrée hs_aggregator_provider_v1 (section hostsdk)"},
        {m("schema"), m("schema") +
                          " : manifeste non conforme au schéma, $.abi.major : type attendu integer, trouvé string"},
        {m("wrong_major"), m("wrong_major") + " : ABI 2.0 incompatible : version majeure 2, l'hôte fournit l'ABI 1.0"},
        {m("wrong_platform"), m("wrong_platform") + " : plateforme « windows_x86_64 », l'hôte attend « linux_x86_64 »"},
        {lib("no_manifest"), lib("no_manifest") +
                                 " : bibliothèque sans manifeste (aucun fichier *.plugin.json du dossier ne la nomme)"},
    };
}

// A fresh directory under the system temporary directory, removed with the object.
struct temp_dir {
    fs::path path;
    explicit temp_dir(const std::string& tag) {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("sdk-loader-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
};

template <class Body>
std::string error_of(Body&& body) {
    try {
        body();
    } catch (const host_sdk::error& e) {
        return std::string(host_sdk::status_name(e.status())) + ": " + e.what();
    }
    return "no error";
}

const host_sdk::loader_options unpinned{.pin_libraries = false};

} // namespace

BOOST_AUTO_TEST_CASE(scan_loads_the_good_and_refuses_each_bad_one_in_french) {
    fake_host fake;
    const host_sdk::loader loader(&fake.api, "fr", unpinned);
    const auto result = loader.scan({fixture_dir});
    std::vector<std::string> ids;
    for (const auto& plugin : result.plugins) ids.push_back(plugin->id());
    BOOST_TEST(ids == (std::vector<std::string>{"fixture_good", "fixture_good_b", "fixture_throwing"}),
               boost::test_tools::per_element());
    std::map<std::string, std::string> refusals;
    for (const auto& failure : result.failures) refusals[failure.file.string()] = failure.message;
    const auto expected = expected_refusals("fr");
    BOOST_TEST(refusals.size() == expected.size());
    for (const auto& [file, message] : expected) {
        BOOST_TEST_CONTEXT(file) { BOOST_TEST(refusals[file] == message); }
    }
}

BOOST_AUTO_TEST_CASE(scan_messages_in_english) {
    fake_host fake;
    const host_sdk::loader loader(&fake.api, "en", unpinned);
    const auto result = loader.scan({fixture_dir});
    BOOST_TEST(result.plugins.size() == 3u);
    std::map<std::string, std::string> refusals;
    for (const auto& failure : result.failures) refusals[failure.file.string()] = failure.message;
    const auto expected = expected_refusals("en");
    BOOST_TEST(refusals.size() == expected.size());
    for (const auto& [file, message] : expected) {
        BOOST_TEST_CONTEXT(file) { BOOST_TEST(refusals[file] == message); }
    }
}

BOOST_AUTO_TEST_CASE(load_throws_the_same_refusal_with_its_status) {
    fake_host fake;
    const host_sdk::loader loader(&fake.api, "fr", unpinned);
    const auto expected = expected_refusals("fr");
    const std::map<std::string, std::string> statuses = {
        {"bad_sha", "incompatible"},   {"invalid_json", "invalid_argument"}, {"mismatch", "incompatible"},
        {"newer_minor", "incompatible"}, {"no_entry", "incompatible"},      {"schema", "invalid_argument"},
        {"wrong_major", "incompatible"}, {"wrong_platform", "incompatible"}};
    for (const auto& [name, status] : statuses) {
        BOOST_TEST_CONTEXT(name) {
            BOOST_TEST(error_of([&] { (void)loader.load(manifest_of(name)); }) == status + ": " + expected.at(m(name)));
        }
    }
    BOOST_TEST(error_of([&] { (void)loader.load(fixture_dir / "absent.plugin.json"); }) ==
               "not_found: " + (fixture_dir / "absent.plugin.json").string() + " : manifeste introuvable");
    const host_sdk::loader english(&fake.api, "en", unpinned);
    BOOST_TEST(error_of([&] { (void)english.load(fixture_dir / "absent.plugin.json"); }) ==
               "not_found: " + (fixture_dir / "absent.plugin.json").string() + ": manifest not found");
}

BOOST_AUTO_TEST_CASE(missing_library_missing_directory_duplicate_id) {
    fake_host fake;
    temp_dir only_manifest("manifest-only");
    fs::copy_file(manifest_of("good"), only_manifest.path / "fixture_good.plugin.json");
    temp_dir copy("copy");
    fs::copy_file(manifest_of("good"), copy.path / "fixture_good.plugin.json");
    fs::copy_file(library_of("good"), copy.path / "libsdk_fixture_good.so");
    const fs::path nowhere = only_manifest.path / "nowhere";

    for (const std::string locale : {"fr", "en"}) {
        const host_sdk::loader loader(&fake.api, locale, unpinned);
        const auto result = loader.scan({only_manifest.path, nowhere, fixture_dir, copy.path});
        BOOST_TEST(result.plugins.size() == 3u);
        std::map<std::string, std::string> refusals;
        for (const auto& failure : result.failures) refusals[failure.file.string()] = failure.message;
        BOOST_TEST(refusals.size() == expected_refusals(locale).size() + 3);
        const std::string copied = (copy.path / "fixture_good.plugin.json").string();
        const std::string lonely = (only_manifest.path / "fixture_good.plugin.json").string();
        const std::string lonely_lib = (only_manifest.path / "libsdk_fixture_good.so").string();
        if (locale == "fr") {
            BOOST_TEST(refusals[lonely] == lonely + " : bibliothèque " + lonely_lib + " introuvable");
            BOOST_TEST(refusals[nowhere.string()] == nowhere.string() + " : dossier de plugins introuvable");
            BOOST_TEST(refusals[copied] == copied + " : identifiant « fixture_good » déjà utilisé par " + m("good"));
        } else {
            BOOST_TEST(refusals[lonely] == lonely + ": library " + lonely_lib + " not found");
            BOOST_TEST(refusals[nowhere.string()] == nowhere.string() + ": plugin directory not found");
            BOOST_TEST(refusals[copied] == copied + ": id \"fixture_good\" is already used by " + m("good"));
        }
    }
}

BOOST_AUTO_TEST_CASE(entry_refusing_the_host_is_reported_with_the_plugins_message) {
    fake_host fake;
    fake.api.header.abi_major = 2; // a host of another major: the plugin's own check says no
    const host_sdk::loader loader(&fake.api, "fr", unpinned);
    BOOST_TEST(error_of([&] { (void)loader.load(manifest_of("good")); }) ==
               "incompatible: " + m("good") + " : le point d'entrée de " + lib("good") +
                   " a refusé l'hôte (incompatible) : l'hôte fournit l'ABI 2.0, le plugin requiert l'ABI 1.0 / "
                   "the host provides ABI 2.0, the plugin requires ABI 1.0");
    fake.api.header.abi_major = HS_ABI_MAJOR;
    fake.api.header.struct_size = 24;
    const host_sdk::loader english(&fake.api, "en", unpinned);
    BOOST_TEST(error_of([&] { (void)english.load(manifest_of("good")); }) ==
               "incompatible: " + m("good") + ": the entry point of " + lib("good") +
                   " refused the host (incompatible): table de l'hôte trop petite : 24 octets, " +
                   std::to_string(sizeof(hs_host_api_v1)) + " attendus / host table too small: 24 bytes, " +
                   std::to_string(sizeof(hs_host_api_v1)) + " expected");
}

BOOST_AUTO_TEST_CASE(a_loaded_plugin_describes_itself_like_its_file) {
    fake_host fake;
    const host_sdk::loader loader(&fake.api, "fr", unpinned);
    const auto plugin = loader.load(manifest_of("good"));
    BOOST_TEST(plugin->id() == "fixture_good");
    BOOST_TEST(plugin->info().display_name == "Fixture good");
    BOOST_TEST(plugin->info().description.value() == "Plugin de test");
    BOOST_TEST(plugin->library_path() == library_of("good"));
    BOOST_TEST(plugin->info().sha256 == host_sdk::sha256_file(library_of("good")));
    auto file = json::parse([&] {
                    std::ifstream in(manifest_of("good"));
                    return std::string(std::istreambuf_iterator<char>(in), {});
                }()).as_object();
    file.erase("sha256");
    BOOST_TEST(json::parse(plugin->compiled_manifest_json()) == json::value(file));
    const auto descriptor = plugin->descriptor();
    BOOST_TEST(descriptor.at("menu").at("section") == "aggregators");
}

BOOST_AUTO_TEST_CASE(operations_cross_the_boundary_with_the_host_facade) {
    fake_host fake;
    const host_sdk::loader loader(&fake.api, "fr", unpinned);
    const auto plugin = loader.load(manifest_of("good"));
    const auto instance = plugin->create_instance("good-1", R"({"storage":{"backend":"sqlite"}})");
    BOOST_TEST(instance.instance_id() == "good-1");
    const host_sdk::call_context admin{"admin", "fr", "op-42"};

    const auto echo = json::parse(instance.configure(admin, R"({"login":"cabinet@jedeclare.com"})"));
    BOOST_TEST(echo == json::parse(R"({"echo":{"login":"cabinet@jedeclare.com"},"user":"admin","locale":"fr",
        "operation_id":"op-42","instance_id":"good-1","settings":{"storage":{"backend":"sqlite"}}})"));

    const auto services = json::parse(instance.get_configuration(admin)).as_object();
    BOOST_TEST(services.at("host_name") == "fake-host 0.1");
    BOOST_TEST(services.at("caller_has_configuration") == true);
    BOOST_TEST(services.at("caller_has_accounting_1") == true);
    BOOST_TEST(services.at("caller_has_accounting_2") == false);
    BOOST_TEST(services.at("company_1").at("bank_accounts").at(0).at("iban") == "FR7630004000010001234567897");
    BOOST_TEST(services.at("company_999_absent") == true);
    BOOST_TEST(services.at("same_name") == 2);
    BOOST_TEST(services.at("all_ids") == json::parse("[1,2,3,4,5]"));
    BOOST_TEST(services.at("secret_round_trip") == true);
    BOOST_TEST(services.at("secret_erased") == true);
    BOOST_TEST(services.at("data_directory") == "/tmp/fake-host-data");
    BOOST_TEST(services.at("now_ms") == fake.clock_ms);
    BOOST_TEST(fake.secrets.empty());
    BOOST_REQUIRE(!fake.logs.empty());
    BOOST_TEST(fake.logs.back().event == "get_configuration");
    BOOST_TEST(fake.logs.back().fields == R"({"user":"admin"})");

    const auto run = json::parse(instance.sync({"", "fr", "sync-1"}, R"({"trigger":"scheduler"})"));
    BOOST_TEST(run == json::parse(R"({"first":[1,1],"second":[2,2]})"));
    BOOST_TEST(fake.ledger.size() == 2u);
    BOOST_TEST(fake.ledger.at("fixture:1").amount_minor == -1205);
    BOOST_TEST(fake.progress_events.back().operation_id == "sync-1");

    BOOST_TEST(json::parse(instance.status(admin)) == json::parse(R"({"ok":true})"));
    BOOST_TEST(error_of([&] { (void)instance.status({"bob", "fr", ""}); }) ==
               "permission_denied: droit d'administration requis");
    BOOST_TEST(error_of([&] { (void)instance.status({"bob", "en", ""}); }) ==
               "permission_denied: administration right required");
    BOOST_TEST(error_of([&] { (void)instance.match_companies(admin); }) ==
               "not_implemented: opération match_companies non disponible");
    BOOST_TEST(error_of([&] { (void)instance.match_companies({"admin", "en", ""}); }) ==
               "not_implemented: operation match_companies is not implemented");
    BOOST_TEST(error_of([&] { (void)instance.configure(admin, "{\"login\":"); }).starts_with(
        "invalid_argument: entrée JSON invalide : "));

    BOOST_TEST(json::parse(instance.test_connection(admin)).at("cancelled") == false);
    instance.cancel();
    BOOST_TEST(json::parse(instance.test_connection(admin)).at("cancelled") == true);
}

BOOST_AUTO_TEST_CASE(exceptions_never_cross_the_boundary) {
    fake_host fake;
    const host_sdk::loader loader(&fake.api, "fr", unpinned);
    const auto plugin = loader.load(manifest_of("throwing"));
    const auto instance = plugin->create_instance("throwing-1");
    const host_sdk::call_context fr{"admin", "fr", "op"};
    const host_sdk::call_context en{"admin", "en", "op"};
    BOOST_TEST(error_of([&] { (void)instance.configure(fr, "{}"); }) == "internal: panne simulée dans configure");
    BOOST_TEST(error_of([&] { (void)instance.get_configuration(fr); }) ==
               "internal: exception inconnue dans get_configuration");
    BOOST_TEST(error_of([&] { (void)instance.get_configuration(en); }) ==
               "internal: unknown exception in get_configuration");
    BOOST_TEST(error_of([&] { (void)instance.test_connection(fr); }) == "remote_refused: identifiants refusés");
    BOOST_TEST(error_of([&] { (void)instance.test_connection(en); }) == "remote_refused: credentials refused");
    BOOST_TEST(error_of([&] { (void)instance.status(fr); }) == "invalid_argument: identifiant de société invalide : -1");
    BOOST_TEST(error_of([&] { (void)instance.sync(fr, "{}"); }) == "internal: std::exception");
    BOOST_TEST(error_of([&] { (void)instance.set_activation(fr, "{}"); }) == "internal: internal");
    instance.cancel(); // throws 42 inside: swallowed
    BOOST_TEST(error_of([&] { (void)plugin->create_instance("t-2", R"({"fail_create":true})"); }) ==
               "internal: création refusée par la configuration");
    BOOST_TEST(error_of([&] { (void)plugin->create_instance("t-3", "not json"); }) ==
               "invalid_argument: réglages de l'instance : objet JSON attendu / instance settings: a JSON object is expected");
    // Still alive, still answering.
    BOOST_TEST(error_of([&] { (void)instance.configure(en, "{}"); }) == "internal: panne simulée dans configure");
}

BOOST_AUTO_TEST_CASE(handles_own_their_instance) {
    fake_host fake;
    const host_sdk::loader loader(&fake.api, "fr", unpinned);
    const auto plugin = loader.load(manifest_of("good"));
    auto first = plugin->create_instance("h-1");
    host_sdk::provider_handle moved = std::move(first);
    BOOST_TEST(!first.valid());
    BOOST_TEST(moved.valid());
    BOOST_TEST(error_of([&] { (void)first.status({"admin", "fr", ""}); }) == "not_found: instance « h-1 » détruite");
    moved.reset();
    moved.reset(); // idempotent
    BOOST_TEST(error_of([&] { (void)moved.status({"admin", "en", ""}); }) == "not_found: instance \"h-1\" was destroyed");
    auto second = plugin->create_instance("h-2");
    second = plugin->create_instance("h-3"); // h-2 destroyed by the assignment
    BOOST_TEST(second.instance_id() == "h-3");
    BOOST_TEST(json::parse(second.status({"admin", "fr", ""})).at("ok") == true);
}

BOOST_AUTO_TEST_CASE(an_instance_keeps_its_library_after_the_loader_is_gone) {
    fake_host fake;
    std::weak_ptr<boost::dll::shared_library> library;
    std::optional<host_sdk::provider_handle> instance;
    {
        const host_sdk::loader loader(&fake.api, "fr", unpinned);
        auto plugin = loader.load(manifest_of("good_b"));
        library = plugin->library();
        instance.emplace(plugin->create_instance("b-1"));
    } // loader and loaded_plugin gone
    BOOST_TEST(!library.expired());
    BOOST_TEST(json::parse(instance->configure({"admin", "fr", ""}, "{}")).at("instance_id") == "b-1");
    instance.reset(); // destroy(self) runs, then the last reference to the library goes
    BOOST_TEST(library.expired());
}

BOOST_AUTO_TEST_CASE(pinned_libraries_are_never_released) {
    fake_host fake;
    std::weak_ptr<boost::dll::shared_library> library;
    {
        const host_sdk::loader loader(&fake.api, "fr"); // production default: pinned
        library = loader.load(manifest_of("good_b"))->library();
    }
    BOOST_TEST(!library.expired());
}
