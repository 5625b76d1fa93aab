#include "jdsim/calendar.hpp"

#include <chrono>
#include <cstdio>

namespace jdsim {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
std::int32_t days_from_civil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct ymd {
    int y, m, d;
};

ymd civil_from_days(std::int32_t z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = yoe + era * 400;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp + (mp < 10 ? 3 : -9);
    return {y + (m <= 2 ? 1 : 0), m, d};
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int month_length(int y, int m) {
    static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : lengths[m - 1];
}

std::optional<int> digits(std::string_view s) {
    if (s.empty()) return std::nullopt;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::optional<date> checked(std::optional<int> y, std::optional<int> m, std::optional<int> d) {
    if (!y || !m || !d) return std::nullopt;
    if (*y < 1900 || *y > 2999 || *m < 1 || *m > 12 || *d < 1 || *d > month_length(*y, *m)) return std::nullopt;
    return date::from_ymd(*y, *m, *d);
}

// Last Sunday of a month, as a day number.
std::int32_t last_sunday(int y, int m) {
    const date last = date::from_ymd(y, m, month_length(y, m));
    return last.days() - (last.weekday() + 1) % 7;
}

}  // namespace

date date::from_ymd(int year, int month, int day) { return date(days_from_civil(year, month, day)); }

date date::today_utc() {
    const auto now = std::chrono::system_clock::now();
    const auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
    return date(static_cast<std::int32_t>(days));
}

std::optional<date> date::parse_iso(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    return checked(digits(t.substr(0, 4)), digits(t.substr(5, 2)), digits(t.substr(8, 2)));
}

std::optional<date> date::parse_fr(std::string_view t) {
    if (t.size() != 10 || t[2] != '/' || t[5] != '/') return std::nullopt;
    return checked(digits(t.substr(6, 4)), digits(t.substr(3, 2)), digits(t.substr(0, 2)));
}

int date::year() const { return civil_from_days(days_).y; }
int date::month() const { return civil_from_days(days_).m; }
int date::day() const { return civil_from_days(days_).d; }

int date::weekday() const {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    const int w = (days_ % 7 + 7 + 3) % 7;
    return w;
}

date date::plus_months(int n) const {
    const ymd c = civil_from_days(days_);
    int total = c.y * 12 + (c.m - 1) + n;
    const int y = total / 12;
    const int m = total % 12 + 1;
    const int d = c.d > month_length(y, m) ? month_length(y, m) : c.d;
    return from_ymd(y, m, d);
}

date date::next_business_day() const {
    date d = plus_days(1);
    while (!d.is_business_day()) d = d.plus_days(1);
    return d;
}

date date::previous_business_day() const {
    date d = plus_days(-1);
    while (!d.is_business_day()) d = d.plus_days(-1);
    return d;
}

std::string date::iso() const {
    const ymd c = civil_from_days(days_);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
    return buf;
}

std::string date::fr() const {
    const ymd c = civil_from_days(days_);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", c.d, c.m, c.y);
    return buf;
}

void date::write_ddmmyy(char* out) const {
    const ymd c = civil_from_days(days_);
    const int yy = c.y % 100;
    out[0] = static_cast<char>('0' + c.d / 10);
    out[1] = static_cast<char>('0' + c.d % 10);
    out[2] = static_cast<char>('0' + c.m / 10);
    out[3] = static_cast<char>('0' + c.m % 10);
    out[4] = static_cast<char>('0' + yy / 10);
    out[5] = static_cast<char>('0' + yy % 10);
}

int date::paris_offset_minutes() const {
    // Summer time runs from the last Sunday of March to the last Sunday of October; at 06:00
    // local time the switch of the day itself has already happened.
    const int y = year();
    const bool summer = days_ >= last_sunday(y, 3) && days_ < last_sunday(y, 10);
    return summer ? 120 : 60;
}

}  // namespace jdsim
