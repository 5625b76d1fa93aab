#include "admin/display_text.hpp"

#include "admin/utf8.hpp"

#include <cstdio>

namespace jd::admin {

namespace {

bool must_escape(char32_t c) {
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0xAD || c == 0x061C ||
           (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069) ||
           c == 0xFEFF;
}

void append_hex(std::string& out, const char* format, unsigned value) {
    char buffer[16];
    const int written = std::snprintf(buffer, sizeof buffer, format, value);
    if (written > 0) {
        out.append(buffer, static_cast<std::size_t>(written));
    }
}

} // namespace

std::string display_text(std::string_view raw, std::size_t max_chars) {
    std::string out;
    out.reserve(raw.size() + 2);
    std::size_t chars = 0;
    std::size_t at = 0;
    while (at < raw.size()) {
        if (max_chars != 0 && chars == max_chars) {
            out.append("\xE2\x80\xA6"); // …
            break;
        }
        const utf8::decoded step = utf8::decode_at(raw, at);
        if (!step.valid) {
            for (std::size_t i = 0; i < step.length; ++i) {
                append_hex(out, "\\x%02X", static_cast<unsigned char>(raw[at + i]));
            }
        } else if (step.code_point == '"' || step.code_point == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(step.code_point));
        } else if (step.code_point == '\n') {
            out.append("\\n");
        } else if (step.code_point == '\r') {
            out.append("\\r");
        } else if (step.code_point == '\t') {
            out.append("\\t");
        } else if (must_escape(step.code_point)) {
            append_hex(out, "\\u{%04X}", static_cast<unsigned>(step.code_point));
        } else {
            out.append(raw.substr(at, step.length));
        }
        ++chars;
        at += step.length;
    }
    return out;
}

} // namespace jd::admin
