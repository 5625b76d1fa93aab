#pragma once
// Escaping of text placed in XML responses.
#include <string>
#include <string_view>

namespace jdsim {

inline void xml_append_escaped(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
}

inline std::string xml_escape(std::string_view text) {
    std::string s;
    xml_append_escaped(s, text);
    return s;
}

// <tag>escaped text</tag> (never self-closing: some clients read empty elements only in that form).
inline void xml_element(std::string& out, std::string_view tag, std::string_view text) {
    out += '<';
    out += tag;
    out += '>';
    xml_append_escaped(out, text);
    out += "</";
    out += tag;
    out += '>';
}

}  // namespace jdsim
