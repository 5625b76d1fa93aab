#include "admin/display_text.hpp"
#include "admin/match_report.hpp"
#include "admin/utf8.hpp"
#include "matching_fixtures.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <set>
#include <sstream>
#include <string>

using namespace jd::admin;
using namespace jd::admin::testing;
namespace json = boost::json;

namespace {

// A small firm: one exact match, one confirmed link, a proposal by SIREN and name, an ambiguous name, an
// invalid SIREN and a company without a dossier.
match_input sample_input() {
    match_input in;
    in.dossiers = {make_dossier("1001", "SARL L'ÉTOILE", "552100554", "00013"),
                   make_dossier("1002", "MARTIN & FILS", "", ""),
                   make_dossier("1003", "Boulangerie Dupont", "732829320", "00074"),
                   make_dossier("1004", "ALPHA", "", ""),
                   make_dossier("1005", "ACME", "123", "")};
    in.companies = {make_company(3, "SARL L'ÉTOILE", "552100554"), make_company(4, "HOLDING MARTIN"),
                    make_company(5, "BOULANGERIE DUPONT SARL", "732829320"), make_company(6, "ALPHA"),
                    make_company(7, "ALPHA"), make_company(8, "SCI DUPONT")};
    in.links = {make_link("1002", 4, link_kind::confirmed, true)};
    return in;
}

std::set<std::string> keys_of(const json::object& object) {
    std::set<std::string> keys;
    for (const auto& item : object) {
        keys.emplace(item.key());
    }
    return keys;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

BOOST_AUTO_TEST_SUITE(match_report)

BOOST_AUTO_TEST_CASE(json_shape) {
    const match_result r = match_companies(sample_input());
    const json::object root = match_report_json(r);
    BOOST_TEST((keys_of(root) == std::set<std::string>{"summary", "links", "proposals", "unmatched_dossiers",
                                                        "unmatched_companies", "warnings", "text"}));
    const json::object& summary = root.at("summary").as_object();
    BOOST_TEST((keys_of(summary) == std::set<std::string>{"dossiers", "companies", "exact", "confirmed", "proposed",
                                                           "unmatched_dossiers", "unmatched_companies"}));
    BOOST_TEST(summary.at("dossiers").to_number<int>() == 5);
    BOOST_TEST(summary.at("companies").to_number<int>() == 6);
    BOOST_TEST(summary.at("exact").to_number<int>() == 1);
    BOOST_TEST(summary.at("confirmed").to_number<int>() == 1);
    BOOST_TEST(summary.at("proposed").to_number<int>() == 2);
    BOOST_TEST(summary.at("unmatched_dossiers").to_number<int>() == 3);
    BOOST_TEST(summary.at("unmatched_companies").to_number<int>() == 4);

    const json::array& links = root.at("links").as_array();
    BOOST_REQUIRE(links.size() == 2U);
    for (const json::value& link : links) {
        BOOST_TEST((keys_of(link.as_object()) == std::set<std::string>{"dossier_id", "rs", "siren", "company_id",
                                                                        "legal_name", "kind", "active"}));
    }
    BOOST_TEST(links.at(0).at("dossier_id").as_string() == "1001");
    BOOST_TEST(links.at(0).at("company_id").as_int64() == 3);
    BOOST_TEST(links.at(0).at("kind").as_string() == "exact");
    BOOST_TEST(links.at(0).at("active").as_bool() == false);
    BOOST_TEST(links.at(1).at("kind").as_string() == "confirmed");
    BOOST_TEST(links.at(1).at("active").as_bool() == true);
    BOOST_TEST(links.at(1).at("legal_name").as_string() == "HOLDING MARTIN");

    const json::array& proposals = root.at("proposals").as_array();
    BOOST_REQUIRE(proposals.size() == 2U);
    const json::object& first = proposals.at(0).as_object();
    BOOST_TEST((keys_of(first) == std::set<std::string>{"dossier_id", "rs", "siren", "candidates", "candidates_total"}));
    BOOST_TEST(first.at("dossier_id").as_string() == "1003");
    const json::object& candidate = first.at("candidates").as_array().at(0).as_object();
    BOOST_TEST((keys_of(candidate) == std::set<std::string>{"company_id", "legal_name", "reasons"}));
    BOOST_TEST(candidate.at("company_id").as_int64() == 5);
    BOOST_TEST(json::serialize(candidate.at("reasons")) == R"(["same_siren","same_normalised_name"])");
    const json::array& ambiguous = proposals.at(1).at("candidates").as_array();
    BOOST_TEST(ambiguous.size() == 2U);
    BOOST_TEST(json::serialize(ambiguous.at(0).at("reasons")) == R"(["same_legal_name","same_normalised_name"])");

    const json::array& unmatched = root.at("unmatched_dossiers").as_array();
    BOOST_REQUIRE(unmatched.size() == 3U);
    for (const json::value& item : unmatched) {
        BOOST_TEST((keys_of(item.as_object()) ==
                    std::set<std::string>{"dossier_id", "rs", "siren", "reason", "message"}));
    }
    BOOST_TEST(unmatched.at(0).at("reason").as_string() == "no_exact_match");
    BOOST_TEST(unmatched.at(1).at("reason").as_string() == "ambiguous_company_name");
    BOOST_TEST(unmatched.at(2).at("reason").as_string() == "no_exact_match");
    BOOST_TEST(contains(std::string(unmatched.at(2).at("message").as_string()), "SIREN invalide"));

    const json::array& companies = root.at("unmatched_companies").as_array();
    BOOST_REQUIRE(companies.size() == 4U);
    for (const json::value& item : companies) {
        BOOST_TEST((keys_of(item.as_object()) == std::set<std::string>{"company_id", "legal_name", "reason", "message"}));
    }
    const json::array& warnings = root.at("warnings").as_array();
    BOOST_REQUIRE(warnings.size() == 1U);
    BOOST_TEST(warnings.at(0).at("code").as_string() == "invalid_dossier_siren");
    BOOST_TEST(warnings.at(0).at("dossier_id").as_string() == "1005");

    // What we write, a strict parser reads back unchanged.
    const std::string text = json::serialize(root);
    BOOST_TEST(json::parse(text) == json::value(root));
}

BOOST_AUTO_TEST_CASE(text_in_french_and_english) {
    const match_result r = match_companies(sample_input());
    const std::string fr = match_report_text(r);
    BOOST_TEST_MESSAGE("French report:\n" << fr);
    BOOST_TEST(fr.rfind("Rapprochement des dossiers JeDéclare et des entreprises de la plateforme\n", 0) == 0U);
    BOOST_TEST(contains(fr, "Résumé : 1 rapprochement exact, 1 lien confirmé, 2 propositions à confirmer, "
                            "3 dossiers non rapprochés, 4 entreprises sans dossier (5 dossiers JeDéclare, "
                            "6 entreprises de la plateforme).\n"));
    for (const char* heading : {"Rapprochements exacts (1)", "Liens confirmés (1)", "Propositions à confirmer (2)",
                                "Dossiers non rapprochés (3)", "Entreprises sans dossier (4)", "Avertissements (1)"}) {
        BOOST_TEST(contains(fr, std::string("\n") + heading + "\n"), heading);
    }
    BOOST_TEST(contains(fr, "  - dossier 1001 \"SARL L'ÉTOILE\" (SIREN 552100554) → entreprise n° 3 \"SARL L'ÉTOILE\" "
                            "(nouveau)\n"));
    BOOST_TEST(contains(fr, "  - dossier 1002 \"MARTIN & FILS\" → entreprise n° 4 \"HOLDING MARTIN\" (activée)\n"));
    BOOST_TEST(contains(fr, "      · entreprise n° 5 \"BOULANGERIE DUPONT SARL\" : même SIREN, même nom normalisé\n"));
    BOOST_TEST(contains(fr, "Aucune entreprise de la plateforme ne porte exactement la raison sociale "
                            "\"Boulangerie Dupont\" ; entreprise proche : \"BOULANGERIE DUPONT SARL\" (n° 5, même "
                            "SIREN, même nom normalisé) — à confirmer."));
    BOOST_TEST(contains(fr, "Deux entreprises de la plateforme portent la même raison sociale \"ALPHA\""));
    BOOST_TEST(contains(fr, "  - entreprise n° 8 : Aucun dossier JeDéclare ne porte exactement la raison sociale "
                            "\"SCI DUPONT\".\n"));
    BOOST_TEST(contains(fr, "proposée pour le dossier 1003 \"Boulangerie Dupont\" — à confirmer."));

    report_options english;
    english.language = language_from_locale("en");
    const std::string en = match_report_text(r, english);
    BOOST_TEST_MESSAGE("English report:\n" << en);
    BOOST_TEST(en.rfind("Matching JeDéclare dossiers with the platform's companies\n", 0) == 0U);
    BOOST_TEST(contains(en, "Summary: 1 exact match, 1 confirmed link, 2 proposals to confirm, 3 unmatched dossiers, "
                            "4 companies without a dossier (5 JeDéclare dossiers, 6 platform companies).\n"));
    for (const char* heading : {"Exact matches (1)", "Confirmed links (1)", "Proposals to confirm (2)",
                                "Unmatched dossiers (3)", "Companies without a dossier (4)", "Warnings (1)"}) {
        BOOST_TEST(contains(en, std::string("\n") + heading + "\n"), heading);
    }
    BOOST_TEST(contains(en, "Two companies on the platform have the same legal name \"ALPHA\": no automatic match"));
    BOOST_TEST(contains(en, "Invalid SIREN (\"123\", 9 digits expected)"));

    const json::object en_json = match_report_json(r, english);
    BOOST_TEST(std::string(en_json.at("text").as_string()) == en);
    BOOST_TEST(contains(std::string(en_json.at("unmatched_companies").as_array().at(3).at("message").as_string()),
                        "No JeDéclare dossier has exactly the legal name \"SCI DUPONT\""));
}

BOOST_AUTO_TEST_CASE(empty_result) {
    const match_result r = match_companies(match_input{});
    const std::string fr = match_report_text(r);
    BOOST_TEST(contains(fr, "Résumé : 0 rapprochement exact, 0 lien confirmé, 0 proposition à confirmer, 0 dossier non "
                            "rapproché, 0 entreprise sans dossier (0 dossier JeDéclare, 0 entreprise de la "
                            "plateforme)."));
    const json::object root = match_report_json(r);
    BOOST_TEST(root.at("links").as_array().empty());
}

// Every warning code reads as a sentence in both languages, names escaped, nothing raw.
BOOST_AUTO_TEST_CASE(every_warning_renders) {
    const warning_code codes[] = {
        warning_code::invalid_dossier_siren, warning_code::invalid_dossier_siret, warning_code::invalid_company_siren,
        warning_code::invalid_company_siret, warning_code::siren_siret_mismatch,   warning_code::invalid_utf8_rs,
        warning_code::invalid_utf8_legal_name, warning_code::duplicate_dossier_id, warning_code::duplicate_company_id,
        warning_code::link_siren_mismatch,   warning_code::link_dossier_missing,  warning_code::link_company_missing,
        warning_code::link_name_changed,     warning_code::link_duplicate,
    };
    std::set<std::string> seen;
    for (warning_code code : codes) {
        match_warning w;
        w.code = code;
        w.dossier_id = "D\x1b" "1";
        w.company_id = 42;
        w.dossier_name = "RS\n\xff";
        w.company_name = "NAME\u202e";
        w.value = code == warning_code::invalid_utf8_rs || code == warning_code::invalid_utf8_legal_name ? "3" : "12";
        w.other_value = "34";
        for (report_language language : {report_language::fr, report_language::en}) {
            const std::string message = warning_message(w, language, 120);
            BOOST_TEST(!message.empty());
            BOOST_TEST(utf8::is_valid(message));
            BOOST_TEST(message.find('\n') == std::string::npos);
            BOOST_TEST(message.find('\x1b') == std::string::npos);
            BOOST_TEST(message.find("\u202e") == std::string::npos);
            BOOST_TEST(message.back() == '.');
            seen.insert(message);
        }
    }
    BOOST_TEST(seen.size() == 2 * std::size(codes)); // one distinct sentence per code and language

    match_warning renamed;
    renamed.code = warning_code::link_name_changed;
    renamed.dossier_id = "1001";
    renamed.company_id = 3;
    renamed.dossier_name = "GAMMA";
    renamed.company_name = "GAMMA HOLDING";
    BOOST_TEST(warning_message(renamed, report_language::fr) ==
               "Lien exact enregistré dossier 1001 \"GAMMA\" → entreprise n° 3 \"GAMMA HOLDING\" : les raisons "
               "sociales ne sont plus identiques ; lien suspendu, à confirmer de nouveau.");
    BOOST_TEST(warning_message(renamed, report_language::en) ==
               "Stored exact link dossier 1001 \"GAMMA\" → company #3 \"GAMMA HOLDING\": the legal names are no "
               "longer identical; link suspended, to be confirmed again.");
}

BOOST_AUTO_TEST_CASE(locales) {
    BOOST_TEST((language_from_locale("en") == report_language::en));
    BOOST_TEST((language_from_locale("en-GB") == report_language::en));
    BOOST_TEST((language_from_locale("EN_us") == report_language::en));
    BOOST_TEST((language_from_locale("fr") == report_language::fr));
    BOOST_TEST((language_from_locale("") == report_language::fr));
    BOOST_TEST((language_from_locale("english") == report_language::fr));
    BOOST_TEST((language_from_locale("de") == report_language::fr));
}

BOOST_AUTO_TEST_CASE(display_escapes_and_truncates) {
    BOOST_TEST(display_text("A\"B\\C") == "A\\\"B\\\\C");
    BOOST_TEST(display_text("\x1b[31m") == "\\u{001B}[31m");
    BOOST_TEST(display_text("L1\nL2\r\t") == "L1\\nL2\\r\\t");
    BOOST_TEST(display_text(std::string("A\0B", 3)) == "A\\u{0000}B");
    BOOST_TEST(display_text("X\u202eY\u2066Z") == "X\\u{202E}Y\\u{2066}Z");
    BOOST_TEST(display_text("\u200bA\ufeff") == "\\u{200B}A\\u{FEFF}");
    BOOST_TEST(display_text("\xc2\x85") == "\\u{0085}"); // C1 control
    BOOST_TEST(display_text("CAF\xc9") == "CAF\\xC9");
    BOOST_TEST(display_text("abcdef", 3) == "abc\u2026");
    BOOST_TEST(display_text("ÉÉÉÉ", 2) == "ÉÉ\u2026");
    BOOST_TEST(display_text("abc", 3) == "abc");
    BOOST_TEST(display_text("L\u2019\u00c9toile\u00a0SARL") == "L\u2019\u00c9toile\u00a0SARL");
}

BOOST_AUTO_TEST_CASE(hostile_names_do_no_harm) {
    const std::string sql = "'; DROP TABLE companies; --";
    const std::string quotes = "\"ALPHA\" OR \"1\"=\"1\"";
    const std::string ansi = "EVIL\x1b[31mRED\x1b[0m";
    const std::string lines = "LINE\nBREAK\rX\tY";
    const std::string nul("NUL\0BYTE", 8);
    const std::string bidi = "\u202eELIF\u202c.exe";
    const std::string longest = std::string(10000, 'A') + "\u00dc";
    const std::string invalid = "BAD\xff\xfe";

    match_input in;
    in.dossiers = {make_dossier("D1", sql), make_dossier("D2", quotes), make_dossier("D3", ansi),
                   make_dossier("D4", lines), make_dossier("D5", nul), make_dossier("D6", bidi),
                   make_dossier("D7", longest), make_dossier("D8", invalid), make_dossier("D9\n\x1b", "X", "\x1b")};
    in.companies = {make_company(1, sql), make_company(2, quotes + " "), make_company(3, ansi),
                    make_company(4, lines), make_company(5, nul), make_company(6, bidi),
                    make_company(7, longest + " SARL"), make_company(8, invalid), make_company(9, invalid)};
    const match_result r = match_companies(in);
    BOOST_TEST(summary_consistent(r));
    BOOST_TEST(find_link(r, "D1")->company.id == 1); // hostile but byte-equal: linked like any other
    BOOST_TEST(find_link(r, "D5")->company.id == 5); // an embedded NUL is part of the name
    BOOST_TEST(find_link(r, "D8") == nullptr);      // two companies bear these bytes
    BOOST_TEST(find_proposal(r, "D7") != nullptr);  // the long name still works by normalised name

    for (report_language language : {report_language::fr, report_language::en}) {
        report_options options;
        options.language = language;
        const std::string text = match_report_text(r, options);
        BOOST_TEST(utf8::is_valid(text));
        bool clean = true;
        std::size_t longest_line = 0;
        std::istringstream stream(text);
        for (std::string line; std::getline(stream, line);) {
            longest_line = std::max(longest_line, line.size());
            for (char c : line) {
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                    clean = false;
                }
            }
        }
        BOOST_TEST(clean, "raw control characters in the text report");
        BOOST_TEST(longest_line < 2000U, "a line of " << longest_line << " bytes");
        BOOST_TEST(!contains(text, "\u202e"));
        BOOST_TEST(contains(text, "\\u{202E}ELIF\\u{202C}.exe"));
        BOOST_TEST(contains(text, "EVIL\\u{001B}[31mRED"));
        BOOST_TEST(contains(text, "LINE\\nBREAK\\rX\\tY"));
        BOOST_TEST(contains(text, "NUL\\u{0000}BYTE"));
        BOOST_TEST(contains(text, "\\\"ALPHA\\\" OR"));
        BOOST_TEST(contains(text, "BAD\\xFF\\xFE"));
        BOOST_TEST(contains(text, "dossier D9\\n\\u{001B}"));
        BOOST_TEST(contains(text, std::string(120, 'A') + "\u2026"));
        BOOST_TEST(!contains(text, std::string(121, 'A')));

        const json::object root = match_report_json(r, options);
        const std::string serialized = json::serialize(root);
        json::value parsed;
        BOOST_REQUIRE_NO_THROW(parsed = json::parse(serialized));
        // JSON keeps names whole; only bytes that are not UTF-8 are replaced.
        bool long_name_whole = false;
        bool invalid_replaced = false;
        bool sql_verbatim = false;
        bool nul_whole = false;
        for (const json::value& item : parsed.at("unmatched_dossiers").as_array()) {
            const std::string rs(item.at("rs").as_string());
            long_name_whole = long_name_whole || rs == longest;
            invalid_replaced = invalid_replaced || rs == "BAD\uFFFD\uFFFD";
            if (rs == longest) {
                BOOST_TEST(contains(std::string(item.at("message").as_string()), longest));
            }
        }
        for (const json::value& item : parsed.at("links").as_array()) {
            const std::string rs(item.at("rs").as_string());
            sql_verbatim = sql_verbatim || rs == sql;
            nul_whole = nul_whole || rs == nul;
        }
        BOOST_TEST(long_name_whole);
        BOOST_TEST(invalid_replaced);
        BOOST_TEST(sql_verbatim);
        BOOST_TEST(nul_whole);
    }
}

BOOST_AUTO_TEST_SUITE_END()
