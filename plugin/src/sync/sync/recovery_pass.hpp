#pragma once
// The recovery pass: pieces consumed on JeDéclare but missing from the store (a crash between download and
// commit, a download that failed after the server marked the piece) are fetched again. Two sources:
//  - the numeros earlier runs noted as about to be consumed (audit trail), since the last complete recovery;
//  - the pieces JeDéclare lists as already retrieved (statutPiece 01) over the recent window (the backstop
//    for pieces consumed by other means).

#include "sync/piece_downloader.hpp"
#include "sync/run_context.hpp"
#include "sync/run_history.hpp"

namespace jd::sync {

struct recovery_result {
    download_pass pass;
    /// Every piece looked for is now stored (or JeDéclare said for good it cannot give it).
    bool complete = false;
    store::epoch_ms started_at = 0; ///< real clock
};

/// Throws jedeclare::wire_error when the listing fails.
recovery_result run_recovery_pass(run_context& run, const recovery_plan& plan);

} // namespace jd::sync
