#pragma once
// Parse + insert: each stored piece waiting to be read (and each piece that failed before, once per run) is
// decoded (gzip, zip), parsed by the statement engine in lenient mode, and its movements inserted into the
// store with their stable identities (idempotent: a movement already stored is a duplicate, not an error).
// The store routes each new movement by its RIB to the linked company and bank account, or quarantines it.
//
// Pieces are grouped into large transactions (movements_per_transaction / pieces_per_transaction): the
// piece's movements, its diagnostics and its "parsed" mark commit together, so a crash repeats only whole
// pieces. A piece that fails to parse is kept with its error and read again by later runs. If a group fails
// in the store, its pieces are redone one by one so that one bad piece cannot hold the others back.

#include "sync/run_context.hpp"

#include "store/diagnostics.hpp"
#include "store/movements.hpp"
#include "store/pieces.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace jd::sync {

class piece_importer {
public:
    explicit piece_importer(run_context& run);

    /// Every pending piece, then every piece that failed before (once each). Counts go to the run report.
    void import_all();

    /// The numeros of pieces that failed to parse in this run (for the admin message).
    [[nodiscard]] const std::vector<std::string>& failed_numeros() const noexcept { return failed_; }

    struct totals {
        std::int64_t pieces_parsed = 0;
        std::int64_t pieces_failed = 0;
        std::int64_t movements_parsed = 0;
        std::int64_t inserted = 0;
        std::int64_t duplicates = 0;
        std::int64_t quarantined = 0;
        std::int64_t rejected = 0;
        std::int64_t balance_warnings = 0;
        std::vector<std::string> failed_numeros;

        void add(const totals& other);
    };

private:
    void import_list(const std::vector<store::piece_info>& pieces);
    void import_isolated(const store::piece_info& info);
    /// Reads one piece inside the open transaction; movements wait in batch_ until flush().
    void import_piece(const store::piece_info& info, totals& counts);
    void flush(totals& counts);
    void commit_counts(const totals& counts);

    run_context& run_;
    std::vector<store::movement> batch_;
    std::vector<std::string> failed_;
    std::int64_t insert_us_ = 0; // time spent in the store's insert_batch (run report)
    std::int64_t commit_us_ = 0;
};

} // namespace jd::sync
