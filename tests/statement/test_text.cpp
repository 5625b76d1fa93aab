// Text decoding: CP1252 to UTF-8 after slicing by bytes; valid UTF-8 passes through.

#include "test_support.hpp"

#include "jd/statement/text.hpp"

#include <boost/test/unit_test.hpp>

using namespace jd::statement;
using namespace jd::statement::test;

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(ascii_and_utf8_pass_through) {
    BOOST_TEST(decode_text("VIR SEPA 123") == "VIR SEPA 123");
    BOOST_TEST(decode_text("CAF\xC3\x89 CR\xC3\x88ME \xE2\x82\xAC") == "CAF\xC3\x89 CR\xC3\x88ME \xE2\x82\xAC");
    BOOST_TEST(is_valid_utf8("\xF0\x9F\x98\x80", 4));
}

BOOST_AUTO_TEST_CASE(cp1252_is_decoded) {
    BOOST_TEST(decode_text("CAF\xC9") == "CAF\xC3\x89");
    BOOST_TEST(decode_text("\x80 \x9C\x8C \xE9t\xE9") == "\xE2\x82\xAC \xC5\x93\xC5\x92 \xC3\xA9t\xC3\xA9");
    BOOST_TEST(decode_text("\x92") == "\xE2\x80\x99");
    // Bytes CP1252 leaves undefined keep their latin-1 meaning: nothing is lost.
    BOOST_TEST(decode_text("\x81\x8D\x8F\x90\x9D") == "\xC2\x81\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D");
    // Long texts take the word-wise path.
    const std::string long_text = "SOCI\xC9T\xC9 G\xC9N\xC9RALE D'\xC9QUIPEMENT ET DE MAT\xC9RIEL";
    BOOST_TEST(decode_text(long_text) ==
               "SOCI\xC3\x89T\xC3\x89 G\xC3\x89N\xC3\x89RALE D'\xC3\x89QUIPEMENT ET DE MAT\xC3\x89RIEL");
}

BOOST_AUTO_TEST_CASE(every_byte_decodes_to_valid_utf8) {
    for (int b = 0; b < 256; ++b) {
        const std::string one(1, static_cast<char>(b));
        const std::string out = decode_text(one);
        BOOST_TEST(is_valid_utf8(out.data(), out.size()));
        BOOST_TEST(!out.empty());
    }
    BOOST_TEST(cp1252_to_utf8(0x80) == "\xE2\x82\xAC");
    BOOST_TEST(unicode_to_cp1252(0x20AC) == 0x80);
    BOOST_TEST(unicode_to_cp1252(0xE9) == 0xE9);
    BOOST_TEST(unicode_to_cp1252(0x4E2D) == -1);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_read_as_cp1252) {
    BOOST_TEST(!is_valid_utf8("\xC3", 1));
    BOOST_TEST(!is_valid_utf8("\xC0\xAF", 2));          // overlong
    BOOST_TEST(!is_valid_utf8("\xED\xA0\x80", 3));      // surrogate
    BOOST_TEST(!is_valid_utf8("\xF4\x90\x80\x80", 4));  // above U+10FFFF
    BOOST_TEST(decode_text("\xC3") == "\xC3\x83");
}

BOOST_AUTO_TEST_CASE(trim_removes_blank_filler) {
    BOOST_TEST(trim("  ABC  ") == "ABC");
    BOOST_TEST(trim(std::string_view("\0\tA B\0 ", 7)) == "A B");
    BOOST_TEST(trim("                                        X                                       ") == "X");
    BOOST_TEST(trim("        ").empty());
    BOOST_TEST(trim("").empty());
}

BOOST_AUTO_TEST_CASE(text_in_records_is_utf8_after_slicing_by_bytes) {
    statement_spec s;
    const std::string file = join({opening(s, "010324", 0), movement_record(s, "020324", -100, "CAF\xC9 \x80 CR\xC8ME"),
                                   complement_record(s, "020324", "NPY", "SOCI\xC9T\xC9 G\xC9N\xC9RALE"),
                                   complement_record(s, "020324", "RCN", "R\xC9" "F-1"),
                                   closing(s, "020324", -100)},
                                  ending::lf);
    const parse_result r = parse_buffer(file);
    BOOST_TEST(r.diagnostics.empty());
    const movement& m = r.statements.at(0).movements.at(0);
    BOOST_TEST(m.label == "CAF\xC3\x89 \xE2\x82\xAC CR\xC3\x88ME");
    BOOST_TEST(m.complements[0].text == "SOCI\xC3\x89T\xC3\x89 G\xC3\x89N\xC3\x89RALE");
    BOOST_TEST(m.complements[0].raw.size() == 70U + 4U); // four two-byte characters
    BOOST_TEST(m.complements[1].text == "R\xC3\x89" "F-1");
    BOOST_TEST(m.amount_minor == -100); // the amount did not move
}

BOOST_AUTO_TEST_SUITE_END()
