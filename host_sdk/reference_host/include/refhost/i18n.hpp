#pragma once
// The language of the host's own messages: French by default, English on request (--lang en).

#include <string>
#include <string_view>

namespace refhost {

enum class language { fr, en };

/// Set once at start-up, before any thread runs; read from every thread afterwards.
void set_language(language value) noexcept;
[[nodiscard]] language current_language() noexcept;

/// "fr" or "en", the locale passed to providers (hs_call_v1.locale).
[[nodiscard]] const char* locale_code() noexcept;

/// Parses "fr" / "en" (also "fr_FR", "en-GB"...); anything else is std::nullopt-like: returns false.
[[nodiscard]] bool parse_language(std::string_view text, language& out) noexcept;

/// The message in the current language.
[[nodiscard]] inline std::string tr(std::string_view french, std::string_view english) {
    return std::string(current_language() == language::en ? english : french);
}

} // namespace refhost
