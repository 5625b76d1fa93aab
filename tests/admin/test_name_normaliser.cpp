#include "admin/name_normaliser.hpp"
#include "admin/utf8.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

using jd::admin::normalise_company_name;
using jd::admin::same_normalised_name;

namespace {

bool same(const std::string& a, const std::string& b) {
    return same_normalised_name(normalise_company_name(a), normalise_company_name(b));
}

} // namespace

BOOST_AUTO_TEST_SUITE(name_normaliser)

// Pairs that must be proposed as the same company by name.
BOOST_AUTO_TEST_CASE(golden_pairs_that_match) {
    const std::vector<std::pair<std::string, std::string>> pairs = {
        {"SARL L'ÉTOILE", "L ETOILE SARL"},
        {"L ETOILE SARL", "l\u2019\u00c9toile S.A.R.L."},
        {"SARL L'ÉTOILE", "l\u2019\u00c9toile S.A.R.L."},
        {"DUPONT & FILS", "DUPONT ET FILS"},
        {"Boulangerie\u00a0 Dupont", "BOULANGERIE DUPONT"},
        {"Boulangerie\u202fDupont", "Boulangerie   Dupont"},
        {"CAFÉ DE LA GARE", "Cafe de la Gare"},
        {"ŒUVRES SOCIALES", "OEUVRES SOCIALES"},
        {"Ætna", "AETNA"},
        {"Straße", "STRASSE"},
        {"STRA\u1e9eE", "STRASSE"},
        {"Garçon", "GARCON"},
        {"Łódź Żubr", "LODZ ZUBR"},
        {"SAINT-MARTIN", "SAINT MARTIN"},
        {"SAINT\u2013MARTIN", "SAINT\u2014MARTIN"},
        {"SAINT\u2011MARTIN", "SAINT MARTIN"},
        {"L\u02bcETOILE", "L'ETOILE"},
        {"E\u0301TOILE", "ÉTOILE"},                      // decomposed accent
        {"\uff21\uff2c\uff30\uff28\uff21", "ALPHA"},     // full-width
        {"DU\u200bPONT", "DUPONT"},                      // zero-width space
        {"DUPONT SARL AU CAPITAL DE 10 000 EUROS", "DUPONT"},
        {"SARL DUPONT au capital de 7\u202f500 \u20ac", "DUPONT SARL"},
        {"SCOP DUPONT A CAPITAL VARIABLE", "DUPONT SCOP"},
        {"DUPONT (SARL)", "SARL DUPONT"},
        {"S.A.S. MARTIN", "MARTIN SAS"},
        {"S.A. DUPONT", "DUPONT SA"},
        {"STE DUPONT", "SOCIETE DUPONT"},
        {"Sté Dupont", "DUPONT"},
        {"ETS MARTIN", "ETABLISSEMENTS MARTIN"},
        {"Éts. Martin", "MARTIN"},
        {"DUPONT ET CIE", "DUPONT & Cie"},
        {"EURL DUPONT", "DUPONT SARL"},           // one family
        {"DUPONT SASU", "SAS DUPONT"},            // one family
        {"EIRL JEAN MARTIN", "JEAN MARTIN EI"},   // one family
        {"SOCIETE CIVILE IMMOBILIERE DES LILAS", "SCI DES LILAS"},
        {"SOCIETE A RESPONSABILITE LIMITEE DUPONT", "DUPONT S.A.R.L."},
        {"SELARL DU DR MARTIN", "DU DR MARTIN"},  // a name without a form is compatible with any form
        {"GIE DES ARTISANS", "DES ARTISANS"},
        {"SNC DUPONT FRERES", "DUPONT FRERES SNC"},
        {"ALPHA\u00b2", "ALPHA2"},
    };
    for (const auto& [a, b] : pairs) {
        BOOST_TEST(same(a, b), "expected a match: \"" << a << "\" / \"" << b << "\"");
        BOOST_TEST(same(b, a), "expected a symmetric match: \"" << b << "\" / \"" << a << "\"");
    }
}

