#pragma once
// Downloads pieces and makes each one durable in the store (bytes as downloaded, numero, sha256, time)
// before anything else is done with it. Downloading consumes a piece on JeDéclare's side, so what is handed
// over is stored even when the run is being cancelled.

#include "sync/run_context.hpp"

#include "jedeclare/wire_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jd::sync {

struct download_pass {
    std::int64_t stored = 0;          ///< new pieces committed
    std::int64_t already_stored = 0;  ///< the store had them (same bytes)
    std::int64_t content_differs = 0; ///< the store had the numero with other bytes (the first ones are kept)
    std::int64_t failed = 0;          ///< downloads that failed after the client's retries
    std::int64_t skipped = 0;         ///< failed for this piece only (unavailable, not ours): not retried now
    std::vector<std::string> failed_numeros;
    /// Set when the pass stopped early because of the service or the instance (not for piece-only failures).
    std::optional<jedeclare::wire_error> stop_error;
    /// The last failure that was not about one piece only (the pieces concerned wait for a later run).
    std::optional<jedeclare::wire_error> last_failure;
    bool cancelled = false;
};

/// Downloads `numeros` over the client's pool and stores each piece as it arrives. `phase` names the
/// progress phase ("download", "recover"). Never throws wire_error (failures are in the result); store
/// errors propagate (pieces in flight then come back by the recovery pass).
download_pass download_and_store(run_context& run, const std::vector<std::string>& numeros, std::string_view phase);

} // namespace jd::sync
