#pragma once
// Signed CFONB amounts: 13 digits followed by one character that carries both the sign and the last digit
// (the COBOL zoned-decimal "overpunch": '{' = +0, 'A'..'I' = +1..+9, '}' = -0, 'J'..'R' = -1..-9).

#include <cstdint>
#include <optional>

namespace jd::statement {

struct overpunch_digit {
    int sign;  ///< +1 credit, -1 debit
    int digit; ///< 0..9
};

/// The sign and digit carried by an overpunch character, or nothing for any other character.
[[nodiscard]] std::optional<overpunch_digit> decode_overpunch(char c) noexcept;

enum class amount_status : std::uint8_t { ok, blank, bad_digits, bad_sign };

struct parsed_amount {
    std::int64_t minor = 0; ///< signed, in units of 10^-decimals
    amount_status status = amount_status::bad_digits;
};

/// Reads the 14-character amount field (positions 91-104). The value is in minor units whatever the number
/// of decimals: the decimals only say where the comma goes.
[[nodiscard]] parsed_amount decode_amount(const char* fourteen) noexcept;

} // namespace jd::statement
