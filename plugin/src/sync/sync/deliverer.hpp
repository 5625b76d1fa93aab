#pragma once
// Delivery: the pending movements of each route (company, bank account) go to the host's movement sink in
// batches, the movement identity as idempotency key; the host's acknowledgement (stored / already stored)
// is then recorded in the store. A crash between the two only makes the next run deliver the batch again,
// which the host acknowledges as already stored: each movement reaches the ledger once.
//
// A route the host refuses (unknown company or bank account, invalid data) is left pending and reported;
// the other routes go on. A host failure that is not about one route (transient, internal) stops delivery.

#include "sync/run_context.hpp"

#include <cstdint>
#include <string>

namespace jd::sync {

struct delivery_summary {
    std::int64_t delivered = 0;
    std::int64_t already_stored = 0;
    std::int64_t released = 0;
    std::int64_t routes = 0;
    std::int64_t refused_routes = 0;
    bool stopped = false;            ///< a host failure stopped delivery
    std::string first_problem;       ///< for the admin message ("" when none)
};

/// Delivers every pending movement of the instance. `run_started_at` (host clock) tells movements stored by
/// earlier runs (released from quarantine, or left over) from this run's.
delivery_summary deliver_pending(run_context& run, store::epoch_ms run_started_at);

} // namespace jd::sync
