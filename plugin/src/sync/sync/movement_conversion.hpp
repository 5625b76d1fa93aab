#pragma once
// From the statement engine's movement to the store's: owning strings, ISO dates, complements joined into
// `details`. A movement the store or the host could not take (no booking date, malformed account key,
// currency or scale) is refused here with the reason, instead of failing the whole batch later.

#include "jd/statement/statement.hpp"
#include "store/movements.hpp"

#include <string>
#include <string_view>

namespace jd::sync {

/// Fills `out` (reusing its storage) and returns "" when the movement is usable, else why it is not
/// (a field name and the value, in English, for the piece's diagnostics).
[[nodiscard]] std::string convert_movement(const statement::bank_statement& statement, const statement::movement& in,
                                           const std::string& piece_numero, store::movement& out);

/// The complements of a movement as one text: one line per 05 record, "QUALIFIER text" (trimmed).
void append_details(std::string& out, const statement::movement& in);

} // namespace jd::sync
