#pragma once
// The normalised form of a raison sociale, used only to PROPOSE matches, never to link.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jd::admin {

struct normalised_name {
    bool valid_utf8 = true;
    std::size_t invalid_utf8_offset = 0; // byte offset of the first bad sequence when !valid_utf8
    // Only spaces, control and invisible characters (or nothing at all): such a name identifies nothing.
    bool blank = true;
    // Upper-case ASCII-folded tokens separated by one space: "l’Étoile S.A.R.L." gives "L ETOILE SARL".
    std::string folded;
    // `folded` without the legal-form and generic company words at either end and without a trailing
    // capital clause: "L ETOILE". Empty for invalid UTF-8, so such a name is never proposed by name.
    std::string core;
    // The legal-form families removed (legal_family bits) and their canonical spelling, in order found.
    std::uint32_t legal_families = 0;
    std::vector<std::string> legal_forms;
};

// Normalisation, step by step (each step is what the French legal-name pitfalls ask for):
//  1. decode UTF-8 by hand; an invalid name gets an empty key (it can only ever match itself exactly);
//  2. fold Latin-1 Supplement and Latin Extended-A letters to ASCII (É→E, Ç→C, Œ→OE, Æ→AE, ß→SS, ẞ→SS),
//     drop combining accents (decomposed input), upper-case ASCII, map full-width ASCII to ASCII;
//  3. "&" becomes the word ET; apostrophes (U+0027, U+2019, U+02BC…), hyphens and dashes, quotes,
//     brackets and other punctuation become spaces; every space (U+00A0, U+202F, U+2000–U+200A…) is a
//     space; zero-width and bidirectional controls and the soft hyphen vanish;
//  4. dotted abbreviations made only of single letters are joined ("S.A.R.L." → SARL, "E.U.R.L" → EURL),
//     other dots separate words;
//  5. a trailing capital clause is cut ("AU CAPITAL DE 10 000 EUROS", "CAPITAL SOCIAL 5000",
//     "A CAPITAL VARIABLE") when it does not start the name;
//  6. legal forms and generic company words are removed at the start and at the end, repeatedly, as long
//     as one word remains (SARL, EURL, SAS, SASU, SA, SNC, SCI, SCP, SELARL, SCOP, GIE, EI, EIRL, SOCIETE,
//     STE, ETS/ETABLISSEMENTS, CIE, "ET CIE", long forms such as "SOCIETE CIVILE IMMOBILIERE"…); the
//     families removed are kept so that "SCI DUPONT" and "SARL DUPONT" are never taken for one company.
normalised_name normalise_company_name(std::string_view raw);

// Same company by name: both keys are non-empty and equal, and their legal forms do not oppose each other
// (see legal_forms_compatible). "ALPHA" and "ALPHA 2" differ; "SCI DUPONT" and "SARL DUPONT" differ.
bool same_normalised_name(const normalised_name& a, const normalised_name& b);

} // namespace jd::admin
