#include "jedeclare/retry_policy.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string>
#include <vector>

namespace jd::jedeclare {

namespace {

using std::chrono::milliseconds;

std::string_view trim(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

bool all_digits(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(),
                                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

std::optional<int> to_int(std::string_view text)
{
    if (!all_digits(text) || text.size() > 9)
        return std::nullopt;
    int value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

std::optional<unsigned> month_number(std::string_view name)
{
    static constexpr std::array<std::string_view, 12> names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (unsigned i = 0; i < names.size(); ++i)
        if (name == names[i])
            return i + 1;
    return std::nullopt;
}

// Splits on spaces (several in a row count as one, as in asctime's "Nov  6").
std::vector<std::string_view> words(std::string_view text)
{
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (at < text.size()) {
        while (at < text.size() && text[at] == ' ')
            ++at;
        const std::size_t start = at;
        while (at < text.size() && text[at] != ' ')
            ++at;
        if (at > start)
            out.push_back(text.substr(start, at - start));
    }
    return out;
}

std::optional<std::chrono::seconds> time_of_day(std::string_view text)
{
    if (text.size() != 8 || text[2] != ':' || text[5] != ':')
        return std::nullopt;
    const auto h = to_int(text.substr(0, 2));
    const auto m = to_int(text.substr(3, 2));
    const auto s = to_int(text.substr(6, 2));
    if (!h || !m || !s || *h > 23 || *m > 59 || *s > 60)
        return std::nullopt;
    return std::chrono::hours{*h} + std::chrono::minutes{*m} + std::chrono::seconds{*s};
}

std::optional<std::chrono::sys_seconds> make_time(int year, unsigned month, int day, std::chrono::seconds tod)
{
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok())
        return std::nullopt;
    return std::chrono::sys_days{ymd} + tod;
}

// The three date forms of RFC 9110 §5.6.7.
std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text)
{
    const auto comma = text.find(',');
    if (comma != std::string_view::npos) {
        const auto parts = words(text.substr(comma + 1));
        if (parts.size() == 5 && parts[4] == "GMT") {
            // IMF-fixdate: "06 Nov 1994 08:49:37 GMT"
            const auto day = to_int(parts[0]);
            const auto month = month_number(parts[1]);
            const auto year = to_int(parts[2]);
            const auto tod = time_of_day(parts[3]);
            if (day && month && year && tod && parts[2].size() == 4)
                return make_time(*year, *month, *day, *tod);
            return std::nullopt;
        }
        if (parts.size() == 3 && parts[2] == "GMT" && parts[0].size() == 9 && parts[0][2] == '-' &&
            parts[0][6] == '-') {
            // RFC 850: "06-Nov-94 08:49:37 GMT"
            const auto day = to_int(parts[0].substr(0, 2));
            const auto month = month_number(parts[0].substr(3, 3));
            const auto yy = to_int(parts[0].substr(7, 2));
            const auto tod = time_of_day(parts[1]);
            if (day && month && yy && tod)
                return make_time(*yy < 70 ? 2000 + *yy : 1900 + *yy, *month, *day, *tod);
        }
        return std::nullopt;
    }
    // asctime: "Sun Nov  6 08:49:37 1994"
    const auto parts = words(text);
    if (parts.size() == 5) {
        const auto month = month_number(parts[1]);
        const auto day = to_int(parts[2]);
        const auto tod = time_of_day(parts[3]);
        const auto year = to_int(parts[4]);
        if (month && day && tod && year && parts[4].size() == 4)
            return make_time(*year, *month, *day, *tod);
    }
    return std::nullopt;
}

} // namespace

std::optional<milliseconds> parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now)
{
    value = trim(value);
    if (value.empty())
        return std::nullopt;
    if (all_digits(value)) {
        // Absurdly long numbers are still a valid (huge) delay: the caller caps it.
        if (value.size() > 9)
            return milliseconds{std::chrono::seconds{999'999'999}};
        return milliseconds{std::chrono::seconds{*to_int(value)}};
    }
    const auto when = parse_http_date(value);
    if (!when)
        return std::nullopt;
    const auto wait = std::chrono::duration_cast<milliseconds>(*when - now);
    return wait.count() > 0 ? wait : milliseconds{0};
}

retry_decision decide_retry(const retry_config& config, unsigned attempt, const attempt_outcome& outcome,
                            std::chrono::system_clock::time_point now, milliseconds remaining,
                            const std::function<double()>& uniform01)
{
    if (!is_transient(outcome.kind))
        return {false, milliseconds{0}, "permanent"};
    if (attempt >= config.max_attempts)
        return {false, milliseconds{0}, "attempts_exhausted"};

    const double draw = uniform01 ? std::clamp(uniform01(), 0.0, 1.0) : 0.0;
    const auto jitter = milliseconds{static_cast<milliseconds::rep>(draw * static_cast<double>(config.max_jitter.count()))};

    std::optional<milliseconds> server_wait;
    if (outcome.retry_after &&
        (outcome.kind == error_kind::rate_limited || outcome.kind == error_kind::server_unavailable))
        server_wait = parse_retry_after(*outcome.retry_after, now);

    retry_decision decision;
    if (server_wait) {
        decision.delay = std::min(*server_wait, config.retry_after_cap) + jitter;
        decision.reason = "retry_after";
    } else {
        // base · 2^(attempt-1), capped; the shift is bounded so that it cannot overflow.
        const unsigned exponent = std::min(attempt == 0 ? 0u : attempt - 1, 20u);
        const auto exponential = config.base_delay * (std::int64_t{1} << exponent);
        decision.delay = std::min(exponential, config.max_delay) + jitter;
        decision.reason = "backoff";
    }
    if (decision.delay >= remaining) {
        decision.reason = "deadline";
        return decision;
    }
    decision.retry = true;
    return decision;
}

} // namespace jd::jedeclare
