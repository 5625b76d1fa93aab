#include "jd/statement/calendar_date.hpp"

#include <bit>
#include <cstring>

namespace jd::statement {

void calendar_date::write_iso(char* out) const noexcept {
    const int y = year;
    out[0] = static_cast<char>('0' + y / 1000 % 10);
    out[1] = static_cast<char>('0' + y / 100 % 10);
    out[2] = static_cast<char>('0' + y / 10 % 10);
    out[3] = static_cast<char>('0' + y % 10);
    out[4] = '-';
    out[5] = static_cast<char>('0' + month / 10);
    out[6] = static_cast<char>('0' + month % 10);
    out[7] = '-';
    out[8] = static_cast<char>('0' + day / 10);
    out[9] = static_cast<char>('0' + day % 10);
}

std::string calendar_date::iso() const {
    if (!valid()) {
        return {};
    }
    std::string text(10, '0');
    write_iso(text.data());
    return text;
}

parsed_date parse_jjmmaa(const char* six) noexcept {
    // The six characters as one word: subtract '0' from each and check they were all digits at once.
    // Two loads straight into registers (a 6-byte copy into a zeroed word would stall on store forwarding).
    std::uint32_t low;
    std::uint16_t high;
    std::memcpy(&low, six, 4);
    std::memcpy(&high, six + 4, 2);
    if constexpr (std::endian::native == std::endian::big) {
        low = __builtin_bswap32(low);
        high = __builtin_bswap16(high);
    }
    const std::uint64_t word = static_cast<std::uint64_t>(high) << 32 | low;
    const std::uint64_t digits = word - 0x0000303030303030ULL;
    // A byte below '0' wraps to >= 0xD0; one above '9' reaches the high bit once 0x76 is added.
    const bool numeric = ((digits | (digits + 0x0000767676767676ULL)) & 0x0000808080808080ULL) == 0;
    if (!numeric) [[unlikely]] {
        bool blank = true;
        for (int i = 0; i < 6; ++i) {
            blank = blank && six[i] == ' ';
        }
        return {{}, blank ? date_status::blank : date_status::invalid};
    }
    const auto digit = [digits](int i) { return static_cast<int>((digits >> (8 * i)) & 0xFF); };
    const int day = digit(0) * 10 + digit(1);
    const int month = digit(2) * 10 + digit(3);
    const int yy = digit(4) * 10 + digit(5);
    const int year = yy >= first_year_of_1900s ? 1900 + yy : 2000 + yy;
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) [[unlikely]] {
        return {{}, date_status::invalid};
    }
    return {{static_cast<std::int16_t>(year), static_cast<std::uint8_t>(month), static_cast<std::uint8_t>(day)},
            date_status::ok};
}

} // namespace jd::statement
