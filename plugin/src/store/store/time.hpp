#pragma once
// Instants and calendar dates as the store keeps them.
// - Instants: milliseconds since the Unix epoch (UTC), int64. Every call that writes a time takes it as an
//   argument, so callers (and tests) decide what "now" is.
// - Calendar dates (booking dates, deliver_from): "YYYY-MM-DD" strings, never converted to an instant, so a
//   bank date cannot drift across a timezone. They compare correctly as strings.

#include <cstdint>
#include <string>
#include <string_view>

namespace jd::store {

using epoch_ms = std::int64_t;

// The current time, for callers that have no clock of their own.
[[nodiscard]] epoch_ms now_ms() noexcept;

// "2026-01-31T08:15:00.250Z" (UTC, milliseconds), as the admin operations answer timestamps.
[[nodiscard]] std::string to_iso8601_utc(epoch_ms instant);

// True for a real calendar date written "YYYY-MM-DD" (leap years checked).
[[nodiscard]] bool is_iso_date(std::string_view text) noexcept;

} // namespace jd::store
