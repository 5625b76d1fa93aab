// Statements: several accounts and days per file, chaining, and what happens with broken structure.

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

using namespace jd::statement;
using namespace jd::statement::test;

BOOST_AUTO_TEST_SUITE(statements)

BOOST_AUTO_TEST_CASE(several_accounts_and_days_chain_per_account) {
    statement_spec a;
    statement_spec b;
    b.bank = "10278";
    b.branch = "06040";
    b.account = "00020212345";
    const std::string file = join({opening(a, "010324", 1000), movement_record(a, "020324", 500, "VIR"), closing(a, "020324", 1500),
                                   opening(b, "010324", -200), closing(b, "020324", -200),
                                   opening(a, "020324", 1500), movement_record(a, "030324", -1500, "PRLV"), closing(a, "030324", 0),
                                   opening(b, "020324", -200), movement_record(b, "030324", 200, "VIR"), closing(b, "030324", 0),
                                   opening(a, "040324", 7), closing(a, "040324", 7)},
                                  ending::crlf);
    const parse_result r = parse_strict(file);
    // The last statement of account a does not chain (0 then 7): a warning, so strict rejects it.
    BOOST_TEST(!r.accepted());
    BOOST_TEST(r.diagnostics.at(0).code == diagnostic_code::chain_break);
    BOOST_TEST(r.diagnostics.at(0).line == 12U);

    const parse_result lenient = parse_buffer(file);
    BOOST_TEST(lenient.accepted());
    BOOST_REQUIRE_EQUAL(lenient.statements.size(), 5U);
    BOOST_TEST(lenient.statements[0].chain == chain_status::first);
    BOOST_TEST(lenient.statements[1].chain == chain_status::first);
    BOOST_TEST(lenient.statements[2].chain == chain_status::continuous);
    BOOST_TEST(lenient.statements[3].chain == chain_status::continuous);
    BOOST_TEST(lenient.statements[4].chain == chain_status::broken);
    BOOST_TEST(lenient.statements[4].previous_closing_minor == 0);
    for (const bank_statement& s : lenient.statements) {
        BOOST_TEST(s.balanced);
    }
    BOOST_TEST(lenient.statements[1].movements.empty());
    BOOST_TEST(lenient.statements[1].rib_key == "102780604000020212345");
    const diagnostic* d = find_code(lenient, diagnostic_code::chain_break);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->level == severity::warning);
    BOOST_TEST(message(*d, "fr").find("0,07") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_day_without_movement_with_filler_in_reserved_zones) {
    statement_spec s;
    std::string open = opening(s, "150421", 123456);
    open.replace(40, 30, "** PAS DE MOUVEMENT CE JOUR **");
    open.replace(104, 16, "  081           ");
    std::string close = closing(s, "150421", 123456);
    close.replace(40, 30, "------------------------------");
    close.replace(104, 16, "1505191605190415");
    const parse_result r = parse_strict(join({open, close}, ending::lf));
    BOOST_TEST(r.accepted());
    BOOST_TEST(r.diagnostics.empty());
    BOOST_TEST(r.statements.at(0).balanced);
    BOOST_TEST(r.statements.at(0).movements.empty());
}

BOOST_AUTO_TEST_CASE(a_new_01_closes_an_open_statement) {
    statement_spec s;
    const parse_result r = parse_buffer(join({opening(s, "010324", 0), movement_record(s, "020324", 100, "VIR"),
                                              opening(s, "020324", 100), closing(s, "030324", 100)},
                                             ending::lf));
    BOOST_TEST(r.accepted());
    BOOST_REQUIRE_EQUAL(r.statements.size(), 2U);
    BOOST_TEST(!r.statements[0].closing.has_value());
    BOOST_TEST(!r.statements[0].balanced);
    BOOST_TEST(r.statements[0].movements.size() == 1U);
    BOOST_TEST(r.statements[1].chain == chain_status::unknown);
    const diagnostic* d = find_code(r, diagnostic_code::statement_not_closed);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->line == 3U);
    BOOST_TEST(d->number == 1);
    BOOST_TEST(has_code(r, diagnostic_code::balance_unknown));
}

BOOST_AUTO_TEST_CASE(a_file_cut_short_keeps_its_movements) {
    statement_spec s;
    const parse_result r = parse_buffer(join({opening(s, "010324", 0), movement_record(s, "020324", 100, "VIR")}, ending::lf));
    BOOST_TEST(r.accepted());
    BOOST_REQUIRE_EQUAL(r.statements.size(), 1U);
    BOOST_TEST(r.statements[0].movements.size() == 1U);
    BOOST_TEST(!r.statements[0].balanced);
    BOOST_TEST(has_code(r, diagnostic_code::statement_not_closed));
    BOOST_TEST(!parse_strict(join({opening(s, "010324", 0), movement_record(s, "020324", 100, "VIR")}, ending::lf)).accepted());
}

