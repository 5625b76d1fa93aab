#pragma once
// French account numbers: the RIB check key ("clé RIB") and the IBAN, rebuilt from the bank code, the
// branch code (guichet) and the 11-character account number that CFONB records carry.

#include <string>
#include <string_view>

namespace jd::statement {

/// The two-digit RIB key: 97 - ((89 * bank + 15 * branch + 3 * account) mod 97), where letters count as
/// digits (A,J → 1; B,K,S → 2; … I,R,Z → 9). Empty when a character is neither a digit nor a letter
/// or when a part does not have its length (5, 5, 11).
[[nodiscard]] std::string rib_check_digits(std::string_view bank, std::string_view branch, std::string_view account);

/// The French IBAN "FRkk" + bank + branch + account + RIB key (27 characters, no spaces), or empty when the
/// RIB key cannot be computed.
[[nodiscard]] std::string french_iban(std::string_view bank, std::string_view branch, std::string_view account);

/// True when an IBAN's check digits are right (ISO 13616 mod-97); spaces are not allowed.
[[nodiscard]] bool iban_is_valid(std::string_view iban);

} // namespace jd::statement
