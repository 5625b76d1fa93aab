#include "jdsim/french_text.hpp"

#include <cstdint>

namespace jdsim {
namespace {

// Decodes one code point, advancing i; invalid bytes decode as themselves (Latin-1 reading).
std::uint32_t decode(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80 || i + 1 >= s.size()) {
        ++i;
        return b0;
    }
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if ((b0 & 0xE0) == 0xC0 && (b1 & 0xC0) == 0x80) {
        i += 2;
        return ((b0 & 0x1Fu) << 6) | (b1 & 0x3Fu);
    }
    if ((b0 & 0xF0) == 0xE0 && i + 2 < s.size()) {
        const auto b2 = static_cast<unsigned char>(s[i + 2]);
        if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
            i += 3;
            return ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
        }
    }
    ++i;
    return b0;
}

void encode(std::uint32_t cp, std::string& out) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

constexpr std::uint32_t oe_upper = 0x152;
constexpr std::uint32_t oe_lower = 0x153;

std::uint32_t upper_cp(std::uint32_t cp) {
    if (cp >= 'a' && cp <= 'z') return cp - 32;
    if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 32;
    if (cp == 0xFF) return 0x178;
    if (cp == oe_lower) return oe_upper;
    return cp;
}

std::uint32_t lower_cp(std::uint32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
    if (cp == 0x178) return 0xFF;
    if (cp == oe_upper) return oe_lower;
    return cp;
}

bool is_letter(std::uint32_t cp) {
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x17F && cp != 0xD7 && cp != 0xF7);
}

// Base letter of an accented Latin-1 letter, or 0 when it has none.
const char* unaccented(std::uint32_t cp) {
    switch (cp) {
        case 0xC0: case 0xC1: case 0xC2: case 0xC3: case 0xC4: case 0xC5: return "A";
        case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE4: case 0xE5: return "a";
        case 0xC7: return "C";
        case 0xE7: return "c";
        case 0xC8: case 0xC9: case 0xCA: case 0xCB: return "E";
        case 0xE8: case 0xE9: case 0xEA: case 0xEB: return "e";
        case 0xCC: case 0xCD: case 0xCE: case 0xCF: return "I";
        case 0xEC: case 0xED: case 0xEE: case 0xEF: return "i";
        case 0xD1: return "N";
        case 0xF1: return "n";
        case 0xD2: case 0xD3: case 0xD4: case 0xD5: case 0xD6: return "O";
        case 0xF2: case 0xF3: case 0xF4: case 0xF5: case 0xF6: return "o";
        case 0xD9: case 0xDA: case 0xDB: case 0xDC: return "U";
        case 0xF9: case 0xFA: case 0xFB: case 0xFC: return "u";
        case 0xDD: return "Y";
        case 0xFD: case 0xFF: return "y";
        case 0x178: return "Y";
        case oe_upper: return "OE";
        case oe_lower: return "oe";
        default: return nullptr;
    }
}

template <typename F>
std::string map_cps(std::string_view s, F f) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) encode(f(decode(s, i)), out);
    return out;
}

}  // namespace

std::string upper_fr(std::string_view s) { return map_cps(s, upper_cp); }
std::string lower_fr(std::string_view s) { return map_cps(s, lower_cp); }

std::string title_fr(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool word_start = true;
    for (std::size_t i = 0; i < s.size();) {
        const std::uint32_t cp = decode(s, i);
        if (is_letter(cp)) {
            encode(word_start ? upper_cp(cp) : lower_cp(cp), out);
            word_start = false;
        } else {
            encode(cp, out);
            word_start = true;
        }
    }
    return out;
}

std::string strip_accents(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::uint32_t cp = decode(s, i);
        if (const char* base = unaccented(cp))
            out += base;
        else
            encode(cp, out);
    }
    return out;
}

bool has_accent(std::string_view s) {
    for (std::size_t i = 0; i < s.size();)
        if (unaccented(decode(s, i))) return true;
    return false;
}

std::string to_latin1(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::uint32_t cp = decode(s, i);
        if (cp <= 0xFF)
            out += static_cast<char>(static_cast<unsigned char>(cp));
        else if (cp == 0x2019 || cp == 0x2018)
            out += '\'';
        else if (cp == oe_upper)
            out += "OE";
        else if (cp == oe_lower)
            out += "oe";
        else if (cp == 0x178)
            out += 'Y';
        else
            out += '?';
    }
    return out;
}

}  // namespace jdsim
