#pragma once
// SIREN (9 digits) and SIRET (SIREN + 5-digit NIC) checks. A SIREN is the one key both sides may share;
// an invalid one is reported and never used to propose a match.
#include <string>
#include <string_view>

namespace jd::admin {

enum class identifier_status {
    absent,       // empty or only spaces: nothing to check
    valid,
    bad_format,   // not exactly 9 (SIREN) or 14 (SIRET) digits once spaces are removed
    bad_checksum, // the Luhn check digit is wrong
    placeholder,  // all zeros: passes Luhn but identifies nothing
};

struct identifier_check {
    identifier_status status = identifier_status::absent;
    std::string digits; // the digits without spaces, when status is valid

    bool valid() const { return status == identifier_status::valid; }
    bool invalid() const { return status != identifier_status::absent && status != identifier_status::valid; }
};

// Luhn check over a string of ASCII digits (mod 10, doubling every second digit from the right).
bool luhn_valid(std::string_view digits);

// Spaces, no-break spaces (U+00A0) and narrow no-break spaces (U+202F) are allowed between digits, as in
// "552 100 554"; anything else makes the number malformed.
identifier_check check_siren(std::string_view raw);

// A SIRET is valid by Luhn, or, for La Poste (SIREN 356000000) whose establishments outnumber the check
// digit's room, when the sum of its 14 digits is a multiple of 5.
identifier_check check_siret(std::string_view raw);

inline bool is_valid_siren(std::string_view raw) { return check_siren(raw).valid(); }
inline bool is_valid_siret(std::string_view raw) { return check_siret(raw).valid(); }

} // namespace jd::admin
