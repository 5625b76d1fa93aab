#pragma once
// The host's clock (hs_host_api_v1.now_ms and the scheduler). Real time by default; the environment
// variable AGGREGATOR_HOST_NOW (an ISO date-time) moves it to a chosen instant from which it keeps
// running, so tests get stable dates without freezing time; tests may also inject a manual clock.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>

namespace refhost {

class clock {
public:
    virtual ~clock() = default;
    /// Milliseconds since the Unix epoch.
    [[nodiscard]] virtual std::int64_t now_ms() const = 0;
};

/// Real time, optionally shifted so that the process starts at `start_ms`.
class system_clock final : public clock {
public:
    explicit system_clock(std::optional<std::int64_t> start_ms = std::nullopt);
    [[nodiscard]] std::int64_t now_ms() const override;

    /// Reads AGGREGATOR_HOST_NOW; throws usage_error when it is set but not an ISO date-time.
    static std::unique_ptr<clock> from_environment();

private:
    std::int64_t offset_ms_ = 0;
};

/// A clock that moves only when told to (tests).
class manual_clock final : public clock {
public:
    explicit manual_clock(std::int64_t start_ms) : now_(start_ms) {}
    [[nodiscard]] std::int64_t now_ms() const override { return now_.load(); }
    void set(std::int64_t ms) { now_.store(ms); }
    void advance(std::int64_t ms) { now_.fetch_add(ms); }

private:
    std::atomic<std::int64_t> now_;
};

/// Milliseconds of the real wall clock, unshifted.
[[nodiscard]] std::int64_t real_now_ms();

} // namespace refhost
