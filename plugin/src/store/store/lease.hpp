#pragma once
// The sync lease: at most one sync runs per instance (compte de flux) at a time, across threads, processes and
// host nodes sharing a PostgreSQL database. A lease expires, so a crashed holder blocks only until then.
//
//   auto holder = lease_repository::make_holder_id();
//   if (!leases.acquire(holder, now, 10 * 60 * 1000)) → "skipped: another sync is running"
//   … renew(holder, now, ttl) now and then during a long run …
//   leases.release(holder);
//
// Lease calls commit at once: they refuse to run inside a store::transaction (store_error usage).

#include "store/time.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace jd::store {

class database;

struct lease_info {
    std::string holder;
    epoch_ms acquired_at = 0;
    epoch_ms expires_at = 0;
};

class lease_repository {
public:
    lease_repository(database& db, std::string instance_id);
    ~lease_repository();
    lease_repository(const lease_repository&) = delete;
    lease_repository& operator=(const lease_repository&) = delete;

    // "hostname:pid:random": unique per process and call.
    [[nodiscard]] static std::string make_holder_id();

    // Takes the lease if it is free, expired (expires_at < now) or already ours; then it expires at now + ttl.
    // Returns true if `holder` holds it after the call.
    bool acquire(const std::string& holder, epoch_ms now, std::int64_t ttl_ms);

    // Extends our lease to now + ttl. False if another holder has it (ours expired and was taken).
    bool renew(const std::string& holder, epoch_ms now, std::int64_t ttl_ms);

    // Gives the lease up. False if we did not hold it.
    bool release(const std::string& holder);

    [[nodiscard]] std::optional<lease_info> current();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace jd::store
