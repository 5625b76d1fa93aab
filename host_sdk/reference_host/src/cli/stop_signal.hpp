#pragma once
// SIGINT / SIGTERM as a request to stop: long commands (a sync, the scheduler) poll it and then ask the
// running provider operations to cancel, instead of dying in the middle of a delivery.

namespace refhost::cli {

class stop_signal {
public:
    /// Installs the handlers (idempotent) and clears any earlier request.
    static void install() noexcept;
    [[nodiscard]] static bool requested() noexcept;
    /// Tests and commands may ask for a stop themselves.
    static void request() noexcept;
};

} // namespace refhost::cli
