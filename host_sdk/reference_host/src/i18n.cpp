#include "refhost/i18n.hpp"

#include <atomic>

namespace refhost {

namespace {
std::atomic<language> g_language{language::fr};
}

void set_language(language value) noexcept { g_language.store(value); }

language current_language() noexcept { return g_language.load(); }

const char* locale_code() noexcept { return current_language() == language::en ? "en" : "fr"; }

bool parse_language(std::string_view text, language& out) noexcept {
    const auto prefix = text.substr(0, 2);
    if (prefix == "fr" && (text.size() == 2 || text[2] == '_' || text[2] == '-')) {
        out = language::fr;
        return true;
    }
    if (prefix == "en" && (text.size() == 2 || text[2] == '_' || text[2] == '-')) {
        out = language::en;
        return true;
    }
    return false;
}

} // namespace refhost
