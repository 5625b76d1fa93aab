// The streaming parser: any chunking gives the same statements, statements come out one by one, memory
// stays bounded by one statement.

#include "test_support.hpp"

#include "cfonb_generator.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <filesystem>

using namespace jd::statement;
using namespace jd::statement::test;

namespace {

struct stream_result {
    std::vector<std::string> ids;
    std::vector<std::string> labels;
    std::vector<std::pair<diagnostic_code, std::uint64_t>> diagnostics;
    std::uint64_t statements = 0;
    bool accepted = false;
};

stream_result stream(std::string_view bytes, std::size_t chunk, parse_mode mode = parse_mode::lenient) {
    stream_result out;
    parse_options o;
    o.mode = mode;
    parser p(
        o,
        [&](bank_statement& s) {
            ++out.statements;
            for (const movement& m : s.movements) {
                out.ids.emplace_back(m.id);
                out.labels.emplace_back(m.label);
            }
        },
        [&](const diagnostic& d) { out.diagnostics.emplace_back(d.code, d.offset); });
    for (std::size_t at = 0; at < bytes.size(); at += chunk) {
        p.feed(bytes.substr(at, chunk));
    }
    p.finish();
    out.accepted = p.summary().accepted;
    return out;
}

std::string generated(jd::bench::line_ending ending, std::uint64_t movements, std::uint32_t statements,
                      std::uint32_t first = 0) {
    jd::bench::generator_options o;
    o.movements = movements;
    o.statements = statements;
    o.accounts = 3;
    o.extra_complements = movements / 10;
    o.ending = ending;
    o.first_statement = first;
    std::string bytes;
    jd::bench::generate_cfonb(o, [&](std::string_view chunk) { bytes.append(chunk); });
    return bytes;
}

} // namespace

BOOST_AUTO_TEST_SUITE(streaming)

BOOST_AUTO_TEST_CASE(chunk_size_does_not_matter) {
    const std::string bytes = read_data("cfonb120/oca_l10n-france_v10_test_cfonb.txt") + "\n" +
                              read_data("cfonb120/derived_oca_v10_inv_04_05.txt") + "\r\n" +
                              read_data("cfonb120/akretion_python-cfonb_bank_statement.cfo");
    const stream_result whole = stream(bytes, bytes.size());
    BOOST_TEST(whole.statements == 5U);
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{5}, std::size_t{64}, std::size_t{121}, std::size_t{1000},
                                    std::size_t{4095}, std::size_t{4096}, std::size_t{4097}}) {
        BOOST_TEST_CONTEXT("chunk " << chunk) {
            const stream_result r = stream(bytes, chunk);
            BOOST_TEST(r.ids == whole.ids);
            BOOST_TEST(r.labels == whole.labels);
            BOOST_TEST(r.diagnostics == whole.diagnostics);
            BOOST_TEST(r.statements == whole.statements);
        }
    }
}

BOOST_AUTO_TEST_CASE(strict_mode_stops_at_the_first_problem) {
    const std::string bytes = read_data("cfonb120/derived_oca_v10_account_diff_04.txt");
    const stream_result r = stream(bytes, 50, parse_mode::strict);
    BOOST_TEST(!r.accepted);
    BOOST_REQUIRE_EQUAL(r.diagnostics.size(), 1U);
    BOOST_TEST(r.diagnostics[0].first == diagnostic_code::account_mismatch);
    BOOST_TEST(r.statements == 0U);
}

BOOST_AUTO_TEST_CASE(a_statement_can_be_moved_out_of_the_callback) {
    const std::string bytes = read_data("cfonb120/oca_l10n-france_v10_test_cfonb.txt");
    std::vector<bank_statement> kept;
    parser p(parse_options{}, [&](bank_statement& s) { kept.push_back(std::move(s)); });
    p.feed(bytes);
    p.finish();
    BOOST_REQUIRE_EQUAL(kept.size(), 2U);
    // The views of the first statement survive the parsing of the second one.
    BOOST_TEST(kept[0].movements[0].label == "RETRAIT G.A.B.       064    000");
    BOOST_TEST(kept[0].movements[0].complements[0].text == "*WASHINGTOK AVE LE 08/02/16  CB.920027136");
    BOOST_TEST(kept[1].movements[0].label == "FAC.CIC SGT16009999971208");
    const parse_result reference = parse_buffer(bytes);
    BOOST_TEST(kept[1].movements[2].id == reference.statements[1].movements[2].id);
}

