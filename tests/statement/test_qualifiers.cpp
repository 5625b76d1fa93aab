// Every qualifier of the 05 record, and what real files carry besides.

#include "test_support.hpp"

#include "jd/statement/qualifier.hpp"

#include <boost/test/unit_test.hpp>

using namespace jd::statement;
using namespace jd::statement::test;

namespace {

// One statement with one movement and the given 05 records; returns the movement's complements.
struct parsed_complements {
    parse_result result;
    const std::span<const complement>& list() const { return result.statements.at(0).movements.at(0).complements; }
};

parsed_complements parse_with(const std::vector<std::string>& complements) {
    statement_spec s;
    std::vector<std::string> records{opening(s, "010324", 0), movement_record(s, "020324", 100, "VIR")};
    records.insert(records.end(), complements.begin(), complements.end());
    records.push_back(closing(s, "020324", 100));
    return {parse_buffer(join(records, ending::crlf))};
}

std::string zone(std::string_view qualifier, std::string_view first, std::string_view second = {}) {
    statement_spec s;
    record r("05");
    r.account(s.bank, s.branch, s.account).put(33, "05").put(35, "020324").put(46, qualifier).put(49, first);
    if (!second.empty()) {
        r.put(84, second);
    }
    return r.str();
}

} // namespace

BOOST_AUTO_TEST_SUITE(qualifiers)

BOOST_AUTO_TEST_CASE(seventy_character_texts) {
    struct sample {
        const char* code;
        qualifier_kind kind;
    };
    for (const sample& q : {sample{"LIB", qualifier_kind::free_label}, sample{"NPY", qualifier_kind::payer_name},
                            sample{"NBE", qualifier_kind::beneficiary_name},
                            sample{"NPO", qualifier_kind::ultimate_debtor_name},
                            sample{"NBU", qualifier_kind::ultimate_creditor_name},
                            sample{"LCC", qualifier_kind::remittance_line1}, sample{"LC2", qualifier_kind::remittance_line2}}) {
        BOOST_TEST_CONTEXT(q.code) {
            const std::string text = "ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 abcdefghijklmnopqrstuvwxyz.-/*+()";
            const parsed_complements p = parse_with({zone(q.code, text.substr(0, 70))});
            BOOST_TEST(p.result.diagnostics.empty());
            BOOST_REQUIRE_EQUAL(p.list().size(), 1U);
            const complement& c = p.list()[0];
            BOOST_TEST(c.qualifier == q.code);
            BOOST_TEST(c.kind == q.kind);
            BOOST_TEST(c.text == text.substr(0, 70));
            BOOST_TEST(c.second.empty());
            BOOST_TEST(c.raw.size() == 70U);
            BOOST_TEST(classify_qualifier(q.code) == q.kind);
            BOOST_TEST(standard_code(q.kind) == q.code);
            BOOST_TEST(layout_of(q.kind) == zone_layout::text70);
        }
    }
}

BOOST_AUTO_TEST_CASE(identifier_and_type_pairs) {
    struct sample {
        const char* code;
        qualifier_kind kind;
    };
    for (const sample& q : {sample{"IPY", qualifier_kind::payer_id}, sample{"IBE", qualifier_kind::beneficiary_id},
                            sample{"IPO", qualifier_kind::ultimate_debtor_id},
                            sample{"IBU", qualifier_kind::ultimate_creditor_id}, sample{"RCN", qualifier_kind::end_to_end},
                            sample{"REF", qualifier_kind::payment_reference}}) {
        BOOST_TEST_CONTEXT(q.code) {
            const parsed_complements p = parse_with({zone(q.code, "FR07ZZZ591778", "IDENTIFIANT CREANCIER SEPA")});
            BOOST_TEST(p.result.diagnostics.empty());
            const complement& c = p.list()[0];
            BOOST_TEST(c.kind == q.kind);
            BOOST_TEST(layout_of(q.kind) == zone_layout::pair35);
            BOOST_TEST(c.text == "FR07ZZZ591778");
            BOOST_TEST(c.second == "IDENTIFIANT CREANCIER SEPA");
        }
    }
    // A first part that fills its 35 characters runs straight into the second.
    const std::string full(35, 'E');
    const parsed_complements p = parse_with({zone("RCN", full, "PURPOSE")});
    BOOST_TEST(p.list()[0].text == full);
    BOOST_TEST(p.list()[0].second == "PURPOSE");
}

