#include "line_scan.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace jd::statement::detail {

#if defined(__SSE2__)
namespace {

inline __m128i breaks_in(const char* p, __m128i lf, __m128i cr) noexcept {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return _mm_or_si128(_mm_cmpeq_epi8(chunk, lf), _mm_cmpeq_epi8(chunk, cr));
}

} // namespace
#endif

std::size_t find_line_break(const char* p, std::size_t n) noexcept {
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    // 64 bytes per step: records are 120 bytes, so a line is usually two steps.
    for (; i + 64 <= n; i += 64) {
        const __m128i a = breaks_in(p + i, lf, cr);
        const __m128i b = breaks_in(p + i + 16, lf, cr);
        const __m128i c = breaks_in(p + i + 32, lf, cr);
        const __m128i d = breaks_in(p + i + 48, lf, cr);
        const __m128i any = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
        if (_mm_movemask_epi8(any) != 0) [[unlikely]] {
            const auto mask = static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(a))) |
                              static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(b))) << 16 |
                              static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(c))) << 32 |
                              static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(d))) << 48;
            return i + static_cast<std::size_t>(__builtin_ctzll(mask));
        }
    }
    for (; i + 16 <= n; i += 16) {
        const int mask = _mm_movemask_epi8(breaks_in(p + i, lf, cr));
        if (mask != 0) {
            return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
        }
    }
#endif
    for (; i < n; ++i) {
        if (p[i] == '\n' || p[i] == '\r') {
            return i;
        }
    }
    return n;
}

bool no_line_break_in_record(const char* p) noexcept {
#if defined(__SSE2__)
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    // Eight loads cover the 120 bytes (the last one overlaps the one before).
    __m128i any = _mm_or_si128(breaks_in(p, lf, cr), breaks_in(p + 16, lf, cr));
    any = _mm_or_si128(any, breaks_in(p + 32, lf, cr));
    any = _mm_or_si128(any, breaks_in(p + 48, lf, cr));
    any = _mm_or_si128(any, breaks_in(p + 64, lf, cr));
    any = _mm_or_si128(any, breaks_in(p + 80, lf, cr));
    any = _mm_or_si128(any, breaks_in(p + 96, lf, cr));
    any = _mm_or_si128(any, breaks_in(p + 104, lf, cr));
    return _mm_movemask_epi8(any) == 0;
#else
    return find_line_break(p, 120) == 120;
#endif
}

bool is_blank(const char* p, std::size_t n) noexcept {
    for (std::size_t i = 0; i < n; ++i) {
        const char c = p[i];
        if (c != ' ' && c != '\0' && c != '\t' && c != '\x1a') {
            return false;
        }
    }
    return true;
}

} // namespace jd::statement::detail
