#include "jdsim/base64.hpp"

#include <array>
#include <cstdint>

namespace jdsim {
namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> reverse_table() {
    std::array<std::int8_t, 256> t{};
    for (auto& v : t) v = -1;
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
    return t;
}
constexpr auto reverse = reverse_table();

// Two output characters per 12 input bits: half the lookups of the classic loop.
struct pair_table {
    std::array<char, 8192> chars{};
    constexpr pair_table() {
        for (int i = 0; i < 4096; ++i) {
            chars[static_cast<std::size_t>(2 * i)] = alphabet[i >> 6];
            chars[static_cast<std::size_t>(2 * i + 1)] = alphabet[i & 63];
        }
    }
};
constexpr pair_table pairs{};

}  // namespace

void base64_append(std::string& out, std::string_view in) {
    const std::size_t start = out.size();
    out.resize(start + (in.size() + 2) / 3 * 4);
    char* o = out.data() + start;
    const auto* p = reinterpret_cast<const unsigned char*>(in.data());
    std::size_t i = 0;
    for (; i + 3 <= in.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t{p[i]} << 16) | (std::uint32_t{p[i + 1]} << 8) | p[i + 2];
        const char* hi = &pairs.chars[(v >> 12) * 2];
        const char* lo = &pairs.chars[(v & 4095) * 2];
        o[0] = hi[0];
        o[1] = hi[1];
        o[2] = lo[0];
        o[3] = lo[1];
        o += 4;
    }
    if (i < in.size()) {
        std::uint32_t v = std::uint32_t{p[i]} << 16;
        if (i + 1 < in.size()) v |= std::uint32_t{p[i + 1]} << 8;
        *o++ = alphabet[v >> 18];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = i + 1 < in.size() ? alphabet[(v >> 6) & 63] : '=';
        *o++ = '=';
    }
}

std::string base64_encode(std::string_view bytes) {
    std::string s;
    base64_append(s, bytes);
    return s;
}

std::optional<std::string> base64_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size() / 4 * 3);
    std::uint32_t acc = 0;
    int bits = 0;
    bool padding = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') {
            padding = true;
            continue;
        }
        if (padding) return std::nullopt;
        const std::int8_t v = reverse[static_cast<unsigned char>(c)];
        if (v < 0) return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    return out;
}

}  // namespace jdsim
