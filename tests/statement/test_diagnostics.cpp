// Diagnostics: where, what, how bad, in French and English.

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

using namespace jd::statement;
using namespace jd::statement::test;

BOOST_AUTO_TEST_SUITE(diagnostics)

BOOST_AUTO_TEST_CASE(location_record_type_and_field) {
    statement_spec s;
    std::string bad = movement_record(s, "020324", -100, "CB");
    bad.replace(90, 14, "00000000001X0{");
    const parse_result r = parse_buffer(join({opening(s, "010324", 0), bad, closing(s, "020324", -100)}, ending::crlf));
    const diagnostic* d = find_code(r, diagnostic_code::invalid_amount);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->level == severity::error);
    BOOST_TEST(d->line == 2U);
    BOOST_TEST(d->offset == 122U + 90U);
    BOOST_TEST(d->record == 2U);
    BOOST_TEST(d->record_type == "04");
    BOOST_TEST(d->field == record_field::amount);
    BOOST_TEST(d->position == 91U);
    BOOST_TEST(d->value == "00000000001X0{");
    BOOST_TEST(describe(*d, "fr") ==
               "ligne 2, octet 212, enregistrement 04, champ montant (position 91) : Montant illisible « 00000000001X0{ » : "
               "mouvement ignoré.");
    BOOST_TEST(describe(*d, "en") ==
               "line 2, byte 212, record 04, field amount (position 91): Unreadable amount \"00000000001X0{\": movement skipped.");
    BOOST_TEST(code_name(d->code) == "invalid_amount");
    BOOST_TEST(severity_name(d->level) == "error");
    BOOST_TEST(field_name(d->field) == "amount");
}

BOOST_AUTO_TEST_CASE(every_code_has_a_message_in_both_languages) {
    for (int c = 0; c <= static_cast<int>(diagnostic_code::too_many_diagnostics); ++c) {
        diagnostic d;
        d.code = static_cast<diagnostic_code>(c);
        d.level = default_severity(d.code);
        d.value = "X";
        d.field = record_field::value_date;
        const std::string fr = message(d, "fr");
        const std::string en = message(d, "en");
        BOOST_TEST_CONTEXT(code_name(d.code)) {
            BOOST_TEST(!fr.empty());
            BOOST_TEST(!en.empty());
            BOOST_TEST(fr != en);
            BOOST_TEST(fr != "?");
            BOOST_TEST(code_name(d.code) != "unknown");
        }
    }
    BOOST_TEST(language_of("en_GB") == language::en);
    BOOST_TEST(language_of("fr") == language::fr);
    BOOST_TEST(language_of("") == language::fr);
    BOOST_TEST(language_of("de") == language::fr);
}

BOOST_AUTO_TEST_CASE(severities_decide_strict_rejection) {
    BOOST_TEST(default_severity(diagnostic_code::unknown_qualifier) == severity::info);
    BOOST_TEST(default_severity(diagnostic_code::short_line) == severity::warning);
    BOOST_TEST(default_severity(diagnostic_code::unbalanced_statement) == severity::error);
    BOOST_TEST(default_severity(diagnostic_code::not_cfonb120) == severity::fatal);
}

BOOST_AUTO_TEST_CASE(lenient_mode_accepts_errors_and_reports_them) {
    statement_spec s;
    const std::string file = join({opening(s, "010324", 0), movement_record(s, "020324", -100, "CB"), closing(s, "020324", 999)},
                                  ending::lf);
    const parse_result lenient = parse_buffer(file);
    BOOST_TEST(lenient.accepted());
    BOOST_TEST(lenient.statements.size() == 1U);
    BOOST_TEST(lenient.summary.unbalanced_statements == 1U);
    BOOST_TEST(lenient.summary.diagnostics[static_cast<int>(severity::error)] == 1U);
    const parse_result strict = parse_strict(file);
    BOOST_TEST(!strict.accepted());
    BOOST_TEST(strict.statements.empty());
    BOOST_TEST(strict.diagnostics.at(0).code == diagnostic_code::unbalanced_statement);
    BOOST_TEST(strict.diagnostics.at(0).line == 3U);
}

BOOST_AUTO_TEST_SUITE_END()
