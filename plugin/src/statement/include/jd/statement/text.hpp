#pragma once
// Text of a record, sliced by bytes, then decoded to UTF-8. Banks write CP1252/latin-1 in practice; a field
// whose bytes already form valid UTF-8 passes through unchanged.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace jd::statement {

/// Worst-case growth of decode_text: one input byte gives at most three UTF-8 bytes.
inline constexpr std::size_t max_utf8_growth = 3;

/// True when the n bytes are all below 0x80.
[[nodiscard]] bool is_ascii(const char* p, std::size_t n) noexcept;
/// True when the n bytes form valid UTF-8 (shortest forms, no surrogates, at most U+10FFFF).
[[nodiscard]] bool is_valid_utf8(const char* p, std::size_t n) noexcept;

/// Decodes n bytes into out (which has room for max_utf8_growth * n bytes) and returns the bytes written.
/// ASCII is copied; valid UTF-8 is copied; anything else is read as CP1252 (the five bytes CP1252 leaves
/// undefined map to the C1 code points of the same value, as latin-1 does, so nothing is lost).
std::size_t decode_text(const char* in, std::size_t n, char* out) noexcept;
[[nodiscard]] std::string decode_text(std::string_view bytes);

/// The UTF-8 encoding of one CP1252 byte (1 to 3 bytes).
[[nodiscard]] std::string_view cp1252_to_utf8(unsigned char byte) noexcept;
/// The CP1252 byte for a Unicode code point, or -1 when CP1252 has none.
[[nodiscard]] int unicode_to_cp1252(char32_t code_point) noexcept;

/// Trims spaces (and NUL/tab filler) at both ends.
[[nodiscard]] inline std::string_view trim(std::string_view text) noexcept {
    const auto filler = [](char c) { return c == ' ' || c == '\0' || c == '\t'; };
    const char* p = text.data();
    std::size_t end = text.size();
    // Fields are mostly padded with spaces on the right: skip them eight at a time.
    constexpr std::uint64_t eight_spaces = 0x2020202020202020ULL;
    while (end >= 8) {
        std::uint64_t word;
        std::memcpy(&word, p + end - 8, 8);
        if (word != eight_spaces) {
            break;
        }
        end -= 8;
    }
    while (end > 0 && filler(p[end - 1])) {
        --end;
    }
    std::size_t begin = 0;
    while (begin < end && filler(p[begin])) {
        ++begin;
    }
    return {p + begin, end - begin};
}

} // namespace jd::statement
