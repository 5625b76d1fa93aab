#pragma once
// ISO-8601 timestamps (UTC, "2026-03-01T10:00:00Z") and calendar dates ("2026-03-01").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace refhost {

/// "YYYY-MM-DDTHH:MM:SSZ"; milliseconds are shown only when not zero ("…:SS.123Z").
[[nodiscard]] std::string iso_utc(std::int64_t epoch_ms);

/// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" with an optional "Z" or "+HH:MM"/"-HH:MM"
/// (a space may replace the "T"); no zone means UTC. std::nullopt when malformed or not a real date.
[[nodiscard]] std::optional<std::int64_t> parse_iso_utc(std::string_view text);

/// True for an existing calendar date written "YYYY-MM-DD".
[[nodiscard]] bool is_calendar_date(std::string_view text);

} // namespace refhost
