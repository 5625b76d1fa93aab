#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "jedeclare/retry_policy.hpp"

#include <optional>
#include <string>

using namespace jd::jedeclare;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

// 2015-10-21 07:28:00 UTC
const std::chrono::system_clock::time_point now =
    std::chrono::sys_days{std::chrono::year{2015} / 10 / 21} + 7h + 28min;

retry_config config()
{
    retry_config c;
    c.max_attempts = 5;
    c.base_delay = 1000ms;
    c.max_delay = 16000ms;
    c.max_jitter = 1000ms;
    c.retry_after_cap = 120000ms;
    return c;
}

struct row {
    const char* name;
    unsigned attempt;
    error_kind kind;
    std::optional<std::string> retry_after;
    double draw;
    milliseconds remaining;
    bool retry;
    milliseconds delay;
    std::string_view reason;
};

} // namespace

BOOST_AUTO_TEST_SUITE(retry_policy)

BOOST_AUTO_TEST_CASE(decision_table)
{
    const std::vector<row> rows = {
        // transient kinds: exponential 1, 2, 4, 8 s (+ jitter), then attempts exhausted
        {"503 first", 1, error_kind::server_unavailable, std::nullopt, 0.0, 60s, true, 1000ms, "backoff"},
        {"503 second", 2, error_kind::server_unavailable, std::nullopt, 0.0, 60s, true, 2000ms, "backoff"},
        {"500 third, jitter", 3, error_kind::server_unavailable, std::nullopt, 0.5, 60s, true, 4500ms, "backoff"},
        {"timeout fourth", 4, error_kind::timeout, std::nullopt, 0.999, 60s, true, 8999ms, "backoff"},
        {"fifth exhausted", 5, error_kind::network, std::nullopt, 0.0, 60s, false, 0ms, "attempts_exhausted"},
        {"reset", 1, error_kind::network, std::nullopt, 0.0, 60s, true, 1000ms, "backoff"},
        {"code 99", 1, error_kind::server_technical, std::nullopt, 0.0, 60s, true, 1000ms, "backoff"},
        {"soap fault", 2, error_kind::soap_fault, std::nullopt, 0.0, 60s, true, 2000ms, "backoff"},
        {"truncated", 1, error_kind::truncated_response, std::nullopt, 0.0, 60s, true, 1000ms, "backoff"},
        {"malformed xml", 1, error_kind::malformed_response, std::nullopt, 0.0, 60s, true, 1000ms, "backoff"},
        // 429 and Retry-After
        {"429 seconds", 1, error_kind::rate_limited, std::string("7"), 0.0, 60s, true, 7000ms, "retry_after"},
        {"429 seconds + jitter", 1, error_kind::rate_limited, std::string(" 2 "), 0.25, 60s, true, 2250ms, "retry_after"},
        {"429 http-date", 1, error_kind::rate_limited, std::string("Wed, 21 Oct 2015 07:28:30 GMT"), 0.0, 60s, true,
         30000ms, "retry_after"},
        {"429 date in the past", 1, error_kind::rate_limited, std::string("Wed, 21 Oct 2015 07:00:00 GMT"), 0.0, 60s,
         true, 0ms, "retry_after"},
        {"429 capped", 1, error_kind::rate_limited, std::string("86400"), 0.0, 1h, true, 120000ms, "retry_after"},
        {"429 no header", 2, error_kind::rate_limited, std::nullopt, 0.0, 60s, true, 2000ms, "backoff"},
        {"429 garbage header", 1, error_kind::rate_limited, std::string("soon"), 0.0, 60s, true, 1000ms, "backoff"},
        {"503 with Retry-After", 1, error_kind::server_unavailable, std::string("3"), 0.0, 60s, true, 3000ms,
         "retry_after"},
        {"Retry-After ignored on code 99", 1, error_kind::server_technical, std::string("30"), 0.0, 60s, true, 1000ms,
         "backoff"},
        // capped exponential
        {"cap", 4, error_kind::server_unavailable, std::nullopt, 0.0, 60s, true, 8000ms, "backoff"},
        // the whole-call deadline wins
        {"no time left", 1, error_kind::server_unavailable, std::nullopt, 0.0, 500ms, false, 1000ms, "deadline"},
        {"retry-after beyond deadline", 1, error_kind::rate_limited, std::string("120"), 0.0, 60s, false, 120000ms,
         "deadline"},
        // permanent kinds are never retried
        {"401/06", 1, error_kind::invalid_credentials, std::nullopt, 0.0, 60s, false, 0ms, "permanent"},
        {"08", 1, error_kind::piece_not_owned, std::nullopt, 0.0, 60s, false, 0ms, "permanent"},
        {"11", 1, error_kind::procedure_not_subscribed, std::nullopt, 0.0, 60s, false, 0ms, "permanent"},
        {"404", 1, error_kind::unknown_account, std::nullopt, 0.0, 60s, false, 0ms, "permanent"},
        {"05", 1, error_kind::malformed_request, std::nullopt, 0.0, 60s, false, 0ms, "permanent"},
        {"07", 1, error_kind::piece_unavailable, std::nullopt, 0.0, 60s, false, 0ms, "permanent"},
        {"400/403", 1, error_kind::http_error, std::nullopt, 0.0, 60s, false, 0ms, "permanent"},
        {"certificate", 1, error_kind::tls_certificate, std::nullopt, 0.0, 60s, false, 0ms, "permanent"},
        {"cancelled", 1, error_kind::cancelled, std::nullopt, 0.0, 60s, false, 0ms, "permanent"},
        {"deadline", 1, error_kind::deadline_exceeded, std::nullopt, 0.0, 60s, false, 0ms, "permanent"},
    };
    for (const row& r : rows) {
        BOOST_TEST_CONTEXT(r.name)
        {
            attempt_outcome outcome{r.kind, std::nullopt};
            if (r.retry_after)
                outcome.retry_after = *r.retry_after;
            const double draw = r.draw;
            const auto decision = decide_retry(config(), r.attempt, outcome, now, r.remaining, [draw] { return draw; });
            BOOST_TEST(decision.retry == r.retry);
            BOOST_TEST(decision.reason == r.reason);
            if (r.reason != "permanent" && r.reason != "attempts_exhausted")
                BOOST_TEST(decision.delay.count() == r.delay.count());
        }
    }
}

