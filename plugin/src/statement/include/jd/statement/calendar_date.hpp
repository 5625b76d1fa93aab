#pragma once
// A bank day as CFONB 120 writes it (JJMMAA): a calendar date with no time and no time zone.

#include <array>
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
[[nodiscard]] parsed_date parse_jjmmaa(const char* six) noexcept;

} // namespace jd::statement
