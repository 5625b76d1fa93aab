#include "cli/stop_signal.hpp"

#include <atomic>
#include <csignal>

namespace refhost::cli {

namespace {

volatile std::sig_atomic_t g_stop = 0;

extern "C" void on_stop_signal(int) { g_stop = 1; }

} // namespace

void stop_signal::install() noexcept {
    g_stop = 0;
    struct sigaction action {};
    action.sa_handler = &on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

bool stop_signal::requested() noexcept { return g_stop != 0; }

void stop_signal::request() noexcept { g_stop = 1; }

} // namespace refhost::cli
