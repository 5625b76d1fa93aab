#include "jedeclare/xml_escape.hpp"

#include "jedeclare/wire_error.hpp"

namespace jd::jedeclare {

void append_xml_escaped(std::string& out, std::string_view value)
{
    for (const char c : value) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\r': out += "&#13;"; break;
        case '\t':
        case '\n': out += c; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                // The value itself is not quoted: it may be a password.
                throw wire_error(error_kind::configuration,
                                 "a value holds a control character that XML cannot carry");
            out += c;
        }
    }
}

std::string xml_escape(std::string_view value)
{
    std::string out;
    out.reserve(value.size() + value.size() / 8 + 8);
    append_xml_escaped(out, value);
    return out;
}

} // namespace jd::jedeclare
