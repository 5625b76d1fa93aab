#pragma once
// Progress of a run for the host: the phase ("lease", "list", "download", "recover", "parse", "deliver",
// "done") with done/total, sent at each phase change, at the end of a phase and at most every `interval`
// in between, so that a million movements do not mean a million calls.

#include <host_sdk/host.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace jd::sync {

class progress_reporter {
public:
    progress_reporter(host_sdk::host services, std::string operation_id, std::chrono::milliseconds interval);

    /// A new phase starts (done = 0).
    void phase(std::string_view name, std::uint64_t total = 0);
    /// The total of the current phase became known or changed.
    void set_total(std::uint64_t total);
    /// `count` more items of the current phase are done.
    void advance(std::uint64_t count = 1);
    /// The current phase is over: reports done = total (when known).
    void complete();

    [[nodiscard]] const std::string& current_phase() const noexcept { return phase_; }
    [[nodiscard]] std::uint64_t done() const noexcept { return done_; }

private:
    void send(bool force);

    host_sdk::host services_;
    std::string operation_id_;
    std::chrono::milliseconds interval_;
    std::string phase_;
    std::uint64_t done_ = 0;
    std::uint64_t total_ = 0;
    std::chrono::steady_clock::time_point last_sent_{};
};

} // namespace jd::sync
