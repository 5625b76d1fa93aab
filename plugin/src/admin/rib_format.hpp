#pragma once
// French RIB arithmetic for the bank-link step: the RIB key (clé RIB), the display form and the IBAN of a
// RIB identified by its 21-character rib_key (bank 5 + guichet 5 + account 11, as in CFONB records).
#include <optional>
#include <string>
#include <string_view>

namespace jd::admin {

/// The rib_key of a RIB's parts (upper-cased), or nullopt when they do not make a well-formed key
/// (5 + 5 + 11 characters among 0-9 A-Z).
[[nodiscard]] std::optional<std::string> make_rib_key(std::string_view bank, std::string_view guichet,
                                                      std::string_view account);

/// The two-digit clé RIB of a well-formed rib_key (letters of the account count as digits by the banks'
/// table: A/J → 1, B/K/S → 2, …, I/R/Z → 9).
[[nodiscard]] std::string rib_check_key(std::string_view rib_key);

/// "30004 00001 00012345678 97". `cle` empty: computed.
[[nodiscard]] std::string rib_display(std::string_view rib_key, std::string_view cle = {});

/// "FR76…" (27 characters, no spaces) of a French RIB. `cle` empty: computed.
[[nodiscard]] std::string french_iban(std::string_view rib_key, std::string_view cle = {});

/// An IBAN as compared: spaces removed, letters upper-cased.
[[nodiscard]] std::string normalise_iban(std::string_view iban);

/// True when `cle` is two ASCII digits.
[[nodiscard]] bool is_rib_check_key(std::string_view cle) noexcept;

} // namespace jd::admin
