// Overpunch amounts and the number of decimals.

#include "test_support.hpp"

#include "jd/statement/amount.hpp"

#include <boost/test/unit_test.hpp>

using namespace jd::statement;
using namespace jd::statement::test;

BOOST_AUTO_TEST_SUITE(amounts)

BOOST_AUTO_TEST_CASE(every_overpunch_character) {
    const std::string credit = "{ABCDEFGHI";
    const std::string debit = "}JKLMNOPQR";
    for (int digit = 0; digit <= 9; ++digit) {
        const auto c = decode_overpunch(credit[static_cast<std::size_t>(digit)]);
        BOOST_REQUIRE(c.has_value());
        BOOST_TEST(c->sign == 1);
        BOOST_TEST(c->digit == digit);
        const auto d = decode_overpunch(debit[static_cast<std::size_t>(digit)]);
        BOOST_REQUIRE(d.has_value());
        BOOST_TEST(d->sign == -1);
        BOOST_TEST(d->digit == digit);

        const std::string plus = "0000000001234" + std::string(1, credit[static_cast<std::size_t>(digit)]);
        const std::string minus = "0000000001234" + std::string(1, debit[static_cast<std::size_t>(digit)]);
        BOOST_TEST(decode_amount(plus.c_str()).minor == 12340 + digit);
        BOOST_TEST(decode_amount(minus.c_str()).minor == -(12340 + digit));
    }
    // Every other byte is refused as a sign character.
    int accepted = 0;
    for (int c = 0; c < 256; ++c) {
        accepted += decode_overpunch(static_cast<char>(c)).has_value() ? 1 : 0;
    }
    BOOST_TEST(accepted == 20);
    for (const char c : std::string("0123456789 +-Sajè")) {
        BOOST_TEST(!decode_overpunch(c).has_value());
    }
}

BOOST_AUTO_TEST_CASE(amount_field_values_and_errors) {
    BOOST_TEST(decode_amount("0000000001904}").minor == -19040); // -190.40 with 2 decimals
    BOOST_TEST(decode_amount("0000000000000{").minor == 0);
    BOOST_TEST(decode_amount("0000000000000}").minor == 0);
    BOOST_TEST(decode_amount("9999999999999I").minor == 99999999999999);
    BOOST_TEST(decode_amount("9999999999999R").minor == -99999999999999);
    BOOST_TEST(decode_amount("00000000012X4{").status == amount_status::bad_digits);
    BOOST_TEST(decode_amount(" 000000001234{").status == amount_status::bad_digits);
    BOOST_TEST(decode_amount("0000000001234 ").status == amount_status::bad_sign);
    BOOST_TEST(decode_amount("00000000012345").status == amount_status::bad_sign);
    BOOST_TEST(decode_amount("              ").status == amount_status::blank);
    // Every position is checked.
    for (int i = 0; i < 13; ++i) {
        std::string field = "0000000000000{";
        field[static_cast<std::size_t>(i)] = ':';
        BOOST_TEST(decode_amount(field.c_str()).status == amount_status::bad_digits);
        field[static_cast<std::size_t>(i)] = '/';
        BOOST_TEST(decode_amount(field.c_str()).status == amount_status::bad_digits);
    }
}

namespace {

parse_result one_statement(const statement_spec& s, std::int64_t open, std::int64_t amount, std::int64_t close) {
    return parse_buffer(join({opening(s, "010324", open), movement_record(s, "020324", amount, "PAIEMENT"),
                              closing(s, "020324", close)},
                             ending::lf));
}

} // namespace

BOOST_AUTO_TEST_CASE(zero_decimals_xpf) {
    statement_spec s;
    s.currency = "XPF";
    s.decimals = "0";
    const parse_result r = one_statement(s, 1234, -34, 1200);
    BOOST_TEST(r.accepted());
    BOOST_TEST(r.diagnostics.empty());
    BOOST_REQUIRE_EQUAL(r.statements.size(), 1U);
    const bank_statement& st = r.statements[0];
    BOOST_TEST(st.currency == "XPF");
    BOOST_TEST(st.decimals == 0);
    BOOST_TEST(st.opening->amount_minor == 1234); // 1234 XPF, not 12.34
    BOOST_TEST(st.movements[0].decimals == 0);
    BOOST_TEST(st.movements[0].amount_minor == -34);
    BOOST_TEST(st.balanced);
}

