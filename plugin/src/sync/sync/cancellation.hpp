#pragma once
// The host's cancel, as the run sees it: a flag set from any thread, checked by the run at every step that
// can be left without harm (between pieces, between batches). Network calls are interrupted by the client.

#include <atomic>
#include <exception>

namespace jd::sync {

/// Thrown inside a run when a cancel was requested; the service catches it and ends the run cleanly.
class run_cancelled : public std::exception {
public:
    [[nodiscard]] const char* what() const noexcept override;
};

class cancellation {
public:
    void request() noexcept { requested_.store(true, std::memory_order_relaxed); }
    void reset() noexcept { requested_.store(false, std::memory_order_relaxed); }
    [[nodiscard]] bool requested() const noexcept { return requested_.load(std::memory_order_relaxed); }
    /// Throws run_cancelled when a cancel was requested.
    void throw_if_requested() const;

private:
    std::atomic<bool> requested_{false};
};

} // namespace jd::sync
