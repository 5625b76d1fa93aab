#pragma once
// Diagnostics per piece: balance warnings (opening balance + movements ≠ closing balance) and other findings
// of the statement engine, for the run report and the admin.

#include "store/time.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jd::store {

class database;

enum class diagnostic_severity { warning, error };

[[nodiscard]] std::string_view to_string(diagnostic_severity severity) noexcept;

struct piece_diagnostic {
    std::int64_t diagnostic_id = 0;    // set by the store
    std::string numero;                // the piece (must be stored)
    diagnostic_severity severity = diagnostic_severity::warning;
    std::string code;                  // e.g. "balance_mismatch"
    std::string rib_key;               // "" when not about one account
    std::string statement_date;        // "YYYY-MM-DD" or ""
    std::optional<std::int64_t> expected_minor;
    std::optional<std::int64_t> found_minor;
    std::string message;               // free text; invalid UTF-8 is repaired (U+FFFD), not refused
    epoch_ms recorded_at = 0;          // set by the store
};

class diagnostic_repository {
public:
    diagnostic_repository(database& db, std::string instance_id);
    ~diagnostic_repository();
    diagnostic_repository(const diagnostic_repository&) = delete;
    diagnostic_repository& operator=(const diagnostic_repository&) = delete;

    // Replaces the diagnostics of one piece (a re-parse replaces the previous findings), one transaction.
    void replace_for_piece(const std::string& numero, const std::vector<piece_diagnostic>& diagnostics,
                           epoch_ms recorded_at);

    [[nodiscard]] std::vector<piece_diagnostic> for_piece(const std::string& numero);
    [[nodiscard]] std::vector<piece_diagnostic> recent(std::size_t limit = 100); // newest first
    [[nodiscard]] std::int64_t count_since(epoch_ms since);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace jd::store
