#pragma once
// UTF-8 text transforms for French names (Latin-1 range): case, accents, Latin-1 encoding.
#include <string>
#include <string_view>

namespace jdsim {

std::string upper_fr(std::string_view utf8);
std::string lower_fr(std::string_view utf8);
// "BOULANGERIE DE L'ÉTANG" -> "Boulangerie De L'Étang" (first letter of each word upper).
std::string title_fr(std::string_view utf8);
// É -> E, ç -> c, Œ -> OE ...
std::string strip_accents(std::string_view utf8);
bool has_accent(std::string_view utf8);
// Encodes to ISO-8859-1; the typographic apostrophe becomes ', Œ/œ become OE/oe, anything else '?'.
std::string to_latin1(std::string_view utf8);

}  // namespace jdsim
