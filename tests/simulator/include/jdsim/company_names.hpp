#pragma once
// Realistic French company names (raisons sociales) and the spelling variants a host may hold for them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jdsim {

enum class form_position { none, before, after };

struct company_name {
    std::string core;        // "BOULANGERIE MARTIN" (UTF-8, without the legal form)
    std::string legal_form;  // "SARL", "SAS"... or empty
    form_position position = form_position::none;

    // The raison sociale: legal form before or after the core.
    std::string render() const;
};

// Deterministic: the same (seed, index) always gives the same name.
company_name make_company_name(std::uint64_t seed, std::uint64_t index);

// A person's name for a "responsable" or an account holder.
struct person_name {
    std::string civilite;  // "M." / "Mme"
    std::string first;
    std::string last;
};
person_name make_person_name(std::uint64_t seed, std::uint64_t index);

// A shop, utility or public body appearing as a counterpart in bank statements (UTF-8).
const std::vector<std::string>& merchant_names();
const std::vector<std::string>& creditor_names();

// How a host may spell the same company differently: the plugin should propose these, never auto-link them.
enum class name_quirk {
    letter_case,   // "Boulangerie Martin" for "BOULANGERIE MARTIN"
    accents,       // "L'ETOILE" for "L'ÉTOILE"
    apostrophe,    // typographic apostrophe, or none
    ampersand,     // "&" <-> "ET"
    dotted_form,   // "S.A.R.L." for "SARL"
    moved_form,    // legal form before <-> after
};
std::string_view to_string(name_quirk q);
// The variant, or nullopt when the quirk does not apply to this name (no accent, no apostrophe...).
std::optional<std::string> apply_quirk(const company_name& name, name_quirk q);

}  // namespace jdsim
