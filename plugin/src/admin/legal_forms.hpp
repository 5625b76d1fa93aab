#pragma once
// French legal forms (formes juridiques) as they appear before or after a dénomination sociale
// (Code de commerce R123-238: the form "précédée ou suivie" the name), grouped in families.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jd::admin {

// One bit per family. Forms of one family describe the same kind of company (EURL is a one-member SARL,
// SASU a one-member SAS, EIRL an EI with limited liability), so they do not tell two companies apart.
namespace legal_family {
inline constexpr std::uint32_t none = 0;
inline constexpr std::uint32_t sarl = 1U << 0;   // SARL, EURL
inline constexpr std::uint32_t sas = 1U << 1;    // SAS, SASU
inline constexpr std::uint32_t sa = 1U << 2;
inline constexpr std::uint32_t snc = 1U << 3;
inline constexpr std::uint32_t scs = 1U << 4;
inline constexpr std::uint32_t sca = 1U << 5;
inline constexpr std::uint32_t se = 1U << 6;
inline constexpr std::uint32_t sc = 1U << 7;     // société civile (without a more precise kind)
inline constexpr std::uint32_t sci = 1U << 8;
inline constexpr std::uint32_t scp = 1U << 9;
inline constexpr std::uint32_t scm = 1U << 10;
inline constexpr std::uint32_t selarl = 1U << 11; // SELARL, SELEURL
inline constexpr std::uint32_t selas = 1U << 12;  // SELAS, SELASU
inline constexpr std::uint32_t selafa = 1U << 13;
inline constexpr std::uint32_t selca = 1U << 14;
inline constexpr std::uint32_t scop = 1U << 15;
inline constexpr std::uint32_t scic = 1U << 16;
inline constexpr std::uint32_t scea = 1U << 17;
inline constexpr std::uint32_t earl = 1U << 18;
inline constexpr std::uint32_t gaec = 1U << 19;
inline constexpr std::uint32_t gie = 1U << 20;
inline constexpr std::uint32_t ei = 1U << 21;     // EI, EIRL
inline constexpr std::uint32_t sem = 1U << 22;    // SEM, SAEM
} // namespace legal_family

// A word or phrase, in normalised tokens (upper-case ASCII), that marks a legal form or a generic company
// word. `family` is legal_family::none for generic words (SOCIETE, STE, ETS, ETABLISSEMENTS, CIE, ET CIE):
// they say "this is a company" but not which kind, so they never oppose two names.
struct legal_form_phrase {
    std::vector<std::string> tokens;
    std::string canonical; // e.g. "SARL" for "SOCIETE A RESPONSABILITE LIMITEE"
    std::uint32_t family = legal_family::none;
};

// Every known phrase, longest first (so that "SOCIETE CIVILE IMMOBILIERE" wins over "SOCIETE").
std::span<const legal_form_phrase> legal_form_phrases();

// Two names that differ only by legal form may name one company ("DUPONT" and "DUPONT SARL") or two
// ("SCI DUPONT" and "SARL DUPONT", which often live side by side: the family's property company and its
// trading company). They are compatible when either names no form, or both name a form of one family.
inline bool legal_forms_compatible(std::uint32_t a, std::uint32_t b) {
    return a == legal_family::none || b == legal_family::none || (a & b) != 0;
}

} // namespace jd::admin
