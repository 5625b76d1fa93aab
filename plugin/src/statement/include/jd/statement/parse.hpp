#pragma once
// Whole-file convenience over the streaming parser: collects every statement and diagnostic.
//
// For the importer (sync):
//   auto result = jd::statement::parse_buffer(bytes);            // lenient by default
//   if (!result.accepted()) { … result.diagnostics … }
//   for (const auto& s : result.statements) {                      // one per 01…07 block, in file order
//       s.rib_key (bank+branch+account, 21 chars), s.currency, s.iban, s.opening/closing, s.balanced
//       for (const auto& m : s.movements) {
//           m.id, m.booking_date.iso(), m.value_date.iso(), m.amount_minor, m.decimals, m.currency,
//           m.operation_code, m.label, m.entry_number, m.reference,
//           for (const auto& c : m.complements) c.qualifier, c.text, c.raw
//       }
//   }
//   for (const auto& d : result.diagnostics) jd::statement::describe(d, "fr");
// Views inside a statement are valid while the parse_result (or the moved statement) lives.

#include "jd/statement/parser.hpp"

#include <filesystem>
#include <string_view>
#include <vector>

namespace jd::statement {

struct parse_result {
    parse_summary summary;
    std::vector<bank_statement> statements; ///< empty when the file is rejected
    std::vector<diagnostic> diagnostics;    ///< in the order found (capped by parse_options::max_diagnostics)

    [[nodiscard]] bool accepted() const noexcept { return summary.accepted; }
};

[[nodiscard]] parse_result parse_buffer(std::string_view bytes, const parse_options& options = {});
[[nodiscard]] parse_result parse_file(const std::filesystem::path& path, const parse_options& options = {});

/// Streams a file into a parser in chunks of `chunk_size` bytes (constant memory), then calls finish().
/// A read error is reported through the parser (the file is then rejected). Returns the summary.
const parse_summary& parse_file_into(parser& p, const std::filesystem::path& path,
                                     std::size_t chunk_size = 256 * 1024);

} // namespace jd::statement
