#pragma once
// The one place where log fields are scrubbed before they are written. Plugins must never pass a
// secret; this is defence in depth: any value under a key named like a secret is masked.

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace refhost {

inline constexpr std::string_view redacted_marker = "***";

/// True for keys such as "password", "mot_de_passe", "client_secret", "access_token", "api_key",
/// "authorization" (case-insensitive).
[[nodiscard]] bool is_sensitive_key(std::string_view key);

/// A copy of `value` where every member whose key is sensitive has its value replaced by "***", at any
/// depth.
[[nodiscard]] boost::json::value redact(const boost::json::value& value);

/// For text that is not valid JSON: masks `"key": "value"`, `key=value` and `key: value` forms whose key
/// is sensitive.
[[nodiscard]] std::string redact_text(std::string_view text);

} // namespace refhost
