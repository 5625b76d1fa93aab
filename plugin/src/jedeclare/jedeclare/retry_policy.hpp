#pragma once

#include "jedeclare/error_kind.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

namespace jd::jedeclare {

struct retry_config {
    unsigned max_attempts = 5;                                 // attempts in all, the first one included
    std::chrono::milliseconds base_delay{1000};               // wait after the first failure
    std::chrono::milliseconds max_delay{16000};               // cap of the exponential part
    std::chrono::milliseconds max_jitter{1000};               // uniform random extra, added to every wait
    std::chrono::milliseconds retry_after_cap{120000};        // a server asking for more gets this much
};

// What one attempt ended with, as the policy sees it.
struct attempt_outcome {
    error_kind kind;
    std::optional<std::string_view> retry_after; // raw Retry-After header value, when the answer had one
};

struct retry_decision {
    bool retry = false;
    std::chrono::milliseconds delay{0};
    // Why: "permanent", "attempts_exhausted", "deadline", "retry_after", "backoff".
    std::string_view reason;
};

// The retry policy as a pure function. attempt is the number of the attempt that just failed (1 for the first),
// now is the wall clock (only used for an HTTP-date Retry-After), remaining is the time left before the whole
// call's deadline, uniform01 returns a number in [0, 1) for the jitter.
retry_decision decide_retry(const retry_config& config, unsigned attempt, const attempt_outcome& outcome,
                            std::chrono::system_clock::time_point now, std::chrono::milliseconds remaining,
                            const std::function<double()>& uniform01);

// Parses a Retry-After value: a number of seconds ("120") or an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT",
// also the obsolete RFC 850 and asctime forms). A date in the past gives 0. Garbage gives nullopt.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

} // namespace jd::jedeclare
