#pragma once
// The run's hold on the instance lease: at most one run per compte de flux at a time, across threads,
// processes and host nodes sharing PostgreSQL.
//
//   lease_guard lease(store.lease(), ttl);
//   if (!lease.acquire()) → "already running" (lease.blocker() says who holds it)
//   … lease.keep_alive() at every step of the run (renews once a third of the TTL has passed) …
//   lease.release() (or the destructor)
//
// A run that died (SIGKILL, power cut) leaves its lease behind until it expires. The holder id names the
// machine and the process ("host:pid:random"): when it is this machine and the process is gone, the next
// run takes the lease over at once instead of waiting. Times are the real clock (not the host's, which
// tests may shift), since the lease is compared across processes.

#include "store/database.hpp"
#include "store/lease.hpp"
#include "store/time.hpp"

#include <cstdint>
#include <exception>
#include <optional>
#include <string>

namespace jd::sync {

/// Thrown by keep_alive() when another run has taken the lease (ours expired): the run must stop.
class lease_lost : public std::exception {
public:
    [[nodiscard]] const char* what() const noexcept override;
};

class lease_guard {
public:
    lease_guard(store::database& db, store::lease_repository& leases, std::int64_t ttl_ms);
    ~lease_guard();
    lease_guard(const lease_guard&) = delete;
    lease_guard& operator=(const lease_guard&) = delete;

    /// Takes the lease (or takes over one left by a dead process of this machine). False when a live
    /// holder has it: blocker() then tells who.
    bool acquire();

    /// Renews the lease when a third of its TTL has passed since the last renewal. Throws lease_lost.
    /// Does nothing inside a store transaction (lease calls commit at once): call it between transactions.
    void keep_alive();

    /// Gives the lease up (never throws; a failure only leaves it to expire).
    void release() noexcept;

    [[nodiscard]] bool held() const noexcept { return held_; }
    [[nodiscard]] const std::string& holder() const noexcept { return holder_; }
    [[nodiscard]] const std::optional<store::lease_info>& blocker() const noexcept { return blocker_; }

    /// True when `holder` ("host:pid:…") names a process of this machine that no longer exists.
    [[nodiscard]] static bool holder_is_dead_local_process(const std::string& holder);

private:
    store::database& db_;
    store::lease_repository& leases_;
    std::int64_t ttl_ms_;
    std::string holder_;
    bool held_ = false;
    store::epoch_ms renewed_at_ = 0;
    std::optional<store::lease_info> blocker_;
};

} // namespace jd::sync
