#include "refhost/time_format.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>

namespace refhost {

namespace {

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > text.size()) return false;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

bool leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap_year(year) ? 29 : days[month - 1];
}

// Days from 1970-01-01 to the given civil date (proleptic Gregorian), without time zone tables.
std::int64_t days_from_civil(int year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const int year_of_era = year - era * 400;
    const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return static_cast<std::int64_t>(era) * 146097 + day_of_era - 719468;
}

bool parse_date(std::string_view text, int& year, int& month, int& day) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
    if (!read_digits(text, 0, 4, year) || !read_digits(text, 5, 2, month) || !read_digits(text, 8, 2, day))
        return false;
    return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

} // namespace

std::string iso_utc(std::int64_t epoch_ms) {
    std::int64_t seconds = epoch_ms / 1000;
    std::int64_t millis = epoch_ms % 1000;
    if (millis < 0) {
        millis += 1000;
        seconds -= 1;
    }
    const auto as_time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    gmtime_r(&as_time, &parts);
    char buffer[64];
    if (millis == 0) {
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900,
                      parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
    } else {
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900,
                      parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                      static_cast<int>(millis));
    }
    return buffer;
}

bool is_calendar_date(std::string_view text) {
    int year = 0, month = 0, day = 0;
    return text.size() == 10 && parse_date(text, year, month, day);
}

std::optional<std::int64_t> parse_iso_utc(std::string_view text) {
    int year = 0, month = 0, day = 0;
    if (!parse_date(text, year, month, day)) return std::nullopt;
    std::int64_t ms = days_from_civil(year, month, day) * 86400000LL;
    std::size_t pos = 10;
    if (pos == text.size()) return ms;
    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
    ++pos;
    int hour = 0, minute = 0, second = 0;
    if (!read_digits(text, pos, 2, hour) || pos + 2 >= text.size() || text[pos + 2] != ':' ||
        !read_digits(text, pos + 3, 2, minute))
        return std::nullopt;
    pos += 5;
    if (pos < text.size() && text[pos] == ':') {
        if (!read_digits(text, pos + 1, 2, second)) return std::nullopt;
        pos += 3;
        if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
            ++pos;
            int fraction_ms = 0, scale = 100;
            const std::size_t start = pos;
            while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
                fraction_ms += (text[pos] - '0') * scale;
                scale /= 10;
                ++pos;
            }
            if (pos == start) return std::nullopt;
            ms += fraction_ms;
        }
    }
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    ms += ((hour * 60LL + minute) * 60LL + second) * 1000LL;
    if (pos == text.size()) return ms;
    if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) return ms;
    if (text[pos] == '+' || text[pos] == '-') {
        const int sign = text[pos] == '+' ? 1 : -1;
        int offset_hours = 0, offset_minutes = 0;
        if (!read_digits(text, pos + 1, 2, offset_hours)) return std::nullopt;
        std::size_t next = pos + 3;
        if (next < text.size() && text[next] == ':') ++next;
        if (!read_digits(text, next, 2, offset_minutes) || next + 2 != text.size()) return std::nullopt;
        if (offset_hours > 23 || offset_minutes > 59) return std::nullopt;
        return ms - sign * (offset_hours * 60LL + offset_minutes) * 60000LL;
    }
    return std::nullopt;
}

} // namespace refhost
