// The manifest type and the JSON Schema validator: every keyword it knows, the JSON path of the first
// violation, and the messages in French and English.
#define BOOST_TEST_MODULE sdk_manifest_schema
#include <boost/test/unit_test.hpp>

#include <host_sdk/manifest.hpp>

#include <fstream>
#include <sstream>

namespace json = boost::json;

namespace {

json::value good_manifest() {
    return json::parse(R"({
        "id": "jedeclare", "display_name": "JeDeclare.com", "version": "1.2.3",
        "abi": {"major": 1, "minor": 0}, "platform": "linux_x86_64",
        "library": "libjedeclare_aggregator.so", "entry": "hs_aggregator_provider_v1",
        "sha256": "af6bd3b86cc5bc857c859863c6d0fc0bc9770805315e4093c02e50c8af09f29e",
        "description": "Relevés bancaires", "vendor": "jedeclare-aggregator"})");
}

// The violation of `manifest` against the manifest schema, described in both languages.
std::pair<std::string, std::string> violation_of(const json::value& manifest) {
    const auto v = host_sdk::validate_json_schema(host_sdk::manifest_schema(), manifest);
    BOOST_REQUIRE(v.has_value());
    return {v->describe("fr"), v->describe("en")};
}

// A copy of `manifest` with the member at `pointer` ("/abi/major": objects only) set to `replacement`.
json::value with(json::value manifest, const std::string& pointer, json::value replacement) {
    json::value* node = &manifest;
    std::size_t start = 1;
    while (true) {
        const std::size_t slash = pointer.find('/', start);
        const std::string key = pointer.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (slash == std::string::npos) {
            node->as_object()[key] = std::move(replacement);
            return manifest;
        }
        node = &node->as_object()[key];
        start = slash + 1;
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(embedded_schema_is_the_schema_file) {
    std::ifstream in(SDK_MANIFEST_SCHEMA, std::ios::binary);
    std::stringstream file;
    file << in.rdbuf();
    BOOST_TEST(std::string(host_sdk::manifest_schema_json()) == file.str());
    BOOST_TEST(host_sdk::manifest_schema().as_object().at("$schema") == "http://json-schema.org/draft-07/schema#");
}

BOOST_AUTO_TEST_CASE(a_good_manifest_conforms_and_converts) {
    const auto document = good_manifest();
    BOOST_TEST(!host_sdk::validate_json_schema(host_sdk::manifest_schema(), document).has_value());
    const auto m = json::value_to<host_sdk::manifest>(document);
    BOOST_TEST(m.id == "jedeclare");
    BOOST_TEST(m.abi.major == 1);
    BOOST_TEST(m.abi.minor == 0);
    BOOST_TEST(m.description.value() == "Relevés bancaires");
    BOOST_TEST(json::value_from(m) == document);
    // Without the optional members.
    auto minimal = document;
    minimal.as_object().erase("description");
    minimal.as_object().erase("vendor");
    BOOST_TEST(!host_sdk::validate_json_schema(host_sdk::manifest_schema(), minimal).has_value());
    BOOST_TEST(!json::value_to<host_sdk::manifest>(minimal).vendor.has_value());
}

BOOST_AUTO_TEST_CASE(current_platform_is_spelled_like_the_build) {
#if defined(__linux__) && defined(__x86_64__)
    BOOST_TEST(host_sdk::current_platform() == "linux_x86_64");
#endif
    BOOST_TEST(!host_sdk::validate_json_schema(host_sdk::manifest_schema(),
                                               with(good_manifest(), "/platform",
                                                    json::string(host_sdk::current_platform())))
                    .has_value());
}

BOOST_AUTO_TEST_CASE(missing_required_member) {
    auto manifest = good_manifest();
    manifest.as_object().erase("sha256");
    const auto [fr, en] = violation_of(manifest);
    BOOST_TEST(fr == "$.sha256 : propriété obligatoire absente");
    BOOST_TEST(en == "$.sha256: required property is missing");
}

BOOST_AUTO_TEST_CASE(unknown_member) {
    const auto [fr, en] = violation_of(with(good_manifest(), "/menu", json::object{}));
    BOOST_TEST(fr == "$.menu : propriété non prévue par le schéma");
    BOOST_TEST(en == "$.menu: property not allowed by the schema");
    const auto nested = violation_of(with(good_manifest(), "/abi/patch", 1));
    BOOST_TEST(nested.first == "$.abi.patch : propriété non prévue par le schéma");
}

BOOST_AUTO_TEST_CASE(wrong_type) {
    const auto [fr, en] = violation_of(with(good_manifest(), "/abi/major", "1"));
    BOOST_TEST(fr == "$.abi.major : type attendu integer, trouvé string");
    BOOST_TEST(en == "$.abi.major: expected type integer, found string");
    BOOST_TEST(violation_of(with(good_manifest(), "/abi/minor", 1.5)).second ==
               "$.abi.minor: expected type integer, found number");
    // A whole number written as 2.0 is an integer for JSON Schema.
    BOOST_TEST(!host_sdk::validate_json_schema(host_sdk::manifest_schema(), with(good_manifest(), "/abi/minor", 2.0))
                    .has_value());
    BOOST_TEST(violation_of(json::array{}).first == "$ : type attendu object, trouvé array");
}

BOOST_AUTO_TEST_CASE(pattern) {
    const auto [fr, en] = violation_of(with(good_manifest(), "/id", "Je Declare"));
    BOOST_TEST(fr == "$.id : \"Je Declare\" ne respecte pas le motif ^[a-z][a-z0-9_-]*$");
    BOOST_TEST(en == "$.id: \"Je Declare\" does not match the pattern ^[a-z][a-z0-9_-]*$");
    BOOST_TEST(violation_of(with(good_manifest(), "/library", "../evil.so")).second ==
               "$.library: \"../evil.so\" does not match the pattern ^[A-Za-z0-9_.+-]+$");
    BOOST_TEST(violation_of(with(good_manifest(), "/sha256", "ABC")).second ==
               "$.sha256: \"ABC\" does not match the pattern ^[0-9a-f]{64}$");
    BOOST_TEST(violation_of(with(good_manifest(), "/version", "1.0")).first.starts_with(
        "$.version : \"1.0\" ne respecte pas le motif"));
}

BOOST_AUTO_TEST_CASE(const_keyword) {
    const auto [fr, en] = violation_of(with(good_manifest(), "/entry", "main"));
    BOOST_TEST(fr == "$.entry : valeur attendue \"hs_aggregator_provider_v1\", trouvée \"main\"");
    BOOST_TEST(en == "$.entry: expected value \"hs_aggregator_provider_v1\", found \"main\"");
}

BOOST_AUTO_TEST_CASE(minimum_and_maximum) {
    const auto below = violation_of(with(good_manifest(), "/abi/minor", -1));
    BOOST_TEST(below.first == "$.abi.minor : -1 inférieur au minimum 0");
    BOOST_TEST(below.second == "$.abi.minor: -1 is less than the minimum 0");
    const auto above = violation_of(with(good_manifest(), "/abi/major", 70000));
    BOOST_TEST(above.first == "$.abi.major : 70000 supérieur au maximum 65535");
    BOOST_TEST(above.second == "$.abi.major: 70000 is greater than the maximum 65535");
}

BOOST_AUTO_TEST_CASE(string_lengths_count_characters) {
    const auto short_id = violation_of(with(good_manifest(), "/id", "j"));
    BOOST_TEST(short_id.first == "$.id : longueur 1 inférieure au minimum 2");
    BOOST_TEST(short_id.second == "$.id: length 1 is less than the minimum 2");
    const auto empty_name = violation_of(with(good_manifest(), "/display_name", ""));
    BOOST_TEST(empty_name.second == "$.display_name: length 0 is less than the minimum 1");
    // 100 "é" are 200 bytes but 100 characters: within maxLength 100.
    std::string name;
    for (int i = 0; i < 100; ++i) name += "é";
    BOOST_TEST(!host_sdk::validate_json_schema(host_sdk::manifest_schema(), with(good_manifest(), "/display_name",
                                                                                   json::string(name)))
                    .has_value());
    BOOST_TEST(violation_of(with(good_manifest(), "/display_name", json::string(name + "é"))).second ==
               "$.display_name: length 101 is greater than the maximum 100");
}

BOOST_AUTO_TEST_CASE(first_violation_wins_in_document_order) {
    // required is checked before members; members in the document's order.
    auto manifest = with(with(good_manifest(), "/id", "X"), "/version", "nope");
    BOOST_TEST(violation_of(manifest).second.starts_with("$.id:"));
    manifest.as_object().erase("entry");
    BOOST_TEST(violation_of(manifest).second == "$.entry: required property is missing");
}

BOOST_AUTO_TEST_CASE(other_keywords_on_a_custom_schema) {
    const auto schema = json::parse(R"({
        "type": "object",
        "properties": {
            "state": {"enum": ["ok", "erreur_reseau"]},
            "tags": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "string"}},
            "maybe": {"type": ["string", "null"]},
            "weird key": {"type": "integer"},
            "password": {"type": "string", "writeOnly": true, "pattern": "^.{12,}$"},
            "free": true
        },
        "additionalProperties": {"type": "number"}
    })");
    const auto check = [&](const char* text) {
        const auto v = host_sdk::validate_json_schema(schema, json::parse(text));
        return v ? v->describe("fr") + " | " + v->describe("en") : std::string("ok");
    };
    BOOST_TEST(check(R"({"state":"ok","tags":["a"],"maybe":null,"x":1.5,"free":[1]})") == "ok");
    BOOST_TEST(check(R"({"state":"ko"})") ==
               "$.state : valeur \"ko\" hors de la liste permise (\"ok\", \"erreur_reseau\") | "
               "$.state: value \"ko\" is not one of (\"ok\", \"erreur_reseau\")");
    BOOST_TEST(check(R"({"tags":[]})") ==
               "$.tags : 0 éléments, au moins 1 attendus | $.tags: 0 items, at least 1 expected");
    BOOST_TEST(check(R"({"tags":["a","b","c"]})") ==
               "$.tags : 3 éléments, au plus 2 attendus | $.tags: 3 items, at most 2 expected");
    BOOST_TEST(check(R"({"tags":["a",7]})") ==
               "$.tags[1] : type attendu string, trouvé integer | $.tags[1]: expected type string, found integer");
    BOOST_TEST(check(R"({"maybe":3})") ==
               "$.maybe : type attendu string ou null, trouvé integer | "
               "$.maybe: expected type string or null, found integer");
    BOOST_TEST(check(R"({"weird key":"x"})") ==
               "$[\"weird key\"] : type attendu integer, trouvé string | "
               "$[\"weird key\"]: expected type integer, found string");
    BOOST_TEST(check(R"({"extra":"x"})") ==
               "$.extra : type attendu number, trouvé string | $.extra: expected type number, found string");
    // A writeOnly value (a password) is never quoted back.
    BOOST_TEST(check(R"({"password":"hunter2"})") ==
               "$.password : *** ne respecte pas le motif ^.{12,}$ | $.password: *** does not match the pattern ^.{12,}$");
}

BOOST_AUTO_TEST_CASE(boolean_schemas_and_bad_patterns) {
    BOOST_TEST(!host_sdk::validate_json_schema(json::value(true), json::parse("[1,2]")).has_value());
    const auto refused = host_sdk::validate_json_schema(json::value(false), json::value(1));
    BOOST_REQUIRE(refused.has_value());
    BOOST_TEST(refused->describe("en") == "$: value not allowed by the schema");
    BOOST_CHECK_THROW((void)host_sdk::validate_json_schema(json::parse(R"({"pattern":"(["})"), json::value("x")),
                      std::invalid_argument);
}