BOOST_AUTO_TEST_CASE(memory_is_bounded_by_one_statement) {
    // 600 statements of 50 movements: the statement's storage is reused, never grown past one statement.
    const std::string bytes = generated(jd::bench::line_ending::crlf, 30'000, 600);
    std::size_t largest_arena = 0;
    std::size_t statements = 0;
    std::size_t balanced = 0;
    parser p(parse_options{}, [&](bank_statement& s) {
        largest_arena = std::max(largest_arena, s.arena().capacity());
        ++statements;
        balanced += s.balanced ? 1U : 0U;
    });
    for (std::size_t at = 0; at < bytes.size(); at += 65536) {
        p.feed(std::string_view(bytes).substr(at, 65536));
    }
    p.finish();
    BOOST_TEST(statements == 600U);
    BOOST_TEST(balanced == 600U);
    BOOST_TEST(p.summary().accepted);
    BOOST_TEST(p.summary().movements == 30'000U);
    BOOST_TEST(largest_arena <= 2 * text_arena::block_size + 2 * text_arena::tail_slack);
}

BOOST_AUTO_TEST_CASE(generated_files_chain_day_after_day) {
    const parse_result r = parse_buffer(generated(jd::bench::line_ending::lf, 3'000, 30));
    BOOST_TEST(r.accepted());
    BOOST_TEST(r.diagnostics.empty());
    BOOST_REQUIRE_EQUAL(r.statements.size(), 30U);
    for (std::size_t i = 0; i < r.statements.size(); ++i) {
        BOOST_TEST(r.statements[i].balanced);
        BOOST_TEST((r.statements[i].chain == (i < 3 ? chain_status::first : chain_status::continuous)));
    }
}

BOOST_AUTO_TEST_CASE(parse_file_reads_in_chunks) {
    const std::string bytes = generated(jd::bench::line_ending::none, 2'000, 20);
    const std::filesystem::path path = std::filesystem::temp_directory_path() / "jd_statement_streaming_test.cfo";
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        BOOST_REQUIRE(f != nullptr);
        std::fwrite(bytes.data(), 1, bytes.size(), f);
        std::fclose(f);
    }
    std::vector<std::string> small_chunks;
    parser p(parse_options{}, [&](bank_statement& s) {
        for (const movement& m : s.movements) {
            small_chunks.emplace_back(m.id);
        }
    });
    parse_file_into(p, path, 4096);
    const parse_result from_file = parse_file(path);
    std::filesystem::remove(path);
    BOOST_TEST(p.summary().accepted);
    BOOST_TEST(p.summary().bytes == bytes.size());
    BOOST_TEST(small_chunks == identities(from_file));
    BOOST_TEST(small_chunks == identities(parse_buffer(bytes)));
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_rejected_with_its_reason) {
    const parse_result r = parse_file("/nonexistent/statement.cfo");
    BOOST_TEST(!r.accepted());
    BOOST_REQUIRE_EQUAL(r.diagnostics.size(), 1U);
    BOOST_TEST(r.diagnostics[0].code == diagnostic_code::read_failed);
    BOOST_TEST(r.diagnostics[0].level == severity::fatal);
    BOOST_TEST(!r.diagnostics[0].value.empty());
}

BOOST_AUTO_TEST_CASE(diagnostics_are_capped_but_counted) {
    std::string garbage;
    for (int i = 0; i < 50; ++i) {
        garbage += "99" + std::string(118, 'x') + "\n";
    }
    statement_spec s;
    const std::string file = join({opening(s, "010324", 0)}, ending::lf) + garbage + join({closing(s, "010324", 0)}, ending::lf);
    parse_options o;
    o.max_diagnostics = 10;
    const parse_result r = parse_buffer(file, o);
    BOOST_TEST(r.summary.diagnostics[static_cast<int>(severity::error)] == 50U);
    BOOST_REQUIRE_EQUAL(r.diagnostics.size(), 11U);
    BOOST_TEST(r.diagnostics.back().code == diagnostic_code::too_many_diagnostics);
    BOOST_TEST(r.diagnostics.back().number == 40);
    BOOST_TEST(r.statements.at(0).skipped_records == 50U);
}

BOOST_AUTO_TEST_SUITE_END()
