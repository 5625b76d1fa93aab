#include "sync/lease_guard.hpp"

#include <cerrno>
#include <csignal>
#include <string_view>
#include <unistd.h>

namespace jd::sync {

const char* lease_lost::what() const noexcept { return "the sync lease was taken by another run"; }

lease_guard::lease_guard(store::database& db, store::lease_repository& leases, std::int64_t ttl_ms)
    : db_(db), leases_(leases), ttl_ms_(ttl_ms), holder_(store::lease_repository::make_holder_id()) {}

lease_guard::~lease_guard() { release(); }

bool lease_guard::holder_is_dead_local_process(const std::string& holder) {
    // "hostname:pid:random" (the hostname itself has no ':').
    const auto first = holder.find(':');
    if (first == std::string::npos) return false;
    const auto second = holder.find(':', first + 1);
    if (second == std::string::npos) return false;
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) return false;
    if (std::string_view(holder).substr(0, first) != std::string_view(name)) return false;
    long pid = 0;
    for (std::size_t i = first + 1; i < second; ++i) {
        const char c = holder[i];
        if (c < '0' || c > '9' || pid > 100000000) return false;
        pid = pid * 10 + (c - '0');
    }
    if (pid <= 0) return false;
    if (pid == static_cast<long>(::getpid())) return false; // ourselves: alive, another run of this process
    return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

bool lease_guard::acquire() {
    blocker_.reset();
    const auto now = store::now_ms();
    if (leases_.acquire(holder_, now, ttl_ms_)) {
        held_ = true;
        renewed_at_ = now;
        return true;
    }
    auto current = leases_.current();
    if (current && holder_is_dead_local_process(current->holder)) {
        // Its process is gone: free its lease, then compete for it like anybody (release only removes
        // that holder's row, so two runs doing this at once still end with one holder).
        leases_.release(current->holder);
        const auto retry_at = store::now_ms();
        if (leases_.acquire(holder_, retry_at, ttl_ms_)) {
            held_ = true;
            renewed_at_ = retry_at;
            return true;
        }
        current = leases_.current();
    }
    blocker_ = current;
    return false;
}

void lease_guard::keep_alive() {
    if (!held_ || db_.in_transaction()) return;
    const auto now = store::now_ms();
    if (now - renewed_at_ < ttl_ms_ / 3) return;
    if (!leases_.renew(holder_, now, ttl_ms_)) {
        held_ = false;
        throw lease_lost();
    }
    renewed_at_ = now;
}

void lease_guard::release() noexcept {
    if (!held_ || db_.in_transaction()) return;
    held_ = false;
    try {
        leases_.release(holder_);
    } catch (...) {
        // Left to expire.
    }
}

} // namespace jd::sync
