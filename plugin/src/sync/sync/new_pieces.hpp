#pragma once
// The first phases of a run: list the RELEVE pieces JeDéclare has not handed over yet (statutPiece 00),
// keep those the store lacks, note them in the audit trail as about to be consumed, then download and store
// each one.

#include "sync/piece_downloader.hpp"
#include "sync/run_context.hpp"

namespace jd::sync {

/// Throws jedeclare::wire_error when the listing fails (after the client's retries); download failures are
/// in the result.
download_pass fetch_new_pieces(run_context& run);

/// The numeros of `listed` the store does not hold yet, in list order and without repeats.
[[nodiscard]] std::vector<std::string> missing_numeros(store::piece_repository& pieces,
                                                       const std::vector<std::string>& listed);

} // namespace jd::sync
