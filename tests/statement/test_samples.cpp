// Every sample file gives its expected result.

#include "test_support.hpp"

#include "jd/statement/bank_account.hpp"

#include <boost/test/unit_test.hpp>

using namespace jd::statement;
using namespace jd::statement::test;

namespace {

void check_same_statements(const parse_result& a, const parse_result& b) {
    BOOST_REQUIRE_EQUAL(a.statements.size(), b.statements.size());
    for (std::size_t i = 0; i < a.statements.size(); ++i) {
        const bank_statement& x = a.statements[i];
        const bank_statement& y = b.statements[i];
        BOOST_TEST(x.rib_key == y.rib_key);
        BOOST_TEST(x.currency == y.currency);
        BOOST_TEST(x.opening->amount_minor == y.opening->amount_minor);
        BOOST_TEST(x.closing->amount_minor == y.closing->amount_minor);
        BOOST_TEST(x.balanced == y.balanced);
        BOOST_REQUIRE_EQUAL(x.movements.size(), y.movements.size());
        for (std::size_t k = 0; k < x.movements.size(); ++k) {
            const movement& m = x.movements[k];
            const movement& n = y.movements[k];
            BOOST_TEST(m.id == n.id);
            BOOST_TEST(m.amount_minor == n.amount_minor);
            BOOST_TEST(m.label == n.label);
            BOOST_TEST(m.booking_date.iso() == n.booking_date.iso());
            BOOST_REQUIRE_EQUAL(m.complements.size(), n.complements.size());
            for (std::size_t c = 0; c < m.complements.size(); ++c) {
                BOOST_TEST(m.complements[c].raw == n.complements[c].raw);
            }
        }
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(samples)

BOOST_AUTO_TEST_CASE(oca_classic_matches_the_upstream_expectations) {
    const parse_result r = parse_strict(read_data("cfonb120/oca_l10n-france_cfonb_classic.cfo"));
    BOOST_TEST(r.accepted());
    BOOST_TEST(r.diagnostics.empty());
    BOOST_TEST(r.summary.format == file_format::cfonb120);
    BOOST_REQUIRE_EQUAL(r.statements.size(), 1U);
    const bank_statement& s = r.statements[0];
    BOOST_TEST(s.bank == "30003");
    BOOST_TEST(s.branch == "01234");
    BOOST_TEST(s.account == "01234567890");
    BOOST_TEST(s.currency == "EUR");
    BOOST_TEST(s.decimals == 2);
    BOOST_TEST(s.rib_key == "300030123401234567890");
    BOOST_TEST(s.iban == "FR76" + s.rib_key + s.rib_check_digits);
    BOOST_TEST(iban_is_valid(s.iban));
    BOOST_REQUIRE(s.opening.has_value());
    BOOST_REQUIRE(s.closing.has_value());
    BOOST_TEST(s.opening->amount_minor == 101731189); // 1017311.89
    BOOST_TEST(s.closing->amount_minor == 103158579); // 1031585.79
    BOOST_TEST(s.opening->date.iso() == "2024-01-12");
    BOOST_TEST(s.closing->date.iso() == "2024-01-13");
    BOOST_TEST(s.balanced);
    BOOST_TEST(s.difference_minor == 0);
    BOOST_REQUIRE_EQUAL(s.movements.size(), 13U);
    std::int64_t total = 0;
    for (const movement& m : s.movements) {
        BOOST_TEST(m.booking_date.iso() == "2024-01-13");
        BOOST_TEST(m.currency == "EUR");
        BOOST_TEST(m.id.size() == 34U); // 32 hex + "-1"
        total += m.amount_minor;
    }
    BOOST_TEST(s.opening->amount_minor + total == s.closing->amount_minor);
    BOOST_TEST(s.movements[0].label == "VIR INST MA JOLIE BOUTIQUE");
    BOOST_TEST(s.movements[0].amount_minor == 104017);
    BOOST_TEST(s.movements[0].operation_code == "18");
    BOOST_TEST(s.movements[9].label == "PRLV SEPA FREE MOBILE");
    BOOST_TEST(s.movements[9].amount_minor == -1999);
    BOOST_TEST(s.movements[9].operation_code == "B1");
    // The 05 whose internal and interbank codes differ from its 04 still belongs to it (by position).
    const movement& econymo = s.movements[3];
    BOOST_TEST(econymo.label == "VIR Econymo Software SARL");
    BOOST_REQUIRE_EQUAL(econymo.complements.size(), 4U);
    BOOST_TEST(econymo.complements[2].qualifier == "NBE");
    BOOST_TEST(econymo.complements[2].text == "AKRETION FRANCE");
    // Lowercase text is kept as written.
    BOOST_TEST(s.movements[0].complements[0].text == "facture F230875");
    // Two identical-looking direct debits differ by their complements, so they are not twins.
    BOOST_TEST(s.movements[9].id != s.movements[8].id);
}

BOOST_AUTO_TEST_CASE(oca_no_carriage_return_gives_the_same_statements_and_identities) {
    const parse_result classic = parse_buffer(read_data("cfonb120/oca_l10n-france_cfonb_classic.cfo"));
    const parse_result flat = parse_strict(read_data("cfonb120/oca_l10n-france_cfonb_no_carriage_return.cfo"));
    BOOST_TEST(flat.accepted());
    BOOST_TEST(flat.diagnostics.empty());
    BOOST_TEST(flat.summary.records == 77U);
    check_same_statements(classic, flat);
    BOOST_TEST(identities(classic) == identities(flat));
}

BOOST_AUTO_TEST_CASE(oca_v10_mixed_endings_two_banks) {
    const parse_result r = parse_strict(read_data("cfonb120/oca_l10n-france_v10_test_cfonb.txt"));
    BOOST_TEST(r.accepted());
    BOOST_TEST(r.diagnostics.empty());
    BOOST_TEST(r.summary.lines == 22U);
    BOOST_REQUIRE_EQUAL(r.statements.size(), 2U);
    const bank_statement& first = r.statements[0];
    const bank_statement& second = r.statements[1];
    // Same account number at two banks: two statements, not one.
    BOOST_TEST(first.account == second.account);
    BOOST_TEST(first.rib_key == "300010079412345678901");
    BOOST_TEST(second.rib_key == "300040000312345678901");
    BOOST_TEST(first.movements.size() == 4U);
    BOOST_TEST(second.movements.size() == 3U);
    BOOST_TEST(first.opening->amount_minor == 1905);
    BOOST_TEST(first.closing->amount_minor == -965452);
    BOOST_TEST(second.opening->amount_minor == -4172864);
    BOOST_TEST(second.closing->amount_minor == -4365223);
    BOOST_TEST(first.balanced);
    BOOST_TEST(second.balanced);
    BOOST_TEST(first.chain == chain_status::first);
    BOOST_TEST(second.chain == chain_status::first);
    // "RETRAIT G.A.B.       064    000" fills the label; the entry number follows at 82-88.
    BOOST_TEST(first.movements[0].label == "RETRAIT G.A.B.       064    000");
    BOOST_TEST(first.movements[0].entry_number == "0000889");
    BOOST_TEST(first.movements[0].amount_minor == -56073);
    BOOST_TEST(first.movements[1].complements.size() == 4U);
    // The first and third withdrawals are identical in every field, complements included: twins.
    const movement& a = first.movements[0];
    const movement& c = first.movements[2];
    BOOST_TEST(a.id.substr(0, 32) == c.id.substr(0, 32));
    BOOST_TEST(a.occurrence == 1U);
    BOOST_TEST(c.occurrence == 2U);
    BOOST_TEST(a.id != c.id);
    BOOST_TEST(second.movements[0].value_date.iso() == "2016-02-01");
    BOOST_TEST(second.movements[0].booking_date.iso() == "2016-02-10");
}

BOOST_AUTO_TEST_CASE(oca_v10_one_line_equals_the_separated_file) {
    const parse_result separated = parse_buffer(read_data("cfonb120/oca_l10n-france_v10_test_cfonb.txt"));
    const parse_result one_line = parse_strict(read_data("cfonb120/oca_l10n-france_v10_test_cfonb_one_line.txt"));
    BOOST_TEST(one_line.accepted());
    BOOST_TEST(one_line.diagnostics.empty());
    BOOST_TEST(one_line.summary.lines == 1U);
    check_same_statements(separated, one_line);
}

BOOST_AUTO_TEST_CASE(bad_length_is_rejected_strictly_and_padded_leniently) {
    const std::string bytes = read_data("cfonb120/derived_oca_v10_bad_length.txt");
    const parse_result strict = parse_strict(bytes);
    BOOST_TEST(!strict.accepted());
    BOOST_TEST(strict.statements.empty());
    BOOST_REQUIRE_EQUAL(strict.diagnostics.size(), 1U);
    BOOST_TEST(strict.diagnostics[0].code == diagnostic_code::short_line);
    BOOST_TEST(strict.diagnostics[0].line == 3U);
    BOOST_TEST(describe(strict.diagnostics[0], "fr").find("ligne 3") != std::string::npos);

    const parse_result lenient = parse_buffer(bytes);
    BOOST_TEST(lenient.accepted());
    BOOST_REQUIRE_EQUAL(lenient.diagnostics.size(), 1U);
    const diagnostic& d = lenient.diagnostics[0];
    BOOST_TEST(d.level == severity::warning);
    BOOST_TEST(d.code == diagnostic_code::short_line);
    BOOST_TEST(d.line == 3U);
    BOOST_TEST(d.offset == 243U); // 121 + 122
    BOOST_TEST(d.number == 119);
    // The short line does not shift the records after it.
    BOOST_REQUIRE_EQUAL(lenient.statements.size(), 2U);
    BOOST_TEST(lenient.statements[0].movements.size() == 4U);
    BOOST_TEST(lenient.statements[0].balanced);
    BOOST_TEST(lenient.statements[1].balanced);
    BOOST_TEST(lenient.statements[0].movements[0].complements[0].text == "*WASHNGTOK AVE LE 08/02/16  CB.920027136");
}

BOOST_AUTO_TEST_CASE(empty_line_is_rejected_strictly_and_skipped_leniently) {
    const std::string bytes = read_data("cfonb120/derived_oca_v10_empty_line.txt");
    const parse_result strict = parse_strict(bytes);
    BOOST_TEST(!strict.accepted());
    BOOST_REQUIRE_EQUAL(strict.diagnostics.size(), 1U);
    BOOST_TEST(strict.diagnostics[0].code == diagnostic_code::blank_lines);
    BOOST_TEST(strict.diagnostics[0].line == 13U);

    const parse_result lenient = parse_buffer(bytes);
    BOOST_TEST(lenient.accepted());
    BOOST_REQUIRE_EQUAL(lenient.diagnostics.size(), 1U);
    BOOST_TEST(lenient.diagnostics[0].level == severity::warning);
    BOOST_TEST(lenient.diagnostics[0].line == 13U);
    // Same content as the clean file: same statements and identities.
    const parse_result clean = parse_buffer(read_data("cfonb120/oca_l10n-france_v10_test_cfonb.txt"));
    check_same_statements(clean, lenient);
}

BOOST_AUTO_TEST_CASE(inverted_04_05_is_rejected_strictly_and_reported_leniently) {
    const std::string bytes = read_data("cfonb120/derived_oca_v10_inv_04_05.txt");
    const parse_result strict = parse_strict(bytes);
    BOOST_TEST(!strict.accepted());
    BOOST_REQUIRE_EQUAL(strict.diagnostics.size(), 1U);
    BOOST_TEST(strict.diagnostics[0].code == diagnostic_code::complement_without_movement);
    BOOST_TEST(strict.diagnostics[0].line == 2U);

    const parse_result lenient = parse_buffer(bytes);
    BOOST_TEST(lenient.accepted());
    const diagnostic* orphan = find_code(lenient, diagnostic_code::complement_without_movement);
    BOOST_REQUIRE(orphan != nullptr);
    BOOST_TEST(orphan->line == 2U);
    const diagnostic* bad_amount = find_code(lenient, diagnostic_code::invalid_amount);
    BOOST_REQUIRE(bad_amount != nullptr);
    BOOST_TEST(bad_amount->line == 3U);
    BOOST_TEST(bad_amount->record_type == "04");
    BOOST_TEST(bad_amount->field == record_field::amount);
    BOOST_TEST(bad_amount->position == 91U);
    BOOST_TEST(has_code(lenient, diagnostic_code::complement_of_skipped_movement));
    const diagnostic* unbalanced = find_code(lenient, diagnostic_code::unbalanced_statement);
    BOOST_REQUIRE(unbalanced != nullptr);
    BOOST_TEST(unbalanced->line == 16U);
    BOOST_REQUIRE_EQUAL(lenient.statements.size(), 2U);
    BOOST_TEST(!lenient.statements[0].balanced);
    BOOST_TEST(lenient.statements[0].difference_minor == -56073); // the skipped withdrawal
    BOOST_TEST(lenient.statements[0].skipped_records == 4U);
    BOOST_TEST(lenient.statements[1].balanced);
}

BOOST_AUTO_TEST_CASE(account_differing_04_is_rejected_strictly_and_kept_by_position_leniently) {
    const std::string bytes = read_data("cfonb120/derived_oca_v10_account_diff_04.txt");
    const parse_result strict = parse_strict(bytes);
    BOOST_TEST(!strict.accepted());
    BOOST_REQUIRE_EQUAL(strict.diagnostics.size(), 1U);
    BOOST_TEST(strict.diagnostics[0].code == diagnostic_code::account_mismatch);
    BOOST_TEST(strict.diagnostics[0].line == 11U);

    const parse_result lenient = parse_buffer(bytes);
    BOOST_TEST(lenient.accepted());
    BOOST_REQUIRE_EQUAL(lenient.diagnostics.size(), 1U);
    BOOST_TEST(lenient.diagnostics[0].level == severity::warning);
    BOOST_TEST(lenient.diagnostics[0].value == "30004 00003 12345678901");
    BOOST_TEST(lenient.diagnostics[0].expected == "30001 00794 12345678901");
    BOOST_REQUIRE_EQUAL(lenient.statements.size(), 2U);
    BOOST_TEST(lenient.statements[0].movements.size() == 4U);
    BOOST_TEST(lenient.statements[0].balanced);
}

BOOST_AUTO_TEST_CASE(akretion_lcl_blank_currency_and_decimals) {
    const std::string bytes = read_data("cfonb120/akretion_python-cfonb_bank_statement.cfo");
    const parse_result strict = parse_strict(bytes);
    BOOST_TEST(!strict.accepted());
    BOOST_REQUIRE_EQUAL(strict.diagnostics.size(), 1U);
    BOOST_TEST(strict.diagnostics[0].code == diagnostic_code::blank_decimals);
    BOOST_TEST(strict.diagnostics[0].line == 1U);

    const parse_result lenient = parse_buffer(bytes);
    BOOST_TEST(lenient.accepted());
    BOOST_REQUIRE_EQUAL(lenient.statements.size(), 1U);
    const bank_statement& s = lenient.statements[0];
    BOOST_TEST(s.currency == "EUR"); // inherited from the movements
    BOOST_TEST(s.decimals == 2);
    BOOST_TEST(s.account == "0000888899H");
    BOOST_TEST(s.rib_check_digits.size() == 2U);
    BOOST_TEST(iban_is_valid(s.iban));
    BOOST_TEST(s.opening->amount_minor == 8);
    BOOST_TEST(s.closing->amount_minor == 1187114);
    BOOST_TEST(s.movements.size() == 4U);
    BOOST_TEST(!s.balanced);
    BOOST_TEST(s.difference_minor == 1387106);
    BOOST_TEST(has_code(lenient, diagnostic_code::unbalanced_statement));
    BOOST_TEST(has_code(lenient, diagnostic_code::currency_inherited));
    for (const movement& m : s.movements) {
        BOOST_TEST(m.currency == "EUR");
    }
}

BOOST_AUTO_TEST_CASE(cfonb240_is_refused_as_such) {
    const std::string bytes = read_data("cfonb240/silarhi_cfonb.240-complex-test.txt");
    for (const parse_mode mode : {parse_mode::lenient, parse_mode::strict}) {
        parse_options o;
        o.mode = mode;
        const parse_result r = parse_buffer(bytes, o);
        BOOST_TEST(!r.accepted());
        BOOST_TEST(r.statements.empty());
        BOOST_TEST(r.summary.format == file_format::cfonb240);
        BOOST_REQUIRE_EQUAL(r.diagnostics.size(), 1U);
        BOOST_TEST(r.diagnostics[0].level == severity::fatal);
        BOOST_TEST(r.diagnostics[0].code == diagnostic_code::not_cfonb120);
        BOOST_TEST(message(r.diagnostics[0], "fr").find("CFONB 240") != std::string::npos);
        BOOST_TEST(message(r.diagnostics[0], "en").find("CFONB 240") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(every_sample_parses_from_a_file_as_from_memory) {
    for (const char* name :
         {"cfonb120/akretion_python-cfonb_bank_statement.cfo", "cfonb120/derived_oca_v10_account_diff_04.txt",
          "cfonb120/derived_oca_v10_bad_length.txt", "cfonb120/derived_oca_v10_empty_line.txt",
          "cfonb120/derived_oca_v10_inv_04_05.txt", "cfonb120/oca_l10n-france_cfonb_classic.cfo",
          "cfonb120/oca_l10n-france_cfonb_no_carriage_return.cfo", "cfonb120/oca_l10n-france_v10_test_cfonb.txt",
          "cfonb120/oca_l10n-france_v10_test_cfonb_one_line.txt"}) {
        BOOST_TEST_CONTEXT(name) {
            const parse_result memory = parse_buffer(read_data(name));
            const parse_result file = parse_file(data_path(name));
            BOOST_TEST(memory.accepted() == file.accepted());
            BOOST_TEST(memory.diagnostics.size() == file.diagnostics.size());
            BOOST_TEST(identities(memory) == identities(file));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