BOOST_AUTO_TEST_CASE(two_and_three_decimals) {
    statement_spec eur;
    const parse_result two = one_statement(eur, 10000, -2550, 7450);
    BOOST_TEST(two.statements.at(0).balanced);
    BOOST_TEST(two.statements.at(0).decimals == 2);

    statement_spec tnd;
    tnd.currency = "TND";
    tnd.decimals = "3";
    const parse_result three = one_statement(tnd, 1000500, -500, 1000000);
    BOOST_TEST(three.diagnostics.empty());
    const bank_statement& st = three.statements.at(0);
    BOOST_TEST(st.decimals == 3);
    BOOST_TEST(st.movements[0].decimals == 3);
    BOOST_TEST(st.balanced);

    const parse_result off = one_statement(tnd, 1000500, -500, 1000001);
    BOOST_TEST(!off.statements.at(0).balanced);
    BOOST_TEST(off.statements.at(0).difference_minor == 1);
    const diagnostic* d = find_code(off, diagnostic_code::unbalanced_statement);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->decimals == 3);
    BOOST_TEST(message(*d, "fr").find("0,001") != std::string::npos);
    BOOST_TEST(message(*d, "en").find("0.001") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(movements_of_another_scale_are_rescaled_for_the_check) {
    statement_spec s;
    statement_spec three = s;
    three.decimals = "3";
    // 100.00 - 1.234 (a 3-decimal movement) = 98.766: not representable with 2 decimals.
    const std::string file = join({opening(s, "010324", 10000), movement_record(three, "020324", -1234, "FRAIS"),
                                   movement_record(s, "020324", -66, "FRAIS"), closing(s, "020324", 9810)},
                                  ending::crlf);
    const parse_result r = parse_buffer(file);
    const bank_statement& st = r.statements.at(0);
    BOOST_TEST(st.movements[0].decimals == 3);
    BOOST_TEST(st.movements[0].amount_minor == -1234);
    // 100.000 - 1.234 - 0.660 = 98.106, closing 98.10: off by 0.006, reported.
    BOOST_TEST(!st.balanced);
    const std::string balanced = join({opening(s, "010324", 10000), movement_record(three, "020324", -1230, "FRAIS"),
                                       movement_record(s, "020324", -66, "FRAIS"), closing(s, "020324", 9811)},
                                      ending::crlf);
    BOOST_TEST(parse_buffer(balanced).statements.at(0).balanced);
}

BOOST_AUTO_TEST_CASE(blank_decimals_mean_two_with_a_warning) {
    statement_spec s;
    s.decimals = " ";
    const parse_result r = one_statement(s, 100, 50, 150);
    BOOST_TEST(r.accepted());
    BOOST_TEST(r.statements.at(0).decimals == 2);
    BOOST_TEST(r.statements.at(0).balanced);
    const diagnostic* d = find_code(r, diagnostic_code::blank_decimals);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->level == severity::warning);
    BOOST_TEST(d->position == 20U);
    BOOST_TEST(d->line == 1U);
    BOOST_TEST(d->offset == 19U);

    s.decimals = "X";
    const parse_result bad = one_statement(s, 100, 50, 150);
    BOOST_TEST(has_code(bad, diagnostic_code::invalid_decimals));
    BOOST_TEST(find_code(bad, diagnostic_code::invalid_decimals)->level == severity::error);
}

BOOST_AUTO_TEST_CASE(unreadable_balance_is_reported_and_not_checked) {
    statement_spec s;
    std::string open = opening(s, "010324", 100);
    open.replace(90, 14, "00000000001X0{");
    const parse_result r = parse_buffer(join({open, movement_record(s, "020324", 50, "X"), closing(s, "020324", 150)}, ending::lf));
    BOOST_TEST(r.accepted());
    const bank_statement& st = r.statements.at(0);
    BOOST_TEST(!st.opening.has_value());
    BOOST_TEST(!st.balanced);
    BOOST_TEST(has_code(r, diagnostic_code::invalid_amount));
    const diagnostic* unknown = find_code(r, diagnostic_code::balance_unknown);
    BOOST_REQUIRE(unknown != nullptr);
    BOOST_TEST(unknown->expected == "opening");
}

BOOST_AUTO_TEST_CASE(format_amount_in_both_languages) {
    BOOST_TEST(format_amount(-123456, 2, language::fr) == "-1234,56");
    BOOST_TEST(format_amount(-123456, 2, language::en) == "-1234.56");
    BOOST_TEST(format_amount(5, 3, language::en) == "0.005");
    BOOST_TEST(format_amount(1234, 0, language::fr) == "1234");
    BOOST_TEST(format_amount(INT64_MIN, 2, language::en) == "-92233720368547758.08");
}

BOOST_AUTO_TEST_SUITE_END()
