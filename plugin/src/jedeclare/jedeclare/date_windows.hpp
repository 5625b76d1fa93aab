#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace jd::jedeclare {

// JeDéclare refuses ranges wider than about 18 months (code 05); 540 days stays below that.
inline constexpr int max_list_window_days = 540;

struct date_range {
    std::chrono::year_month_day from;
    std::chrono::year_month_day to; // inclusive
};

// Splits [from, to] (inclusive) into consecutive windows of at most max_days days each, oldest first.
// from after to gives an empty list.
std::vector<date_range> split_date_range(std::chrono::year_month_day from, std::chrono::year_month_day to,
                                         int max_days = max_list_window_days);

// "JJ/MM/AAAA".
std::string format_jjmmaaaa(std::chrono::year_month_day day);

// Today's date in UTC.
std::chrono::year_month_day utc_today();

} // namespace jd::jedeclare
