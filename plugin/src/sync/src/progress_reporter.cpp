#include "sync/progress_reporter.hpp"

namespace jd::sync {

progress_reporter::progress_reporter(host_sdk::host services, std::string operation_id,
                                     std::chrono::milliseconds interval)
    : services_(services), operation_id_(std::move(operation_id)), interval_(interval) {}

void progress_reporter::phase(std::string_view name, std::uint64_t total) {
    phase_ = std::string(name);
    done_ = 0;
    total_ = total;
    send(true);
}

void progress_reporter::set_total(std::uint64_t total) {
    total_ = total;
    send(false);
}

void progress_reporter::advance(std::uint64_t count) {
    done_ += count;
    send(total_ != 0 && done_ >= total_);
}

void progress_reporter::complete() {
    if (total_ != 0 && done_ < total_) done_ = total_;
    send(true);
}

void progress_reporter::send(bool force) {
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - last_sent_ < interval_) return;
    last_sent_ = now;
    services_.progress(operation_id_, phase_, done_, total_);
}

} // namespace jd::sync