BOOST_AUTO_TEST_CASE(thirty_five_character_fields) {
    for (const char* code : {"LCS", "CBE", "CPY"}) {
        BOOST_TEST_CONTEXT(code) {
            const parsed_complements p = parse_with({zone(code, "FR7630004000010001234567890")});
            const complement& c = p.list()[0];
            BOOST_TEST(layout_of(c.kind) == zone_layout::text35);
            BOOST_TEST(c.text == "FR7630004000010001234567890");
            BOOST_TEST(c.second.empty());
        }
    }
    BOOST_TEST(classify_qualifier("LCS") == qualifier_kind::structured_remittance);
    BOOST_TEST(classify_qualifier("CBE") == qualifier_kind::beneficiary_account);
    BOOST_TEST(classify_qualifier("CPY") == qualifier_kind::payer_account);
}

BOOST_AUTO_TEST_CASE(mandate_reference_and_sequence) {
    for (const char* sequence : {"OOFF", "FRST", "RCUR", "FNAL"}) {
        const parsed_complements p = parse_with({zone("RUM", "++48398735847564876543", sequence)});
        const complement& c = p.list()[0];
        BOOST_TEST(c.kind == qualifier_kind::mandate);
        BOOST_TEST(c.text == "++48398735847564876543");
        BOOST_TEST(c.second == sequence);
    }
}

BOOST_AUTO_TEST_CASE(original_amount_and_rate) {
    // USD, 2 decimals, 123.45, rate with 6 decimals 1.080000.
    const parsed_complements p = parse_with({zone("MMO", "USD200000000012345060000108000" "0")});
    BOOST_TEST(p.result.diagnostics.empty());
    const complement& c = p.list()[0];
    BOOST_TEST(c.kind == qualifier_kind::original_amount);
    BOOST_REQUIRE(c.amount.has_value());
    BOOST_TEST(c.amount->currency == "USD");
    BOOST_TEST(c.amount->decimals == 2);
    BOOST_TEST(c.amount->amount_minor == 12345);
    BOOST_REQUIRE(c.rate.has_value());
    BOOST_TEST(c.rate->decimals == 6);
    BOOST_TEST(c.rate->mantissa == 1080000);
    BOOST_TEST(c.text == "USD2000000000123450600001080000");
}

BOOST_AUTO_TEST_CASE(original_amount_that_does_not_follow_the_layout_keeps_its_text) {
    // pennylane's example puts the rate elsewhere: the numbers are not trusted, the text is kept.
    const parsed_complements p = parse_with({zone("MMO", "USD000000000008358300000001077")});
    const complement& c = p.list()[0];
    BOOST_TEST(c.text == "USD000000000008358300000001077");
    BOOST_TEST(!c.rate.has_value());
    const diagnostic* d = find_code(p.result, diagnostic_code::unreadable_structured_zone);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->level == severity::info);
    BOOST_TEST(d->value == "MMO");
}

BOOST_AUTO_TEST_CASE(fee_amount) {
    const parsed_complements p = parse_with({zone("FEE", "EUR200000000000740")});
    const complement& c = p.list()[0];
    BOOST_TEST(c.kind == qualifier_kind::fee);
    BOOST_REQUIRE(c.amount.has_value());
    BOOST_TEST(c.amount->currency == "EUR");
    BOOST_TEST(c.amount->decimals == 2);
    BOOST_TEST(c.amount->amount_minor == 740);
    BOOST_TEST(p.result.diagnostics.empty());
}

