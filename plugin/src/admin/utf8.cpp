#include "admin/utf8.hpp"

namespace jd::admin::utf8 {

namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

} // namespace

decoded decode_at(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80U) {
        return {lead, 1, true};
    }
    std::size_t needed = 0;
    char32_t value = 0;
    // The first continuation byte's range is narrowed for some leads: that is what rules out overlong
    // forms (E0, F0), surrogates (ED) and values above U+10FFFF (F4).
    unsigned char second_min = 0x80U;
    unsigned char second_max = 0xBFU;
    if (lead >= 0xC2U && lead <= 0xDFU) {
        needed = 1;
        value = lead & 0x1FU;
    } else if (lead >= 0xE0U && lead <= 0xEFU) {
        needed = 2;
        value = lead & 0x0FU;
        if (lead == 0xE0U) {
            second_min = 0xA0U;
        } else if (lead == 0xEDU) {
            second_max = 0x9FU;
        }
    } else if (lead >= 0xF0U && lead <= 0xF4U) {
        needed = 3;
        value = lead & 0x07U;
        if (lead == 0xF0U) {
            second_min = 0x90U;
        } else if (lead == 0xF4U) {
            second_max = 0x8FU;
        }
    } else {
        return {0, 1, false};
    }
    std::size_t length = 1;
    for (std::size_t i = 0; i < needed; ++i) {
        const std::size_t position = at + 1 + i;
        if (position >= text.size()) {
            return {0, length, false};
        }
        const auto byte = static_cast<unsigned char>(text[position]);
        const bool in_range = i == 0 ? (byte >= second_min && byte <= second_max) : is_continuation(byte);
        if (!in_range) {
            return {0, length, false};
        }
        value = (value << 6) | (byte & 0x3FU);
        ++length;
    }
    return {value, length, true};
}

std::optional<std::size_t> first_invalid_offset(std::string_view text) {
    std::size_t at = 0;
    while (at < text.size()) {
        // ASCII fast path: most names are plain ASCII.
        if (static_cast<unsigned char>(text[at]) < 0x80U) {
            ++at;
            continue;
        }
        const decoded step = decode_at(text, at);
        if (!step.valid) {
            return at;
        }
        at += step.length;
    }
    return std::nullopt;
}

void append(std::string& out, char32_t code_point) {
    if (code_point < 0x80U) {
        out.push_back(static_cast<char>(code_point));
    } else if (code_point < 0x800U) {
        out.push_back(static_cast<char>(0xC0U | (code_point >> 6)));
        out.push_back(static_cast<char>(0x80U | (code_point & 0x3FU)));
    } else if (code_point < 0x10000U) {
        out.push_back(static_cast<char>(0xE0U | (code_point >> 12)));
        out.push_back(static_cast<char>(0x80U | ((code_point >> 6) & 0x3FU)));
        out.push_back(static_cast<char>(0x80U | (code_point & 0x3FU)));
    } else {
        out.push_back(static_cast<char>(0xF0U | (code_point >> 18)));
        out.push_back(static_cast<char>(0x80U | ((code_point >> 12) & 0x3FU)));
        out.push_back(static_cast<char>(0x80U | ((code_point >> 6) & 0x3FU)));
        out.push_back(static_cast<char>(0x80U | (code_point & 0x3FU)));
    }
}

std::string make_valid(std::string_view text) {
    if (is_valid(text)) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size() + 8);
    std::size_t at = 0;
    while (at < text.size()) {
        const decoded step = decode_at(text, at);
        if (step.valid) {
            out.append(text.substr(at, step.length));
        } else {
            append(out, U'\uFFFD');
        }
        at += step.length;
    }
    return out;
}

} // namespace jd::admin::utf8
