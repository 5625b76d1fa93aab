#pragma once
// The progress of long operations (hs_host_api_v1.progress): on a terminal one line rewritten in place,
// otherwise a line when the phase changes or at most every few seconds, so that logs of the scheduler
// stay short.

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace refhost {

class clock;

class progress_display {
public:
    /// `terminal`: rewrite one line with "\r"; otherwise periodic lines every `period_ms`.
    progress_display(std::FILE* out, bool terminal, const clock& time, std::int64_t period_ms = 5000);

    /// Uses stderr and asks isatty() whether it is a terminal.
    static bool stderr_is_terminal() noexcept;

    void update(std::string_view operation_id, std::string_view phase, std::uint64_t done, std::uint64_t total) noexcept;
    /// Ends the rewritten line, if any, so that what follows starts on a new line.
    void finish() noexcept;
    void set_enabled(bool enabled) noexcept;

    /// "download 12/40 (30 %)" or "list 12" when the total is unknown.
    [[nodiscard]] static std::string format(std::string_view phase, std::uint64_t done, std::uint64_t total);

private:
    std::FILE* out_;
    bool terminal_;
    const clock& clock_;
    std::int64_t period_ms_;
    std::mutex mutex_;
    bool enabled_ = true;
    bool line_open_ = false;
    std::size_t last_width_ = 0;
    std::string last_key_;
    std::string last_line_;
    std::int64_t last_print_ms_ = 0;
};

} // namespace refhost
