// JJMMAA dates: real calendar days only, fixed century rule.

#include "test_support.hpp"

#include "jd/statement/calendar_date.hpp"

#include <boost/test/unit_test.hpp>

using namespace jd::statement;
using namespace jd::statement::test;

BOOST_AUTO_TEST_SUITE(dates)

BOOST_AUTO_TEST_CASE(valid_days) {
    struct sample {
        const char* text;
        const char* iso;
    };
    for (const sample& s : {sample{"130124", "2024-01-13"}, sample{"290224", "2024-02-29"}, sample{"290200", "2000-02-29"},
                            sample{"311299", "1999-12-31"}, sample{"010180", "1980-01-01"}, sample{"311279", "2079-12-31"},
                            sample{"010100", "2000-01-01"}, sample{"300416", "2016-04-30"}, sample{"310716", "2016-07-31"}}) {
        BOOST_TEST_CONTEXT(s.text) {
            const parsed_date d = parse_jjmmaa(s.text);
            BOOST_TEST(d.status == date_status::ok);
            BOOST_TEST(d.date.iso() == s.iso);
            BOOST_TEST(d.date.valid());
        }
    }
}

BOOST_AUTO_TEST_CASE(no_rollover_and_no_guessing) {
    for (const char* text : {"310224", "300224", "290223", "290221", "310424", "000124", "320124", "011324", "010024",
                             "0a0124", "01 124", "/10124", "01012:", "999999", "-10124"}) {
        BOOST_TEST_CONTEXT(text) {
            const parsed_date d = parse_jjmmaa(text);
            BOOST_TEST(d.status == date_status::invalid);
            BOOST_TEST(!d.date.valid());
            BOOST_TEST(d.date.iso().empty());
        }
    }
    BOOST_TEST(parse_jjmmaa("      ").status == date_status::blank);
}

BOOST_AUTO_TEST_CASE(century_rule_is_fixed_at_80) {
    BOOST_TEST(first_year_of_1900s == 80);
    BOOST_TEST(parse_jjmmaa("010179").date.year == 2079);
    BOOST_TEST(parse_jjmmaa("010180").date.year == 1980);
    BOOST_TEST(parse_jjmmaa("010169").date.year == 2069);
    BOOST_TEST(parse_jjmmaa("010161").date.year == 2061);
}

BOOST_AUTO_TEST_CASE(leap_years) {
    BOOST_TEST(is_leap_year(2024));
    BOOST_TEST(is_leap_year(2000));
    BOOST_TEST(!is_leap_year(2100));
    BOOST_TEST(!is_leap_year(2023));
    BOOST_TEST(days_in_month(2024, 2) == 29);
    BOOST_TEST(days_in_month(2023, 2) == 28);
    BOOST_TEST(days_in_month(2023, 12) == 31);
    BOOST_TEST(days_in_month(2023, 11) == 30);
}

BOOST_AUTO_TEST_CASE(date_keys_order_like_dates) {
    BOOST_TEST(parse_jjmmaa("311223").date.key() < parse_jjmmaa("010124").date.key());
    BOOST_TEST(parse_jjmmaa("010124").date.key() == 20240101);
    BOOST_TEST(calendar_date{}.key() == 0);
}

BOOST_AUTO_TEST_CASE(invalid_value_date_keeps_the_movement) {
    statement_spec s;
    std::string m = movement_record(s, "020324", -500, "CB");
    m.replace(42, 6, "310224");
    const parse_result r = parse_buffer(join({opening(s, "010324", 1000), m, closing(s, "020324", 500)}, ending::lf));
    BOOST_TEST(r.accepted());
    const bank_statement& st = r.statements.at(0);
    BOOST_REQUIRE_EQUAL(st.movements.size(), 1U);
    BOOST_TEST(!st.movements[0].value_date.valid());
    BOOST_TEST(st.balanced);
    const diagnostic* d = find_code(r, diagnostic_code::invalid_date);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->field == record_field::value_date);
    BOOST_TEST(d->position == 43U);
    BOOST_TEST(d->offset == 121U + 42U);
    BOOST_TEST(d->value == "310224");
    BOOST_TEST(d->level == severity::error);
    BOOST_TEST(!parse_strict(join({opening(s, "010324", 1000), m, closing(s, "020324", 500)}, ending::lf)).accepted());
}

BOOST_AUTO_TEST_CASE(unreadable_booking_date_takes_the_statement_date) {
    statement_spec s;
    std::string m = movement_record(s, "020324", -500, "CB");
    m.replace(34, 6, "999999");
    const parse_result r = parse_buffer(join({opening(s, "010324", 1000), m, closing(s, "030324", 500)}, ending::lf));
    const bank_statement& st = r.statements.at(0);
    BOOST_REQUIRE_EQUAL(st.movements.size(), 1U);
    BOOST_TEST(st.movements[0].booking_date.iso() == "2024-03-03");
    const diagnostic* d = find_code(r, diagnostic_code::booking_date_replaced);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->line == 2U);
    BOOST_TEST(d->value == "2024-03-03");
    BOOST_TEST(st.balanced);
}

BOOST_AUTO_TEST_CASE(blank_value_date_is_a_warning) {
    statement_spec s;
    std::string m = movement_record(s, "020324", -500, "CB");
    m.replace(42, 6, "      ");
    const parse_result r = parse_buffer(join({opening(s, "010324", 1000), m, closing(s, "020324", 500)}, ending::lf));
    const diagnostic* d = find_code(r, diagnostic_code::blank_date);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->level == severity::warning);
    BOOST_TEST(message(*d, "fr") == "Champ « date de valeur » à blanc.");
    BOOST_TEST(message(*d, "en") == "Field \"value date\" is blank.");
}

BOOST_AUTO_TEST_SUITE_END()