BOOST_AUTO_TEST_CASE(blank_and_unknown_qualifiers_pass_through) {
    const parsed_complements p =
        parse_with({zone("   ", "TEXTE LIBRE"), zone("AAA", "QUALIFIANT INCONNU"), zone("N Y", "GARBAGE"), zone("2'C", "X")});
    BOOST_REQUIRE_EQUAL(p.list().size(), 4U);
    BOOST_TEST(p.list()[0].kind == qualifier_kind::blank);
    BOOST_TEST(p.list()[0].qualifier.empty());
    BOOST_TEST(p.list()[0].text == "TEXTE LIBRE");
    BOOST_TEST(p.list()[1].kind == qualifier_kind::unknown);
    BOOST_TEST(p.list()[1].qualifier == "AAA");
    BOOST_TEST(p.list()[1].text == "QUALIFIANT INCONNU");
    BOOST_TEST(p.list()[2].qualifier == "N Y");
    BOOST_TEST(p.list()[3].qualifier == "2'C");
    std::size_t notes = 0;
    for (const diagnostic& d : p.result.diagnostics) {
        BOOST_TEST(d.code == diagnostic_code::unknown_qualifier);
        BOOST_TEST(d.level == severity::info);
        ++notes;
    }
    BOOST_TEST(notes == 3U);
    // Notes do not reject a file, even in strict mode.
    statement_spec s;
    BOOST_TEST(parse_strict(join({opening(s, "010324", 0), movement_record(s, "020324", 100, "VIR"), zone("AAA", "X"),
                                  closing(s, "020324", 100)},
                                 ending::lf))
                   .accepted());
}

BOOST_AUTO_TEST_CASE(legacy_layout_without_qualifier) {
    statement_spec s;
    record r("05");
    r.account(s.bank, s.branch, s.account).put(33, "05").put(35, "020324").put(41, "LIBELLE COMPLEMENTAIRE ANCIEN").put(82, "1234567");
    const parsed_complements p = parse_with({r.str()});
    const complement& c = p.list()[0];
    BOOST_TEST(c.kind == qualifier_kind::legacy);
    BOOST_TEST(c.qualifier.empty());
    BOOST_TEST(c.text == "LIBELLE COMPLEMENTAIRE ANCIEN");
    BOOST_TEST(c.raw.size() == 80U);
    BOOST_TEST(has_code(p.result, diagnostic_code::legacy_complement));
}

BOOST_AUTO_TEST_CASE(a_standard_qualifier_wins_over_filler_in_41_45) {
    statement_spec s;
    record r("05");
    r.account(s.bank, s.branch, s.account).put(33, "05").put(35, "020324").put(41, "00001").put(46, "NPY").put(49, "DUPONT SA");
    const parsed_complements p = parse_with({r.str()});
    BOOST_TEST(p.list()[0].kind == qualifier_kind::payer_name);
    BOOST_TEST(p.list()[0].text == "DUPONT SA");
    BOOST_TEST(p.result.diagnostics.empty());
}

BOOST_AUTO_TEST_CASE(several_lib_records_stay_in_order) {
    const parsed_complements p = parse_with({zone("LIB", "PREMIERE"), zone("LIB", "DEUXIEME"), zone("LIB", "TROISIEME")});
    BOOST_REQUIRE_EQUAL(p.list().size(), 3U);
    BOOST_TEST(p.list()[0].text == "PREMIERE");
    BOOST_TEST(p.list()[1].text == "DEUXIEME");
    BOOST_TEST(p.list()[2].text == "TROISIEME");
    BOOST_TEST(p.list()[1].line == 4U);
}

BOOST_AUTO_TEST_CASE(a_complement_with_only_its_header) {
    statement_spec s;
    record r("05");
    r.account(s.bank, s.branch, s.account).put(33, "05").put(35, "020324");
    const parsed_complements p = parse_with({r.str()});
    BOOST_REQUIRE_EQUAL(p.list().size(), 1U);
    BOOST_TEST(p.list()[0].kind == qualifier_kind::blank);
    BOOST_TEST(p.list()[0].text.empty());
}

BOOST_AUTO_TEST_CASE(kind_names_are_stable) {
    BOOST_TEST(kind_name(qualifier_kind::payer_name) == "payer_name");
    BOOST_TEST(kind_name(qualifier_kind::mandate) == "mandate");
    BOOST_TEST(kind_name(qualifier_kind::legacy) == "legacy");
    BOOST_TEST(standard_code(qualifier_kind::unknown).empty());
}

BOOST_AUTO_TEST_SUITE_END()
