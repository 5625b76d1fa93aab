#include "jd/statement/amount.hpp"

#include <array>
#include <cstring>

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

namespace {

// Eight ASCII digits (most significant first) at once; `ok` is cleared when one is not a digit.
std::uint64_t eight_digits(const char* p, bool& ok) noexcept {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    word -= 0x3030303030303030ULL;
    // A byte that was below '0' wrapped to >= 0xD0; one above '9' is >= 10 and gets its high bit from +0x76.
    ok = ok && ((word | (word + 0x7676767676767676ULL)) & 0x8080808080808080ULL) == 0;
    word = (word * 10 + (word >> 8)) & 0x00FF00FF00FF00FFULL;
    word = (word * 100 + (word >> 16)) & 0x0000FFFF0000FFFFULL;
    word = (word * 10000 + (word >> 32)) & 0x00000000FFFFFFFFULL;
    return word;
}

} // namespace

parsed_amount decode_amount(const char* field) noexcept {
    bool ok = true;
    std::uint64_t value = eight_digits(field, ok);
    for (int i = 8; i < 13; ++i) {
        const unsigned digit = static_cast<unsigned char>(field[i]) - unsigned{'0'};
        ok = ok && digit <= 9;
        value = value * 10 + digit;
    }
    const std::uint8_t last = overpunch_table[static_cast<unsigned char>(field[13])];
    if (!ok) [[unlikely]] {
        bool blank = true;
        for (int i = 0; i < 14; ++i) {
            blank = blank && field[i] == ' ';
        }
        return {0, blank ? amount_status::blank : amount_status::bad_digits};
    }
    if (last == 0xFF) [[unlikely]] {
        return {0, amount_status::bad_sign};
    }
    const auto magnitude = static_cast<std::int64_t>(value * 10 + (last & 0x0FU));
    return {(last & 0x10) != 0 ? -magnitude : magnitude, amount_status::ok};
}

} // namespace jd::statement
