#pragma once
// Showing untrusted names to a human without harm.
#include <cstddef>
#include <string>
#include <string_view>

namespace jd::admin {

// The name as it can be printed inside double quotes in a report: valid UTF-8, one line, nothing hidden.
//  - control characters are escaped (\n, \r, \t, otherwise \u{XXXX}), as are invisible and
//    direction-changing characters (zero-width, bidi embeddings and isolates, BOM, soft hyphen) so that a
//    name cannot reorder or hide the text around it;
//  - `"` and `\` are escaped; bytes that are not UTF-8 are shown as \xNN;
//  - when max_chars is not 0 and the name is longer (in characters), it is cut there and "…" added.
std::string display_text(std::string_view raw, std::size_t max_chars = 0);

} // namespace jd::admin
