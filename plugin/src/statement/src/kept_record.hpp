#pragma once
// A record (or part of one) copied into the statement's arena, with a bit mask of its non-blank bytes, so
// that every field is trimmed with two bit scans instead of byte loops, and ASCII fields are views into the
// copy instead of copies of their own.

#include "jd/statement/text_arena.hpp"

#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace jd::statement::detail {

__extension__ typedef unsigned __int128 byte_mask; ///< bit i: byte i of the kept bytes

struct kept_record {
    const char* data = nullptr;
    std::size_t size = 0;
    byte_mask non_blank = 0; ///< bytes other than space, NUL and tab
    byte_mask odd_blank = 0; ///< NUL and tab
    bool ascii = true;       ///< no byte >= 0x80

    /// For a view returned by trimmed(): does it hold blanks that identity folding would change?
    [[nodiscard]] bool has_blanks_to_fold(std::string_view view) const noexcept {
        if (view.empty()) {
            return false;
        }
        const auto at = static_cast<std::size_t>(view.data() - data);
        const byte_mask range = view.size() >= 128 ? ~byte_mask{0} : (byte_mask{1} << view.size()) - 1;
        const byte_mask blank = (~non_blank >> at) & range;
        const byte_mask odd = (odd_blank >> at) & range;
        return odd != 0 || (blank & (blank >> 1)) != 0;
    }

    /// The field [at, at + length), trimmed of blanks at both ends (a view into the copy).
    [[nodiscard]] std::string_view trimmed(std::size_t at, std::size_t length) const noexcept {
        byte_mask bits = non_blank >> at;
        if (length < 128) {
            bits &= (byte_mask{1} << length) - 1;
        }
        if (bits == 0) {
            return {data + at, 0};
        }
        const auto low = static_cast<std::uint64_t>(bits);
        const auto high = static_cast<std::uint64_t>(bits >> 64);
        const std::size_t first = low != 0 ? static_cast<std::size_t>(__builtin_ctzll(low))
                                           : 64 + static_cast<std::size_t>(__builtin_ctzll(high));
        const std::size_t last = high != 0 ? 127 - static_cast<std::size_t>(__builtin_clzll(high))
                                           : 63 - static_cast<std::size_t>(__builtin_clzll(low));
        return {data + at + first, last - first + 1};
    }
};

/// Copies Size (16 <= Size <= 120) bytes into the arena and computes the masks in the same pass: each
/// 16-byte block is loaded once from the source, stored to the copy and classified (the last block overlaps
/// the one before when Size is not a multiple of 16, so nothing is read or written outside the bytes).
template <std::size_t Size>
inline kept_record keep_in_arena(text_arena& arena, const char* src) {
    static_assert(Size >= 16 && Size <= 120);
    char* copy = arena.reserve(Size);
    arena.commit(Size);
    std::uint64_t blank[2] = {0, 0};
    std::uint64_t odd[2] = {0, 0};
    std::uint64_t high[2] = {0, 0};
    const auto add_bits = [](std::uint64_t* mask, std::size_t at, unsigned bits) {
        const auto wide = static_cast<std::uint64_t>(bits);
        if (at < 64) {
            mask[0] |= wide << at;
            if (at > 48) {
                mask[1] |= wide >> (64 - at);
            }
        } else {
            mask[1] |= wide << (at - 64);
        }
    };
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i tab = _mm_set1_epi8('\t');
    const __m128i zero = _mm_setzero_si128();
    const auto block = [&](std::size_t at) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + at));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(copy + at), v);
        const __m128i is_odd = _mm_or_si128(_mm_cmpeq_epi8(v, zero), _mm_cmpeq_epi8(v, tab));
        const __m128i is_blank = _mm_or_si128(_mm_cmpeq_epi8(v, space), is_odd);
        add_bits(blank, at, static_cast<unsigned>(_mm_movemask_epi8(is_blank)));
        add_bits(odd, at, static_cast<unsigned>(_mm_movemask_epi8(is_odd)));
        add_bits(high, at, static_cast<unsigned>(_mm_movemask_epi8(v)));
    };
    [&]<std::size_t... i>(std::index_sequence<i...>) { (block(16 * i), ...); }(std::make_index_sequence<Size / 16>{});
    if constexpr (Size % 16 != 0) {
        block(Size - 16);
    }
#else
    std::memcpy(copy, src, Size);
    for (std::size_t i = 0; i < Size; ++i) {
        const char c = copy[i];
        unsigned bit_blank = (c == ' ' || c == '\0' || c == '\t') ? 1U : 0U;
        unsigned bit_odd = (c == '\0' || c == '\t') ? 1U : 0U;
        unsigned bit_high = static_cast<unsigned char>(c) >= 0x80 ? 1U : 0U;
        add_bits(blank, i, bit_blank);
        add_bits(odd, i, bit_odd);
        add_bits(high, i, bit_high);
    }
#endif
    constexpr std::uint64_t valid_low = Size >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << Size) - 1;
    constexpr std::uint64_t valid_high = Size <= 64 ? 0 : (std::uint64_t{1} << (Size - 64)) - 1;
    kept_record k;
    k.data = copy;
    k.size = Size;
    k.non_blank = static_cast<byte_mask>(~blank[1] & valid_high) << 64 | (~blank[0] & valid_low);
    k.odd_blank = static_cast<byte_mask>(odd[1] & valid_high) << 64 | (odd[0] & valid_low);
    k.ascii = ((high[0] & valid_low) | (high[1] & valid_high)) == 0;
    return k;
}

} // namespace jd::statement::detail
