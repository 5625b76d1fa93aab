#include "jedeclare/date_windows.hpp"

#include <cstdio>

namespace jd::jedeclare {

std::vector<date_range> split_date_range(std::chrono::year_month_day from, std::chrono::year_month_day to,
                                         int max_days)
{
    using std::chrono::days;
    using std::chrono::sys_days;
    std::vector<date_range> windows;
    if (max_days < 1)
        max_days = 1;
    sys_days start{from};
    const sys_days last{to};
    while (start <= last) {
        sys_days end = start + days{max_days - 1};
        if (end > last)
            end = last;
        windows.push_back({std::chrono::year_month_day{start}, std::chrono::year_month_day{end}});
        start = end + days{1};
    }
    return windows;
}

std::string format_jjmmaaaa(std::chrono::year_month_day day)
{
    char text[16];
    std::snprintf(text, sizeof text, "%02u/%02u/%04d", static_cast<unsigned>(day.day()),
                  static_cast<unsigned>(day.month()), static_cast<int>(day.year()));
    return text;
}

std::chrono::year_month_day utc_today()
{
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

} // namespace jd::jedeclare
