#pragma once
// The knobs of a sync run. The defaults suit a production compte de flux; tests and the benchmark change
// a few of them.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

namespace jd::sync {

/// Called at named points of a run ("piece_downloaded", "piece_stored", "pieces_parsed", "batch_delivered",
/// "batch_marked", …) with how many times that point was reached in this run. Tests use it to stop the
/// process at an exact place; it must not throw unless it means to abort the run.
using checkpoint_hook = std::function<void(std::string_view point, std::uint64_t count)>;

struct sync_options {
    /// Movements handed to the host per delivery (one bank account at a time).
    std::size_t delivery_batch_size = 1000;

    /// The recovery pass re-lists already retrieved pieces (statutPiece 01) over this many days back and
    /// downloads any piece the store lacks.
    int recovery_window_days = 10;
    /// It runs when the previous run did not end cleanly (crash, failed download, cancel), on the first run,
    /// and at least this often otherwise (the daily backstop), or on every run when always_recover is set.
    std::chrono::milliseconds recovery_interval = std::chrono::hours(24);
    bool always_recover = false;

    /// The lease that keeps a second run of the same compte de flux out (across processes and host nodes).
    /// It is renewed during the run; a run that dies holds it at most this long (or until the next run sees,
    /// on the same machine, that its process is gone).
    std::int64_t lease_ttl_ms = 10 * 60 * 1000;

    /// Downloads in flight at once (0: what the client chooses from its connection pool).
    std::size_t download_concurrency = 0;
    /// Raw pieces stored per commit, and the longest a downloaded piece waits for its commit. A piece is
    /// always committed before anything else is done with it; grouping saves commits (a crash then loses at
    /// most these pieces, which the recovery pass fetches again by their noted numeros). 1: one commit each.
    std::size_t pieces_per_commit = 32;
    std::chrono::milliseconds max_commit_delay{200};
    /// A download that keeps failing after the client's own retries: after this many failures in a row the
    /// run stops starting new downloads (the service is unwell; the next run carries on).
    std::size_t max_consecutive_download_failures = 3;

    /// Parsing groups pieces into one transaction until it holds this many movements or pieces.
    std::size_t movements_per_transaction = 100000;
    std::size_t pieces_per_transaction = 1000;
    /// Movements handed to the store per insert (inside the transaction).
    std::size_t movements_per_insert = 5000;
    /// Diagnostics kept per piece (balance warnings first).
    std::size_t max_diagnostics_per_piece = 50;

    /// Progress is sent to the host at most this often (and at each phase change and end).
    std::chrono::milliseconds progress_interval{250};

    /// Runs kept in the store's history (older ones are pruned at the end of a run).
    std::size_t runs_kept = 500;

    /// A run that stored or delivered at least this many movements (a backfill) ends with the store's
    /// maintenance: fresh planner statistics, and on PostgreSQL the dead entries of the index of pending
    /// movements cleared, which would otherwise slow every later run until autovacuum came. 0: never.
    std::int64_t maintenance_after_movements = 20000;

    checkpoint_hook checkpoint;
};

} // namespace jd::sync
