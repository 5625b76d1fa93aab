// Movement identities: stable across line endings, encodings, re-imports and overlapping files; twins
// numbered; different content, different identity.

#include "test_support.hpp"

#include "cfonb_generator.hpp"

#include "jd/statement/identity.hpp"
#include "jd/statement/occurrence_counter.hpp"

#include <boost/test/unit_test.hpp>

#include <set>

using namespace jd::statement;
using namespace jd::statement::test;

namespace {

std::string generated(jd::bench::line_ending ending, std::uint32_t first, std::uint32_t statements) {
    // 150 movements per statement whatever the window, so that windows of one series agree.
    jd::bench::generator_options o;
    o.statements = statements;
    o.movements = 150ULL * statements;
    o.extra_complements = o.movements / 10;
    o.accounts = 4;
    o.ending = ending;
    o.first_statement = first;
    std::string bytes;
    jd::bench::generate_cfonb(o, [&](std::string_view chunk) { bytes.append(chunk); });
    return bytes;
}

// The id of the only movement of a one-movement statement.
std::string id_of(const std::vector<std::string>& movement_and_complements, const statement_spec& s = {}) {
    std::vector<std::string> records{opening(s, "010324", 0)};
    records.insert(records.end(), movement_and_complements.begin(), movement_and_complements.end());
    records.push_back(closing(s, "020324", 0));
    const parse_result r = parse_buffer(join(records, ending::lf));
    return std::string(r.statements.at(0).movements.at(0).id);
}

} // namespace

BOOST_AUTO_TEST_SUITE(identity)

BOOST_AUTO_TEST_CASE(same_ids_whatever_the_line_endings) {
    const std::vector<std::string> lines = lines_of(read_data("cfonb120/oca_l10n-france_cfonb_classic.cfo"));
    const std::vector<std::string> reference = identities(parse_buffer(join(lines, ending::lf)));
    BOOST_REQUIRE_EQUAL(reference.size(), 13U);
    for (const ending e : {ending::crlf, ending::cr, ending::none}) {
        for (const bool final_break : {true, false}) {
            BOOST_TEST(identities(parse_buffer(join(lines, e, final_break))) == reference);
        }
    }
    // Mixed endings, blank lines, trailing blanks.
    std::string mixed;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        mixed += lines[i] + (i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\n" : "\n\n");
    }
    BOOST_TEST(identities(parse_buffer(mixed)) == reference);
}

