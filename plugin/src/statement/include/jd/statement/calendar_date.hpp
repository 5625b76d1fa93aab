#pragma once
// A bank day as CFONB 120 writes it (JJMMAA): a calendar date with no time and no time zone.

#include <array>
#include <bit>
#include <cstring>
#include <cstdint>
#include <string>

namespace jd::statement {

struct calendar_date {
    std::int16_t year = 0;
    std::uint8_t month = 0; ///< 1..12; 0 means "no date"
    std::uint8_t day = 0;   ///< 1..31

    [[nodiscard]] constexpr bool valid() const noexcept { return month != 0; }
    /// yyyymmdd as one number: it orders like the dates themselves (0 when there is no date).
    [[nodiscard]] constexpr std::int32_t key() const noexcept { return year * 10000 + month * 100 + day; }
    /// "YYYY-MM-DD" written into 10 characters (no terminator); "" when there is no date.
    [[nodiscard]] std::string iso() const;
    void write_iso(char* out10) const noexcept;

    friend constexpr bool operator==(calendar_date, calendar_date) noexcept = default;
};

enum class date_status : std::uint8_t { ok, blank, invalid };

struct parsed_date {
    calendar_date date;
    date_status status = date_status::invalid;
};

/// Century rule for the two-digit year AA: 00..79 → 2000..2079, 80..99 → 1980..1999.
/// ETEBAC statements appeared in the 1980s, so no file carries an earlier year; the window is fixed (not
/// sliding with today's date) so that a file always gives the same dates, whenever it is read.
inline constexpr int first_year_of_1900s = 80;

[[nodiscard]] constexpr bool is_leap_year(int year) noexcept {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}
[[nodiscard]] constexpr int days_in_month(int year, int month) noexcept {
    constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : days[static_cast<std::size_t>(month - 1)];
}

/// Reads six characters JJMMAA. Six spaces are "no date" (blank); anything else that is not a real calendar
/// day (31/02, 00/01, letters) is invalid: nothing is rolled over to the next month.
/// Inline so that the result stays in registers in the parser's loop.
[[nodiscard, gnu::always_inline]] inline parsed_date parse_jjmmaa(const char* six) noexcept {
    // Two loads straight into registers, then '0' subtracted from the six bytes at once.
    std::uint32_t low;
    std::uint16_t high;
    std::memcpy(&low, six, 4);
    std::memcpy(&high, six + 4, 2);
    if constexpr (std::endian::native == std::endian::big) {
        low = __builtin_bswap32(low);
        high = __builtin_bswap16(high);
    }
    const std::uint64_t digits = (static_cast<std::uint64_t>(high) << 32 | low) - 0x0000303030303030ULL;
    // A byte below '0' wraps to >= 0xD0; one above '9' reaches the high bit once 0x76 is added.
    if (((digits | (digits + 0x0000767676767676ULL)) & 0x0000808080808080ULL) != 0) [[unlikely]] {
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
