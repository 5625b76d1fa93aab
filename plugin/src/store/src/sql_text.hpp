#pragma once
// Small helpers to write SQL text.

#include <cstddef>
#include <string>
#include <string_view>

namespace jd::store::detail {

// "$1" → "?1" outside quotes and comments (SQLite's explicitly numbered parameters).
[[nodiscard]] std::string numbered_parameters_for_sqlite(std::string_view text);

// "($first,…,$first+columns-1),(…)…" for `rows` rows.
[[nodiscard]] std::string values_rows(std::size_t rows, std::size_t columns, std::size_t first_parameter);

// "$first,$first+1,…" with `count` parameters.
[[nodiscard]] std::string parameter_list(std::size_t count, std::size_t first_parameter);

} // namespace jd::store::detail
