// Records out of bytes: line endings, blank lines, short and long lines, chunk boundaries.

#include "test_support.hpp"

#include "jd/statement/record_splitter.hpp"

#include <boost/test/unit_test.hpp>

using namespace jd::statement;
using namespace jd::statement::test;

namespace {

struct collected {
    std::vector<std::string> records;
    std::vector<raw_record> places;
    std::vector<diagnostic> diagnostics;
};

class collecting_sink final : public record_sink {
public:
    collected out;
    void on_record(const raw_record& r) override {
        out.records.emplace_back(r.data, record_size);
        out.places.push_back(raw_record{nullptr, r.line, r.offset, r.index});
    }
    void on_diagnostic(diagnostic&& d) override { out.diagnostics.push_back(std::move(d)); }
};

collected split(std::string_view bytes, std::size_t chunk = SIZE_MAX) {
    collecting_sink sink;
    record_splitter splitter(sink);
    for (std::size_t at = 0; at < bytes.size(); at += chunk) {
        const std::size_t n = std::min(chunk, bytes.size() - at);
        splitter.feed(bytes.data() + at, n);
    }
    splitter.finish();
    return sink.out;
}

std::string rec(char fill, std::string_view code = "04") { return std::string(code) + std::string(118, fill); }

} // namespace

BOOST_AUTO_TEST_SUITE(splitter)

