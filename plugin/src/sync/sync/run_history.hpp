#pragma once
// What earlier runs left to do, read from the store's run history and audit trail:
//  - whether this run must run the recovery pass (the previous run died, failed to download, was
//    cancelled; the first run; or the daily backstop is due);
//  - which pieces earlier runs consumed on JeDéclare. Before downloading, a run appends the numeros it is
//    about to consume to the audit trail ("sync.pieces_consumed"): a piece consumed and then lost (crash
//    between download and commit) is found again by numero, however old it is, and not only when it falls
//    in the recovery window of the listing.

#include "sync/sync_options.hpp"

#include "store/audit.hpp"
#include "store/runs.hpp"
#include "store/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jd::sync {

inline constexpr std::string_view consumption_action = "sync.pieces_consumed";

struct recovery_plan {
    bool needed = false;
    std::string reason; ///< "first_run", "previous_run_interrupted", "previous_run_unclean", "backstop", "always"
    /// The last recovery pass that found every piece it looked for (real clock), carried from run to run.
    std::optional<store::epoch_ms> last_recovery_at;
};

/// Reads the runs before `current_run_id`. `now` is the real clock.
[[nodiscard]] recovery_plan plan_recovery(store::run_repository& runs, std::int64_t current_run_id,
                                          store::epoch_ms now, const sync_options& options);

/// Appends one audit event naming the pieces a run is about to download (nothing when empty).
void record_consumption(store::audit_repository& audit, std::int64_t run_id, const std::vector<std::string>& numeros,
                        store::epoch_ms at);

/// Every numero named by consumption events at or after `since` (all when unset), without repeats.
[[nodiscard]] std::vector<std::string> consumed_since(store::audit_repository& audit,
                                                      std::optional<store::epoch_ms> since);

} // namespace jd::sync
