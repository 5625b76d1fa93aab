#include "line_scan.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace jd::statement::detail {

std::size_t find_line_break(const char* p, std::size_t n) noexcept {
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    for (; i + 16 <= n; i += 16) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(chunk, lf), _mm_cmpeq_epi8(chunk, cr)));
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
