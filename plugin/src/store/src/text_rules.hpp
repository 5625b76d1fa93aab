#pragma once
// What text the store accepts. Both backends must behave the same: PostgreSQL refuses invalid UTF-8 and NUL
// in TEXT while SQLite would keep them, so the store checks before either sees the value.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace jd::store::detail {

// Byte offset of the first invalid UTF-8 sequence or NUL byte, or nullopt when the text is clean.
[[nodiscard]] std::optional<std::size_t> first_bad_byte(std::string_view text) noexcept;

// Throws store_error(invalid_argument) "<where>: field <field> …" when the text is not clean.
void require_text(std::string_view text, std::string_view field, std::string_view where);

// Same, and the text must not be empty.
void require_nonempty_text(std::string_view text, std::string_view field, std::string_view where);

// Throws unless "YYYY-MM-DD" (empty allowed when `optional`).
void require_date(std::string_view text, std::string_view field, std::string_view where, bool optional);

// Throws unless a RIB key (21 characters, [0-9A-Z]).
void require_rib_key(std::string_view text, std::string_view where);

// Replaces each invalid UTF-8 sequence and NUL byte by U+FFFD, for free text that must not be lost.
[[nodiscard]] std::string repaired_text(std::string_view text);

} // namespace jd::store::detail

namespace jd::store::detail {

// A value quoted for a message: repaired, and cut after 80 bytes ("…" marks the cut).
[[nodiscard]] std::string shown(std::string_view value);

} // namespace jd::store::detail