BOOST_AUTO_TEST_CASE(every_ending_gives_the_same_records) {
    const std::vector<std::string> records{rec('A', "01"), rec('B'), rec('C', "05"), rec('D', "07")};
    for (const ending e : {ending::lf, ending::crlf, ending::cr, ending::none}) {
        for (const bool final_break : {true, false}) {
            const collected c = split(join(records, e, final_break));
            BOOST_TEST(c.records == records);
            BOOST_TEST(c.diagnostics.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(mixed_endings_and_line_numbers) {
    const std::string bytes = rec('A', "01") + "\n" + rec('B') + "\r\n" + rec('C') + "\r" + rec('D', "07");
    const collected c = split(bytes);
    BOOST_REQUIRE_EQUAL(c.records.size(), 4U);
    BOOST_TEST(c.places[0].line == 1U);
    BOOST_TEST(c.places[1].line == 2U);
    BOOST_TEST(c.places[1].offset == 121U);
    BOOST_TEST(c.places[2].line == 3U);
    BOOST_TEST(c.places[2].offset == 243U);
    BOOST_TEST(c.places[3].line == 4U);
    BOOST_TEST(c.places[3].offset == 364U);
    BOOST_TEST(c.places[3].index == 4U);
}

BOOST_AUTO_TEST_CASE(records_without_separators_keep_their_offsets) {
    const std::string bytes = rec('A', "01") + rec('B') + rec('C', "07") + "\n";
    const collected c = split(bytes);
    BOOST_REQUIRE_EQUAL(c.records.size(), 3U);
    for (std::size_t i = 0; i < 3; ++i) {
        BOOST_TEST(c.places[i].line == 1U);
        BOOST_TEST(c.places[i].offset == 120U * i);
    }
}

BOOST_AUTO_TEST_CASE(blank_lines_between_records_are_warnings_after_them_notes) {
    const std::string bytes = rec('A', "01") + "\n\n   \n" + rec('B') + "\r\n\r\n\n";
    const collected c = split(bytes);
    BOOST_REQUIRE_EQUAL(c.records.size(), 2U);
    BOOST_REQUIRE_EQUAL(c.diagnostics.size(), 2U);
    BOOST_TEST(c.diagnostics[0].code == diagnostic_code::blank_lines);
    BOOST_TEST(c.diagnostics[0].level == severity::warning);
    BOOST_TEST(c.diagnostics[0].line == 2U);
    BOOST_TEST(c.diagnostics[0].number == 2);
    BOOST_TEST(c.places[1].line == 4U);
    BOOST_TEST(c.diagnostics[1].code == diagnostic_code::trailing_blank_lines);
    BOOST_TEST(c.diagnostics[1].level == severity::info);
    BOOST_TEST(c.diagnostics[1].number == 2);
}

BOOST_AUTO_TEST_CASE(a_short_line_is_padded_and_does_not_shift_the_next) {
    const std::string shortened = rec('B').substr(0, 100);
    const std::string bytes = rec('A', "01") + "\n" + shortened + "\n" + rec('C') + "\n";
    const collected c = split(bytes);
    BOOST_REQUIRE_EQUAL(c.records.size(), 3U);
    BOOST_TEST(c.records[1] == shortened + std::string(20, ' '));
    BOOST_TEST(c.records[2] == rec('C'));
    BOOST_REQUIRE_EQUAL(c.diagnostics.size(), 1U);
    BOOST_TEST(c.diagnostics[0].code == diagnostic_code::short_line);
    BOOST_TEST(c.diagnostics[0].line == 2U);
    BOOST_TEST(c.diagnostics[0].offset == 121U);
    BOOST_TEST(c.diagnostics[0].number == 100);
}

BOOST_AUTO_TEST_CASE(long_lines) {
    // Blanks after the record: dropped.
    collected c = split(rec('A', "01") + "      \n" + rec('B') + "\n");
    BOOST_REQUIRE_EQUAL(c.records.size(), 2U);
    BOOST_TEST(c.diagnostics.at(0).code == diagnostic_code::trailing_blanks);
    BOOST_TEST(c.diagnostics.at(0).number == 126);
    // A non-blank excess after one record: dropped and shown.
    c = split(rec('A', "01") + "XYZ\n" + rec('B') + "\n");
    BOOST_REQUIRE_EQUAL(c.records.size(), 2U);
    BOOST_TEST(c.diagnostics.at(0).code == diagnostic_code::long_line);
    BOOST_TEST(c.diagnostics.at(0).value == "XYZ");
    BOOST_TEST(c.diagnostics.at(0).offset == 120U);
    BOOST_TEST(c.records[1] == rec('B'));
    // Several records then a piece: the piece becomes a padded record.
    c = split(rec('A', "01") + rec('B') + "05PIECE\n" + rec('C') + "\n");
    BOOST_REQUIRE_EQUAL(c.records.size(), 4U);
    BOOST_TEST(c.records[2] == "05PIECE" + std::string(113, ' '));
    BOOST_TEST(c.diagnostics.at(0).code == diagnostic_code::partial_record);
    BOOST_TEST(c.diagnostics.at(0).number == 7);
    BOOST_TEST(c.records[3] == rec('C'));
}

BOOST_AUTO_TEST_CASE(a_long_stream_without_separator_ends_with_a_piece) {
    std::string bytes;
    for (int i = 0; i < 10; ++i) {
        bytes += rec(static_cast<char>('A' + i));
    }
    bytes += "0412";
    const collected c = split(bytes, 7);
    BOOST_REQUIRE_EQUAL(c.records.size(), 11U);
    BOOST_TEST(c.records[10] == "0412" + std::string(116, ' '));
    BOOST_TEST(c.places[10].offset == 1200U);
    BOOST_TEST(c.diagnostics.at(0).code == diagnostic_code::partial_record);
}

BOOST_AUTO_TEST_CASE(any_chunking_gives_the_same_result) {
    const std::string bytes = read_data("cfonb120/derived_oca_v10_bad_length.txt") + "\r\n\r\n" +
                              read_data("cfonb120/oca_l10n-france_cfonb_no_carriage_return.cfo") + "\r" +
                              read_data("cfonb120/derived_oca_v10_empty_line.txt") + "   ";
    const collected whole = split(bytes);
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{119},
                                    std::size_t{120}, std::size_t{121}, std::size_t{122}, std::size_t{479},
                                    std::size_t{480}, std::size_t{481}, std::size_t{4096}}) {
        BOOST_TEST_CONTEXT("chunk " << chunk) {
            const collected c = split(bytes, chunk);
            BOOST_TEST(c.records == whole.records);
            BOOST_REQUIRE_EQUAL(c.places.size(), whole.places.size());
            for (std::size_t i = 0; i < c.places.size(); ++i) {
                BOOST_TEST(c.places[i].line == whole.places[i].line);
                BOOST_TEST(c.places[i].offset == whole.places[i].offset);
            }
            BOOST_REQUIRE_EQUAL(c.diagnostics.size(), whole.diagnostics.size());
            for (std::size_t i = 0; i < c.diagnostics.size(); ++i) {
                BOOST_TEST(c.diagnostics[i].code == whole.diagnostics[i].code);
                BOOST_TEST(c.diagnostics[i].line == whole.diagnostics[i].line);
                BOOST_TEST(c.diagnostics[i].offset == whole.diagnostics[i].offset);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_line_written_in_utf8_is_read_by_characters) {
    // 120 characters, two of them two bytes long in UTF-8: 122 bytes.
    std::string line = "04" + std::string(46, ' ') + "CAF\xC3\x89 CR\xC3\x88ME";
    line += std::string(120 - 48 - 10, ' ');
    BOOST_REQUIRE_EQUAL(line.size(), 122U);
    const collected c = split(rec('A', "01") + "\n" + line + "\n" + rec('B') + "\n");
    BOOST_REQUIRE_EQUAL(c.records.size(), 3U);
    BOOST_TEST(c.records[1].substr(48, 10) == "CAF\xC9 CR\xC8ME"); // re-encoded as CP1252, columns kept
    BOOST_TEST(c.diagnostics.at(0).code == diagnostic_code::utf8_line);
    BOOST_TEST(c.diagnostics.at(0).level == severity::info);
    BOOST_TEST(c.records[2] == rec('B'));
}

BOOST_AUTO_TEST_CASE(utf8_characters_outside_cp1252_become_question_marks) {
    std::string line = "04" + std::string(46, ' ') + "\xE2\x82\xAC \xE4\xB8\xAD";  // euro sign (in CP1252), a CJK character (not)
    line += std::string(120 - 48 - 3, ' ');
    const collected c = split(line + "\n");
    BOOST_REQUIRE_EQUAL(c.records.size(), 1U);
    BOOST_TEST(c.records[0].substr(48, 3) == "\x80 ?");
    BOOST_TEST(c.diagnostics.at(1).code == diagnostic_code::unmappable_character);
    BOOST_TEST(c.diagnostics.at(1).level == severity::warning);
}

BOOST_AUTO_TEST_CASE(records_with_nul_and_other_bytes_pass_through) {
    std::string r = rec('A');
    r[60] = '\0';
    r[61] = '\x1a';
    r[62] = '\xff';
    const collected c = split(r + "\n" + r);
    BOOST_REQUIRE_EQUAL(c.records.size(), 2U);
    BOOST_TEST(c.records[0] == r);
}

BOOST_AUTO_TEST_SUITE_END()