BOOST_AUTO_TEST_CASE(max_delay_caps_the_exponential_part)
{
    retry_config c = config();
    c.max_attempts = 50;
    const auto decision = decide_retry(c, 30, {error_kind::network, std::nullopt}, now, 1h, [] { return 0.0; });
    BOOST_TEST(decision.retry);
    BOOST_TEST(decision.delay.count() == 16000);
}

BOOST_AUTO_TEST_CASE(total_wait_stays_bounded)
{
    // Worst case (maximal jitter, every attempt failing): 1+2+4+8 s + 4 x 1 s of jitter.
    milliseconds total{0};
    for (unsigned attempt = 1;; ++attempt) {
        const auto decision = decide_retry(config(), attempt, {error_kind::server_unavailable, std::nullopt}, now, 1h,
                                           [] { return 0.999999; });
        if (!decision.retry)
            break;
        total += decision.delay;
    }
    BOOST_TEST(total.count() <= 19000);
}

BOOST_AUTO_TEST_CASE(retry_after_parsing)
{
    BOOST_TEST(parse_retry_after("120", now)->count() == 120000);
    BOOST_TEST(parse_retry_after("0", now)->count() == 0);
    BOOST_TEST(parse_retry_after("  5\t", now)->count() == 5000);
    BOOST_TEST(parse_retry_after("99999999999999", now)->count() > 0); // huge but valid: the caller caps it
    BOOST_TEST(parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now)->count() == 10000);
    BOOST_TEST(parse_retry_after("Wednesday, 21-Oct-15 07:29:00 GMT", now)->count() == 60000); // RFC 850
    BOOST_TEST(parse_retry_after("Wed Oct 21 07:28:05 2015", now)->count() == 5000);           // asctime
    BOOST_TEST(parse_retry_after("Wed Oct  1 07:28:05 2015", now)->count() == 0);              // past → 0
    BOOST_TEST(parse_retry_after("Tue, 20 Oct 2015 07:28:00 GMT", now)->count() == 0);
    BOOST_TEST(!parse_retry_after("", now));
    BOOST_TEST(!parse_retry_after("-5", now));
    BOOST_TEST(!parse_retry_after("1.5", now));
    BOOST_TEST(!parse_retry_after("soon", now));
    BOOST_TEST(!parse_retry_after("Wed, 32 Oct 2015 07:28:00 GMT", now));
    BOOST_TEST(!parse_retry_after("Wed, 21 Foo 2015 07:28:00 GMT", now));
    BOOST_TEST(!parse_retry_after("Wed, 21 Oct 2015 25:28:00 GMT", now));
    BOOST_TEST(!parse_retry_after("Wed, 21 Oct 2015 07:28:00 CET", now));
}

BOOST_AUTO_TEST_SUITE_END()
