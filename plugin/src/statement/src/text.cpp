#include "jd/statement/text.hpp"

#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace jd::statement {
namespace {

// Unicode code points of CP1252 0x80..0x9F; the five undefined bytes keep their C1 value (as latin-1).
constexpr std::array<char32_t, 32> cp1252_high{
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

struct utf8_sequence {
    std::array<char, 3> bytes;
    std::uint8_t size;
};

constexpr char32_t cp1252_code_point(unsigned byte) {
    return byte >= 0x80 && byte < 0xA0 ? cp1252_high[byte - 0x80] : static_cast<char32_t>(byte);
}

constexpr utf8_sequence encode(char32_t cp) {
    if (cp < 0x80) {
        return {{static_cast<char>(cp), 0, 0}, 1};
    }
    if (cp < 0x800) {
        return {{static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F)), 0}, 2};
    }
    return {{static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
             static_cast<char>(0x80 | (cp & 0x3F))},
            3};
}

constexpr std::array<utf8_sequence, 256> make_table() {
    std::array<utf8_sequence, 256> table{};
    for (unsigned b = 0; b < 256; ++b) {
        table[b] = encode(cp1252_code_point(b));
    }
    return table;
}
constexpr auto cp1252_table = make_table();


} // namespace

bool is_ascii(const char* p, std::size_t n) noexcept {
#if defined(__SSE2__)
    if (n >= 16) {
        // OR all 16-byte blocks (the last one overlapping) and test the high bits once.
        __m128i acc = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16));
        for (std::size_t i = 0; i + 16 < n; i += 16) {
            acc = _mm_or_si128(acc, _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)));
        }
        return _mm_movemask_epi8(acc) == 0;
    }
#endif
    std::uint64_t acc = 0;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, p + i, 8);
        acc |= word;
    }
    for (; i < n; ++i) {
        acc |= static_cast<unsigned char>(p[i]);
    }
    return (acc & 0x8080808080808080ULL) == 0;
}

bool is_valid_utf8(const char* text, std::size_t n) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(text);
    std::size_t i = 0;
    while (i < n) {
        const unsigned c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        char32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (n - i < len) {
            return false;
        }
        for (std::size_t k = 1; k < len; ++k) {
            const unsigned cc = p[i + k];
            if ((cc & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
            return false;
        }
        i += len;
    }
    return true;
}

std::size_t decode_text(const char* in, std::size_t n, char* out) noexcept {
    // Copy ASCII words until the first byte >= 0x80: that is all of the common field.
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, in + i, 8);
        if ((word & 0x8080808080808080ULL) != 0) {
            break;
        }
        std::memcpy(out + i, &word, 8);
    }
    while (i < n && static_cast<unsigned char>(in[i]) < 0x80) {
        out[i] = in[i];
        ++i;
    }
    if (i == n) {
        return n;
    }
    // From the first high byte on: UTF-8 if the rest is valid UTF-8 (the prefix is ASCII, so valid), else CP1252.
    if (is_valid_utf8(in + i, n - i)) {
        std::memcpy(out + i, in + i, n - i);
        return n;
    }
    // CP1252: ASCII words are copied whole, other bytes go through the table.
    char* w = out + i;
    std::size_t k = i;
    while (k < n) {
        if (k + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, in + k, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                std::memcpy(w, &word, 8);
                w += 8;
                k += 8;
                continue;
            }
        }
        const std::size_t stop = k + 8 <= n ? k + 8 : n;
        for (; k < stop; ++k) {
            const utf8_sequence& seq = cp1252_table[static_cast<unsigned char>(in[k])];
            std::memcpy(w, seq.bytes.data(), 3);
            w += seq.size;
        }
    }
    return static_cast<std::size_t>(w - out);
}

std::string decode_text(std::string_view bytes) {
    std::string out(bytes.size() * max_utf8_growth, '\0');
    out.resize(decode_text(bytes.data(), bytes.size(), out.data()));
    return out;
}

std::string_view cp1252_to_utf8(unsigned char byte) noexcept {
    const utf8_sequence& s = cp1252_table[byte];
    return {s.bytes.data(), s.size};
}

int unicode_to_cp1252(char32_t cp) noexcept {
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
        return static_cast<int>(cp);
    }
    for (std::size_t i = 0; i < cp1252_high.size(); ++i) {
        if (cp1252_high[i] == cp) {
            return static_cast<int>(0x80 + i);
        }
    }
    return -1;
}

} // namespace jd::statement
