#include "jd/statement/amount.hpp"

#include <array>

namespace jd::statement {
namespace {

// value: 0..9 digit, sign in bit 4 (1 = debit); 0xFF: not an overpunch character.
constexpr std::array<std::uint8_t, 256> make_overpunch_table() {
    std::array<std::uint8_t, 256> table{};
    for (auto& entry : table) {
        entry = 0xFF;
    }
    table['{'] = 0;
    table['}'] = 0x10;
    for (int d = 1; d <= 9; ++d) {
        table[static_cast<std::size_t>('A' + d - 1)] = static_cast<std::uint8_t>(d);
        table[static_cast<std::size_t>('J' + d - 1)] = static_cast<std::uint8_t>(0x10 | d);
    }
    return table;
}
constexpr auto overpunch_table = make_overpunch_table();

} // namespace

std::optional<overpunch_digit> decode_overpunch(char c) noexcept {
    const std::uint8_t entry = overpunch_table[static_cast<unsigned char>(c)];
    if (entry == 0xFF) {
        return std::nullopt;
    }
    return overpunch_digit{(entry & 0x10) != 0 ? -1 : 1, entry & 0x0F};
}

parsed_amount decode_amount(const char* field) noexcept {
    std::int64_t value = 0;
    unsigned bad = 0;
    unsigned blanks = 0;
    for (int i = 0; i < 13; ++i) {
        const unsigned digit = static_cast<unsigned char>(field[i]) - unsigned{'0'};
        bad |= static_cast<unsigned>(digit > 9);
        blanks += static_cast<unsigned>(field[i] == ' ');
        value = value * 10 + static_cast<std::int64_t>(digit);
    }
    const std::uint8_t last = overpunch_table[static_cast<unsigned char>(field[13])];
    if (bad != 0) [[unlikely]] {
        return {0, blanks == 13 && field[13] == ' ' ? amount_status::blank : amount_status::bad_digits};
    }
    if (last == 0xFF) [[unlikely]] {
        return {0, amount_status::bad_sign};
    }
    value = value * 10 + (last & 0x0F);
    return {(last & 0x10) != 0 ? -value : value, amount_status::ok};
}

} // namespace jd::statement