// Near-duplicates that must never be proposed as one company by name.
BOOST_AUTO_TEST_CASE(golden_pairs_that_do_not_match) {
    const std::vector<std::pair<std::string, std::string>> pairs = {
        {"ALPHA", "ALPHA 2"},
        {"ALPHA", "ALPHA BETA"},
        {"SCI DUPONT", "SARL DUPONT"},
        {"SCI DUPONT", "DUPONT SAS"},
        {"SELARL MARTIN", "SARL MARTIN"},
        {"SA DUPONT", "SAS DUPONT"},
        {"DUPONT ET FILS", "DUPONT FILS"},
        {"FINANCE CAPITAL 2000", "FINANCE CAPITAL 3000"}, // "CAPITAL" in a name is not a capital clause
        {"LETOILE", "L ETOILE"},
        {"", ""},
        {"   ", "   "},
        {"...", "---"},
        {"\xff", "\xff"},            // invalid UTF-8 never matches by name, not even itself
        {"CAF\xc9", "CAFE"},         // Latin-1 bytes are not UTF-8
        {"\u65e5\u672c", "\u4e2d\u56fd"}, // other scripts are kept, not erased
        {"DUPONT\u00e9", "DUPONT"},
    };
    for (const auto& [a, b] : pairs) {
        BOOST_TEST(!same(a, b), "unexpected match: \"" << a << "\" / \"" << b << "\"");
    }
}

BOOST_AUTO_TEST_CASE(steps_are_visible) {
    const auto n = normalise_company_name("l\u2019\u00c9toile S.A.R.L.");
    BOOST_TEST(n.valid_utf8);
    BOOST_TEST(!n.blank);
    BOOST_TEST(n.folded == "L ETOILE SARL");
    BOOST_TEST(n.core == "L ETOILE");
    BOOST_TEST(n.legal_forms == std::vector<std::string>{"SARL"});

    const auto capital = normalise_company_name("Boulangerie Dupont SARL au capital de 10.000,00 euros");
    BOOST_TEST(capital.core == "BOULANGERIE DUPONT");

    const auto both_ends = normalise_company_name("STE DUPONT ET FILS SARL");
    BOOST_TEST(both_ends.core == "DUPONT ET FILS");
    BOOST_TEST(both_ends.legal_forms.size() == 2U);

    // A name that is nothing but a legal form keeps it: the key is never emptied by the removal.
    BOOST_TEST(normalise_company_name("SARL").core == "SARL");
    BOOST_TEST(normalise_company_name("SOCIETE ANONYME").core == "ANONYME");
    // Dots join single letters only; elsewhere they separate words.
    BOOST_TEST(normalise_company_name("WWW.DUPONT.FR").core == "WWW DUPONT FR");
    BOOST_TEST(normalise_company_name("10.000").core == "10 000");
}

BOOST_AUTO_TEST_CASE(blank_names) {
    BOOST_TEST(normalise_company_name("").blank);
    BOOST_TEST(normalise_company_name("  \t ").blank);
    BOOST_TEST(normalise_company_name("\u00a0\u200b\u202f").blank);
    BOOST_TEST(!normalise_company_name("...").blank);
    BOOST_TEST(normalise_company_name("...").core.empty());
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_reported_not_crashed_on) {
    const std::vector<std::pair<std::string, std::size_t>> samples = {
        {"CAF\xc9", 3},               // Latin-1 byte
        {"AB\xc3", 2},                // truncated sequence at the end
        {"\xc0\xaf", 0},              // overlong "/"
        {"A\xed\xa0\x80", 1},         // UTF-16 surrogate
        {"\xf4\x90\x80\x80", 0},      // above U+10FFFF
        {"OK\x80", 2},                // lone continuation byte
        {std::string("A\0B\xfe", 4), 3},
    };
    for (const auto& [text, offset] : samples) {
        const auto n = normalise_company_name(text);
        BOOST_TEST(!n.valid_utf8);
        BOOST_TEST(n.invalid_utf8_offset == offset);
        BOOST_TEST(n.core.empty());
        BOOST_TEST(!n.blank);
    }
    // Every byte value, in every position: nothing crashes and the decoder always advances.
    for (int first = 0; first < 256; ++first) {
        for (int second = 0; second < 256; second += 5) {
            std::string text{static_cast<char>(first), static_cast<char>(second), '\xa9'};
            (void)normalise_company_name(text);
            BOOST_TEST(jd::admin::utf8::is_valid(jd::admin::utf8::make_valid(text)));
        }
    }
}

BOOST_AUTO_TEST_CASE(utf8_helpers) {
    using namespace jd::admin::utf8;
    BOOST_TEST(is_valid("L\u2019\u00c9toile \U0001F600"));
    BOOST_TEST(make_valid("CAF\xc9") == "CAF\uFFFD");
    BOOST_TEST(make_valid("A\xe2\x82") == "A\uFFFD"); // one replacement for a truncated sequence
    std::string out;
    append(out, U'\u00c9');
    append(out, U'\U0001F600');
    BOOST_TEST(out == "\u00c9\U0001F600");
}

BOOST_AUTO_TEST_SUITE_END()
