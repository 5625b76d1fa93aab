#include "refhost/redaction.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace refhost {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

constexpr std::array<std::string_view, 12> sensitive_fragments{
    "password", "passwd", "pwd", "mot_de_passe", "motdepasse", "secret",
    "token",    "api_key", "apikey", "authorization", "credential", "private_key"};

} // namespace

bool is_sensitive_key(std::string_view key) {
    const auto name = lower(key);
    return std::any_of(sensitive_fragments.begin(), sensitive_fragments.end(),
                       [&](std::string_view fragment) { return name.find(fragment) != std::string::npos; });
}

boost::json::value redact(const boost::json::value& value) {
    if (value.is_object()) {
        boost::json::object out;
        for (const auto& member : value.get_object()) {
            if (is_sensitive_key(member.key())) {
                out[member.key()] = redacted_marker;
            } else {
                out[member.key()] = redact(member.value());
            }
        }
        return out;
    }
    if (value.is_array()) {
        boost::json::array out;
        for (const auto& item : value.get_array()) out.push_back(redact(item));
        return out;
    }
    return value;
}

std::string redact_text(std::string_view text) {
    static const std::regex quoted(
        R"re(("[^"]*(?:password|passwd|pwd|mot_de_passe|motdepasse|secret|token|api_?key|authorization|credential|private_key)[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*")re",
        std::regex::icase);
    static const std::regex plain(
        R"re(\b([A-Za-z_.-]*(?:password|passwd|pwd|mot_de_passe|motdepasse|secret|token|api_?key|authorization|credential|private_key)[A-Za-z_.-]*\s*[=:]\s*)[^\s,;&"]+)re",
        std::regex::icase);
    std::string out = std::regex_replace(std::string(text), quoted, "$1\"***\"");
    out = std::regex_replace(out, plain, "$1***");
    return out;
}

} // namespace refhost
