// Other formats are recognised and refused with their name.

#include "test_support.hpp"

#include "jd/statement/format_detection.hpp"

#include <boost/test/unit_test.hpp>

using namespace jd::statement;
using namespace jd::statement::test;

namespace {

std::string fixed_lines(std::string_view code, std::size_t width, int count, std::string_view separator = "\n") {
    std::string out;
    for (int i = 0; i < count; ++i) {
        out += std::string(code) + std::string(width - code.size(), '0') + std::string(separator);
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(format_detection)

BOOST_AUTO_TEST_CASE(recognised_formats) {
    BOOST_TEST(detect_format(read_data("cfonb240/silarhi_cfonb.240-complex-test.txt"), true) == file_format::cfonb240);
    BOOST_TEST(detect_format(fixed_lines("31", 240, 3, ""), true) == file_format::cfonb240);
    BOOST_TEST(detect_format(fixed_lines("0302", 160, 3), true) == file_format::cfonb160);
    BOOST_TEST(detect_format(fixed_lines("0308", 160, 4, ""), true) == file_format::cfonb160);
    BOOST_TEST(detect_format("<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">", true) ==
               file_format::camt053);
    BOOST_TEST(detect_format("OFXHEADER:100\nDATA:OFXSGML\n", true) == file_format::ofx);
    BOOST_TEST(detect_format("<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\"?><OFX>", true) == file_format::ofx);
    BOOST_TEST(detect_format("ABNANL2A\n940\nABNANL2A\n:20:ABN AMRO BANK NV\n:25:517852257\n", true) == file_format::mt940);
    BOOST_TEST(detect_format("{1:F01BANKBEBBAXXX0000000000}", true) == file_format::mt940);
    BOOST_TEST(detect_format(std::string("PK\x03\x04", 4) + "rest", true) == file_format::zip);
    BOOST_TEST(detect_format("\x1F\x8B\x08", true) == file_format::gzip);
    BOOST_TEST(detect_format("%PDF-1.7", true) == file_format::pdf);
    BOOST_TEST(detect_format("<html><body>", true) == file_format::xml);
    BOOST_TEST(detect_format("", true) == file_format::empty);
    BOOST_TEST(detect_format(" \r\n\n  ", true) == file_format::empty);
    BOOST_TEST(detect_format("hello world", true) == file_format::unknown);
}

BOOST_AUTO_TEST_CASE(cfonb120_is_recognised_by_its_first_record) {
    for (const char* name : {"cfonb120/oca_l10n-france_cfonb_classic.cfo", "cfonb120/oca_l10n-france_v10_test_cfonb_one_line.txt",
                             "cfonb120/akretion_python-cfonb_bank_statement.cfo"}) {
        BOOST_TEST(detect_format(read_data(name), true) == file_format::cfonb120);
    }
    // After leading blank lines and a byte order mark too.
    BOOST_TEST(detect_format("\xEF\xBB\xBF\n\n01" + std::string(118, ' '), true) == file_format::cfonb120);
}

BOOST_AUTO_TEST_CASE(other_formats_are_rejected_in_both_modes_with_their_name) {
    struct sample {
        std::string bytes;
        file_format format;
        const char* fr;
        const char* en;
    };
    const std::vector<sample> samples{
        {fixed_lines("0302", 160, 3), file_format::cfonb160, "CFONB 160", "CFONB 160"},
        {"OFXHEADER:100\n", file_format::ofx, "OFX", "OFX"},
        {std::string("PK\x03\x04", 4) + std::string(200, 'x'), file_format::zip, "ZIP", "ZIP"},
        {"<Document><BkToCstmrStmt>camt.053</BkToCstmrStmt></Document>", file_format::camt053, "camt.053", "camt.053"},
    };
    for (const sample& s : samples) {
        for (const parse_mode mode : {parse_mode::lenient, parse_mode::strict}) {
            parse_options o;
            o.mode = mode;
            const parse_result r = parse_buffer(s.bytes, o);
            BOOST_TEST(!r.accepted());
            BOOST_TEST(r.summary.format == s.format);
            BOOST_REQUIRE_EQUAL(r.diagnostics.size(), 1U);
            BOOST_TEST(r.diagnostics[0].code == diagnostic_code::not_cfonb120);
            BOOST_TEST(message(r.diagnostics[0], "fr").find(s.fr) != std::string::npos);
            BOOST_TEST(message(r.diagnostics[0], "en").find(s.en) != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(empty_and_unreadable_files_are_rejected) {
    parse_result r = parse_buffer("");
    BOOST_TEST(!r.accepted());
    BOOST_TEST(r.diagnostics.at(0).code == diagnostic_code::empty_file);
    r = parse_buffer("\r\n\r\n   \n");
    BOOST_TEST(!r.accepted());
    BOOST_TEST(has_code(r, diagnostic_code::empty_file));
    r = parse_buffer("hello world, this is not a bank statement\n");
    BOOST_TEST(!r.accepted());
    BOOST_TEST(has_code(r, diagnostic_code::no_records));
    BOOST_TEST(has_code(r, diagnostic_code::unknown_record_code));
}

BOOST_AUTO_TEST_CASE(a_byte_order_mark_is_skipped) {
    const std::string file = read_data("cfonb120/oca_l10n-france_v10_test_cfonb.txt");
    const parse_result plain = parse_buffer(file);
    const parse_result marked = parse_strict("\xEF\xBB\xBF" + file);
    BOOST_TEST(marked.accepted());
    BOOST_REQUIRE_EQUAL(marked.diagnostics.size(), 1U);
    BOOST_TEST(marked.diagnostics[0].code == diagnostic_code::byte_order_mark);
    BOOST_TEST(marked.diagnostics[0].level == severity::info);
    BOOST_TEST(identities(marked) == identities(plain));
    BOOST_TEST(marked.statements.at(1).first_offset == plain.statements.at(1).first_offset + 3);
}

BOOST_AUTO_TEST_CASE(an_unreadable_file_has_an_unknown_format) {
    const parse_result r = parse_buffer(std::string(500, 'z'));
    BOOST_TEST(!r.accepted());
    BOOST_TEST(r.summary.format == file_format::unknown);
}

BOOST_AUTO_TEST_CASE(format_names) {
    BOOST_TEST(format_name(file_format::cfonb120) == "cfonb120");
    BOOST_TEST(format_name(file_format::cfonb240) == "cfonb240");
    BOOST_TEST(format_label(file_format::zip, language::fr).find("décompresser") != std::string_view::npos);
    BOOST_TEST(format_label(file_format::zip, language::en).find("unzip") != std::string_view::npos);
}

BOOST_AUTO_TEST_SUITE_END()