BOOST_AUTO_TEST_CASE(records_outside_a_statement_are_skipped_and_reported) {
    statement_spec s;
    const parse_result r = parse_buffer(join({movement_record(s, "020324", 100, "VIR"), complement_record(s, "020324", "LIB", "X"),
                                              closing(s, "020324", 100), opening(s, "020324", 0), closing(s, "020324", 0)},
                                             ending::lf));
    BOOST_TEST(r.accepted());
    BOOST_REQUIRE_EQUAL(r.statements.size(), 1U);
    std::size_t outside = 0;
    for (const diagnostic& d : r.diagnostics) {
        if (d.code == diagnostic_code::record_outside_statement) {
            ++outside;
            BOOST_TEST(d.level == severity::error);
        }
    }
    BOOST_TEST(outside == 3U);
}

BOOST_AUTO_TEST_CASE(an_unknown_record_inside_a_statement_does_not_break_it) {
    statement_spec s;
    const parse_result r = parse_buffer(join({opening(s, "010324", 0), movement_record(s, "020324", 100, "VIR"),
                                              std::string("99") + std::string(118, ' '),
                                              complement_record(s, "020324", "LIB", "APRES"), closing(s, "020324", 100)},
                                             ending::lf));
    BOOST_TEST(r.accepted());
    const bank_statement& st = r.statements.at(0);
    BOOST_TEST(st.balanced);
    BOOST_TEST(st.skipped_records == 1U);
    BOOST_TEST(st.movements.at(0).complements.size() == 1U);
    const diagnostic* d = find_code(r, diagnostic_code::unknown_record_code);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->value == "99");
    BOOST_TEST(d->line == 3U);
}

BOOST_AUTO_TEST_CASE(bank_code_differing_on_04_and_07_is_a_warning) {
    statement_spec s;
    statement_spec other = s;
    other.bank = "15589";
    const parse_result r = parse_buffer(join({opening(s, "010324", 0), movement_record(other, "020324", 100, "VIR"),
                                              closing(other, "020324", 100)},
                                             ending::lf));
    BOOST_TEST(r.accepted());
    BOOST_TEST(r.statements.at(0).balanced);
    BOOST_TEST(r.statements.at(0).bank == "30004");
    std::size_t mismatches = 0;
    for (const diagnostic& d : r.diagnostics) {
        mismatches += d.code == diagnostic_code::account_mismatch ? 1U : 0U;
    }
    BOOST_TEST(mismatches == 2U);
}

BOOST_AUTO_TEST_CASE(currencies) {
    statement_spec s;
    statement_spec usd = s;
    usd.currency = "USD";
    statement_spec blank = s;
    blank.currency = "   ";
    // A 04 in another currency: kept, reported.
    parse_result r = parse_buffer(join({opening(s, "010324", 0), movement_record(usd, "020324", 100, "VIR"), closing(s, "020324", 100)},
                                       ending::lf));
    BOOST_TEST(r.statements.at(0).movements.at(0).currency == "USD");
    BOOST_TEST(has_code(r, diagnostic_code::currency_mismatch));
    // A blank currency on the 07: inherited, a note only.
    r = parse_strict(join({opening(s, "010324", 0), closing(blank, "010324", 0)}, ending::lf));
    BOOST_TEST(r.accepted());
    BOOST_TEST(has_code(r, diagnostic_code::currency_inherited));
    // Blank everywhere: EUR.
    r = parse_buffer(join({opening(blank, "010324", 0), closing(blank, "010324", 0)}, ending::lf));
    BOOST_TEST(r.statements.at(0).currency == "EUR");
    // Two statements of one account in two currencies are two accounts.
    r = parse_buffer(join({opening(s, "010324", 0), closing(s, "010324", 0), opening(usd, "010324", 5), closing(usd, "010324", 5)},
                          ending::lf));
    BOOST_TEST(r.statements.at(1).chain == chain_status::first);
}

BOOST_AUTO_TEST_CASE(lines_and_offsets_of_statements) {
    const parse_result r = parse_buffer(read_data("cfonb120/oca_l10n-france_v10_test_cfonb.txt"));
    BOOST_TEST(r.statements.at(0).first_line == 1U);
    BOOST_TEST(r.statements.at(0).last_line == 16U);
    BOOST_TEST(r.statements.at(1).first_line == 17U);
    BOOST_TEST(r.statements.at(1).first_offset == 1950U); // 121 + 13 * 122 + 121 + 122
    BOOST_TEST(r.statements.at(0).movements.at(1).line == 6U);
    BOOST_TEST(r.statements.at(0).movements.at(1).complements[3].line == 10U);
}

BOOST_AUTO_TEST_SUITE_END()
