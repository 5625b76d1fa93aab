#pragma once
// Finding line terminators fast: the splitter's inner loop.

#include <cstddef>
#include <cstdint>

namespace jd::statement::detail {

/// Index of the first CR or LF in [p, p + n), or n when there is none.
[[nodiscard]] std::size_t find_line_break(const char* p, std::size_t n) noexcept;

/// True when none of the 120 bytes at p is CR or LF.
[[nodiscard]] bool no_line_break_in_record(const char* p) noexcept;

/// True when the n bytes are all spaces (or NUL/tab/SUB filler).
[[nodiscard]] bool is_blank(const char* p, std::size_t n) noexcept;

} // namespace jd::statement::detail