BOOST_AUTO_TEST_CASE(same_ids_for_generated_variants) {
    const std::vector<std::string> lf = identities(parse_buffer(generated(jd::bench::line_ending::lf, 0, 60)));
    BOOST_REQUIRE_EQUAL(lf.size(), 9'000U);
    BOOST_TEST(identities(parse_buffer(generated(jd::bench::line_ending::crlf, 0, 60))) == lf);
    BOOST_TEST(identities(parse_buffer(generated(jd::bench::line_ending::none, 0, 60))) == lf);
    // Every identity of a file is unique.
    BOOST_TEST(std::set<std::string>(lf.begin(), lf.end()).size() == lf.size());
}

BOOST_AUTO_TEST_CASE(importing_twice_gives_the_same_ids) {
    const std::string bytes = read_data("cfonb120/oca_l10n-france_v10_test_cfonb.txt");
    BOOST_TEST(identities(parse_buffer(bytes)) == identities(parse_buffer(bytes)));
}

BOOST_AUTO_TEST_CASE(overlapping_files_agree_on_the_days_they_share) {
    // File A: statements 0-39; file B: statements 20-59 (days shared: statements 20-39).
    const parse_result a = parse_buffer(generated(jd::bench::line_ending::crlf, 0, 40));
    const parse_result b = parse_buffer(generated(jd::bench::line_ending::lf, 20, 40));
    BOOST_TEST(a.accepted());
    BOOST_TEST(b.accepted());
    BOOST_REQUIRE_EQUAL(a.statements.size(), 40U);
    BOOST_REQUIRE_EQUAL(b.statements.size(), 40U);
    for (std::size_t i = 0; i < 20; ++i) {
        const bank_statement& x = a.statements[20 + i];
        const bank_statement& y = b.statements[i];
        BOOST_TEST(x.rib_key == y.rib_key);
        BOOST_REQUIRE_EQUAL(x.movements.size(), y.movements.size());
        for (std::size_t k = 0; k < x.movements.size(); ++k) {
            BOOST_TEST(x.movements[k].id == y.movements[k].id);
        }
    }
    // The union holds each movement once: as many distinct ids as movements in statements 0-59.
    std::set<std::string> all;
    for (const auto& id : identities(a)) {
        all.insert(id);
    }
    for (const auto& id : identities(b)) {
        all.insert(id);
    }
    const parse_result whole = parse_buffer(generated(jd::bench::line_ending::lf, 0, 60));
    BOOST_TEST(all.size() == whole.summary.movements);
    const std::vector<std::string> whole_ids = identities(whole);
    BOOST_TEST(all == std::set<std::string>(whole_ids.begin(), whole_ids.end()));
}

BOOST_AUTO_TEST_CASE(identical_twins_are_numbered_and_stay_so) {
    statement_spec s;
    const std::string ticket = movement_record(s, "020324", -4500, "SNCF BILLET PARIS LYON");
    const std::string file = join({opening(s, "010324", 10000), ticket, ticket, movement_record(s, "020324", -100, "FRAIS"),
                                   ticket, closing(s, "020324", 10000 - 13500 - 100)},
                                  ending::lf);
    const parse_result r = parse_buffer(file);
    const bank_statement& st = r.statements.at(0);
    BOOST_TEST(st.balanced);
    BOOST_TEST(st.movements[0].occurrence == 1U);
    BOOST_TEST(st.movements[1].occurrence == 2U);
    BOOST_TEST(st.movements[2].occurrence == 1U);
    BOOST_TEST(st.movements[3].occurrence == 3U);
    const std::string_view digest = st.movements[0].id.substr(0, 32);
    BOOST_TEST(st.movements[1].id == std::string(digest) + "-2");
    BOOST_TEST(st.movements[3].id == std::string(digest) + "-3");
    BOOST_TEST(identities(parse_buffer(file)) == identities(r));
}

BOOST_AUTO_TEST_CASE(twins_in_two_statements_of_the_same_day_keep_counting) {
    statement_spec s;
    const std::string ticket = movement_record(s, "020324", -4500, "SNCF");
    const std::string file = join({opening(s, "010324", 0), ticket, closing(s, "020324", -4500),
                                   opening(s, "020324", -4500), ticket, closing(s, "020324", -9000)},
                                  ending::lf);
    const parse_result r = parse_buffer(file);
    BOOST_REQUIRE_EQUAL(r.statements.size(), 2U);
    BOOST_TEST(r.statements[0].movements[0].occurrence == 1U);
    BOOST_TEST(r.statements[1].movements[0].occurrence == 2U);
    BOOST_TEST(r.statements[1].chain == chain_status::continuous);
}

BOOST_AUTO_TEST_CASE(what_changes_an_identity) {
    statement_spec s;
    const std::string base = id_of({movement_record(s, "020324", -4500, "CB CARTE", "1234567"),
                                    complement_record(s, "020324", "LIB", "FACTURE 12")});
    // Content that identifies the movement.
    BOOST_TEST(id_of({movement_record(s, "020324", -4501, "CB CARTE", "1234567"), complement_record(s, "020324", "LIB", "FACTURE 12")}) != base);
    BOOST_TEST(id_of({movement_record(s, "030324", -4500, "CB CARTE", "1234567"), complement_record(s, "020324", "LIB", "FACTURE 12")}) != base);
    BOOST_TEST(id_of({movement_record(s, "020324", -4500, "CB CARTE", "1234568"), complement_record(s, "020324", "LIB", "FACTURE 12")}) != base);
    BOOST_TEST(id_of({movement_record(s, "020324", -4500, "CB CARTES", "1234567"), complement_record(s, "020324", "LIB", "FACTURE 12")}) != base);
    BOOST_TEST(id_of({movement_record(s, "020324", -4500, "CB CARTE", "1234567"), complement_record(s, "020324", "LIB", "FACTURE 13")}) != base);
    BOOST_TEST(id_of({movement_record(s, "020324", -4500, "CB CARTE", "1234567"), complement_record(s, "020324", "NPY", "FACTURE 12")}) != base);
    BOOST_TEST(id_of({movement_record(s, "020324", -4500, "CB CARTE", "1234567")}) != base);
    statement_spec other = s;
    other.account = "00012345679";
    BOOST_TEST(id_of({movement_record(other, "020324", -4500, "CB CARTE", "1234567"), complement_record(other, "020324", "LIB", "FACTURE 12")}, other) != base);
    statement_spec usd = s;
    usd.currency = "USD";
    BOOST_TEST(id_of({movement_record(usd, "020324", -4500, "CB CARTE", "1234567"), complement_record(usd, "020324", "LIB", "FACTURE 12")}, usd) != base);
    statement_spec three = s;
    three.decimals = "3";
    BOOST_TEST(id_of({movement_record(three, "020324", -4500, "CB CARTE", "1234567"), complement_record(three, "020324", "LIB", "FACTURE 12")}, three) != base);

    // Padding and spacing do not.
    BOOST_TEST(id_of({movement_record(s, "020324", -4500, "CB    CARTE", "1234567"), complement_record(s, "020324", "LIB", "FACTURE   12")}).substr(0, 32) ==
               base.substr(0, 32));
    BOOST_TEST(id_of({movement_record(s, "020324", -4500, "  CB CARTE", "1234567"), complement_record(s, "020324", "LIB", "   FACTURE 12")}) == base);
    // Fields outside the identity: value date, operation code, reference.
    std::string other_fields = movement_record(s, "020324", -4500, "CB CARTE", "1234567", "29");
    other_fields.replace(42, 6, "050324");
    other_fields.replace(104, 16, "REFERENCE 1");
    BOOST_TEST(id_of({other_fields, complement_record(s, "020324", "LIB", "FACTURE 12")}) == base);
}

BOOST_AUTO_TEST_CASE(same_text_in_cp1252_or_utf8_gives_the_same_id) {
    statement_spec s;
    const std::string cp1252 = id_of({movement_record(s, "020324", -350, "CAF\xC9 DE LA GARE")});
    // A bank that counts bytes: the UTF-8 label takes one byte more inside its 31-byte field.
    const std::string utf8_bytes = id_of({movement_record(s, "020324", -350, "CAF\xC3\x89 DE LA GARE")});
    BOOST_TEST(cp1252 == utf8_bytes);
    // A bank that counts characters: the line has 121 bytes, read as UTF-8 and re-encoded.
    std::string line = movement_record(s, "020324", -350, "CAF\xC9 DE LA GARE");
    line.replace(48 + 3, 1, "\xC3\x89");
    BOOST_REQUIRE_EQUAL(line.size(), 121U);
    BOOST_TEST(id_of({line}) == cp1252);
}

BOOST_AUTO_TEST_CASE(the_identity_format_is_stable) {
    // A fixed movement has a fixed identity: a change here breaks de-duplication against stored data.
    const parse_result r = parse_buffer(read_data("cfonb120/oca_l10n-france_cfonb_classic.cfo"));
    const movement& m = r.statements.at(0).movements.at(0);
    BOOST_TEST(m.id == "0b087217131a90b754f2773458f3a435-1");
    identity_hasher h(sha256_engine::portable);
    h.start_account("300030123401234567890", "EUR");
    const std::string body = h.canonical_body(m, m.complements);
    BOOST_TEST(body.substr(0, 4) == std::string("\x07\xe8\x01\x0d", 4)); // 2024-01-13
}

BOOST_AUTO_TEST_CASE(batch_and_single_digests_agree) {
    const parse_result r = parse_buffer(generated(jd::bench::line_ending::lf, 0, 12));
    for (const sha256_engine engine : {sha256_engine::portable, sha256_default_engine()}) {
        identity_hasher h(engine);
        for (const bank_statement& s : r.statements) {
            h.start_account(s.rib_key, s.currency);
            for (const movement& m : s.movements) {
                const std::string expected = format_identity(h.digest(m, m.complements), m.occurrence);
                BOOST_TEST(m.id == expected);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(both_sha256_engines_give_the_same_ids) {
    const std::string bytes = generated(jd::bench::line_ending::lf, 0, 10);
    parse_options portable;
    portable.hash_engine = sha256_engine::portable;
    BOOST_TEST(identities(parse_buffer(bytes, portable)) == identities(parse_buffer(bytes)));
}

BOOST_AUTO_TEST_CASE(folding) {
    BOOST_TEST(fold_blanks(std::string_view("  A  B\t\tC \0D  ", 14)) == "A B C D");
    BOOST_TEST(fold_blanks("ABC") == "ABC");
    BOOST_TEST(fold_blanks("   ").empty());
    BOOST_TEST(fold_blanks("").empty());
}

BOOST_AUTO_TEST_CASE(occurrence_counter_drops_old_days_only_under_pressure) {
    sha256_digest d{};
    occurrence_counter counter(16);
    bool dropped = false;
    counter.open_statement(0, 20240101);
    BOOST_TEST(counter.next(0, 20240101, d, dropped) == 1U);
    BOOST_TEST(counter.next(0, 20240101, d, dropped) == 2U);
    BOOST_TEST(!dropped);
    // Fill other days of the account until the table is over its bound.
    for (int day = 2; day <= 28; ++day) {
        counter.open_statement(0, 20240100 + day);
        for (std::uint8_t k = 0; k < 2; ++k) {
            d[0] = k;
            counter.next(0, 20240100 + day, d, dropped);
        }
    }
    BOOST_TEST(counter.size() < 40U);
    d[0] = 0;
    // A movement booked on a dropped day is flagged.
    counter.next(0, 20240101, d, dropped);
    BOOST_TEST(dropped);
}

BOOST_AUTO_TEST_CASE(a_small_occurrence_table_gives_the_same_ids_on_ordered_files) {
    const std::string bytes = generated(jd::bench::line_ending::lf, 0, 60);
    parse_options small;
    small.max_occurrence_entries = 16;
    const parse_result bounded = parse_buffer(bytes, small);
    BOOST_TEST(bounded.diagnostics.empty());
    BOOST_TEST(identities(bounded) == identities(parse_buffer(bytes)));
}

BOOST_AUTO_TEST_SUITE_END()
