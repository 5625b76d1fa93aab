#include "json_text.hpp"

#include <array>

namespace jd::store::detail {

std::string json_quoted(std::string_view text) {
    static constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5', '6', '7',
                                              '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    std::string out;
    out.reserve(text.size() + 2);
    out.push_back('"');
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (byte < 0x20) {
            out += "\\u00";
            out.push_back(hex[byte >> 4U]);
            out.push_back(hex[byte & 0x0FU]);
        } else {
            out.push_back(c);
        }
    }
    out.push_back('"');
    return out;
}

void json_object::key(std::string_view name) {
    text_ += text_.empty() ? "" : ",";
    text_ += json_quoted(name);
    text_ += ':';
}

json_object& json_object::add(std::string_view name, std::string_view value) {
    key(name);
    text_ += json_quoted(value);
    return *this;
}

json_object& json_object::add(std::string_view name, std::int64_t value) {
    key(name);
    text_ += std::to_string(value);
    return *this;
}

json_object& json_object::add(std::string_view name, bool value) {
    key(name);
    text_ += value ? "true" : "false";
    return *this;
}

json_object& json_object::add_optional(std::string_view name, const std::optional<std::string>& value) {
    key(name);
    text_ += value ? json_quoted(*value) : std::string("null");
    return *this;
}

json_object& json_object::add_raw(std::string_view name, std::string_view json) {
    key(name);
    text_ += json;
    return *this;
}

std::string json_object::str() const {
    return "{" + text_ + "}";
}

} // namespace jd::store::detail
