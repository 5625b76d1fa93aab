// SHA-256 compression with the x86 SHA extensions (SHA-NI). Compiled for every x86-64 build through a
// function target attribute; only called after a CPUID check, so the binary still runs on older processors.

#include "jd/statement/sha256.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define JD_HAVE_SHANI 1
#else
#define JD_HAVE_SHANI 0
#endif

namespace jd::statement::detail {

const std::uint32_t* sha256_round_constants() noexcept;

#if JD_HAVE_SHANI

bool cpu_has_sha_extensions() noexcept {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0) {
        return false;
    }
    const bool ssse3 = (ecx & (1U << 9)) != 0;
    const bool sse41 = (ecx & (1U << 19)) != 0;
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0) {
        return false;
    }
    const bool sha = (ebx & (1U << 29)) != 0;
    return ssse3 && sse41 && sha;
}

namespace {

#define JD_SHANI_TARGET __attribute__((target("sha,sse4.1,ssse3")))

JD_SHANI_TARGET inline __m128i load_message(const std::uint8_t* p, __m128i byte_swap) noexcept {
    return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), byte_swap);
}

JD_SHANI_TARGET inline __m128i load_constants(const std::uint32_t* k) noexcept {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(k));
}

// Four rounds: two sha256rnds2, each on two message words.
JD_SHANI_TARGET inline void four_rounds(__m128i& abef, __m128i& cdgh, __m128i words) noexcept {
    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, words);
    abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(words, 0x0E));
}

// Completes the schedule words of the next group: next += alignr(current, previous) then sha256msg2.
JD_SHANI_TARGET inline void schedule(__m128i& next, __m128i current, __m128i previous) noexcept {
    next = _mm_add_epi32(next, _mm_alignr_epi8(current, previous, 4));
    next = _mm_sha256msg2_epu32(next, current);
}

} // namespace

JD_SHANI_TARGET void sha256_compress_shani(std::uint32_t* state, const std::uint8_t* data, std::size_t count) noexcept {
    const std::uint32_t* k = sha256_round_constants();
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

    // The instructions want the state as ABEF and CDGH.
    __m128i tmp = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));        // DCBA
    __m128i cdgh = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));   // HGFE
    tmp = _mm_shuffle_epi32(tmp, 0xB1);                                             // CDAB
    cdgh = _mm_shuffle_epi32(cdgh, 0x1B);                                           // EFGH
    __m128i abef = _mm_alignr_epi8(tmp, cdgh, 8);                                  // ABEF
    cdgh = _mm_blend_epi16(cdgh, tmp, 0xF0);                                        // CDGH

    for (; count > 0; --count, data += 64) {
        const __m128i abef_saved = abef;
        const __m128i cdgh_saved = cdgh;

        __m128i m0 = load_message(data, byte_swap);
        four_rounds(abef, cdgh, _mm_add_epi32(m0, load_constants(k + 0)));

        __m128i m1 = load_message(data + 16, byte_swap);
        four_rounds(abef, cdgh, _mm_add_epi32(m1, load_constants(k + 4)));
        m0 = _mm_sha256msg1_epu32(m0, m1);

        __m128i m2 = load_message(data + 32, byte_swap);
        four_rounds(abef, cdgh, _mm_add_epi32(m2, load_constants(k + 8)));
        m1 = _mm_sha256msg1_epu32(m1, m2);

        __m128i m3 = load_message(data + 48, byte_swap);
        four_rounds(abef, cdgh, _mm_add_epi32(m3, load_constants(k + 12)));
        schedule(m0, m3, m2);
        m2 = _mm_sha256msg1_epu32(m2, m3);

        // Groups 4..12: the words rotate through m0..m3.
        for (int group = 4; group <= 12; group += 4) {
            four_rounds(abef, cdgh, _mm_add_epi32(m0, load_constants(k + 4 * group)));
            schedule(m1, m0, m3);
            m3 = _mm_sha256msg1_epu32(m3, m0);

            four_rounds(abef, cdgh, _mm_add_epi32(m1, load_constants(k + 4 * group + 4)));
            schedule(m2, m1, m0);
            m0 = _mm_sha256msg1_epu32(m0, m1);

            if (group == 12) {
                // Group 13 (rounds 52-55): m2 was completed above; only m3 is left to finish below.
                break;
            }
            four_rounds(abef, cdgh, _mm_add_epi32(m2, load_constants(k + 4 * group + 8)));
            schedule(m3, m2, m1);
            m1 = _mm_sha256msg1_epu32(m1, m2);

            four_rounds(abef, cdgh, _mm_add_epi32(m3, load_constants(k + 4 * group + 12)));
            schedule(m0, m3, m2);
            m2 = _mm_sha256msg1_epu32(m2, m3);
        }
        // Group 14 (rounds 56-59) and 15 (60-63).
        four_rounds(abef, cdgh, _mm_add_epi32(m2, load_constants(k + 56)));
        schedule(m3, m2, m1);
        four_rounds(abef, cdgh, _mm_add_epi32(m3, load_constants(k + 60)));

        abef = _mm_add_epi32(abef, abef_saved);
        cdgh = _mm_add_epi32(cdgh, cdgh_saved);
    }

    tmp = _mm_shuffle_epi32(abef, 0x1B);              // FEBA
    cdgh = _mm_shuffle_epi32(cdgh, 0xB1);             // DCHG
    abef = _mm_blend_epi16(tmp, cdgh, 0xF0);          // DCBA
    cdgh = _mm_alignr_epi8(cdgh, tmp, 8);             // HGFE
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state), abef);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), cdgh);
}

namespace {

struct lane {
    __m128i abef, cdgh, saved_abef, saved_cdgh;
    __m128i m[4];
};

JD_SHANI_TARGET inline void load_lane(lane& l, const std::uint32_t* state, const std::uint8_t* data, __m128i byte_swap) noexcept {
    __m128i tmp = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));
    l.cdgh = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));
    tmp = _mm_shuffle_epi32(tmp, 0xB1);
    l.cdgh = _mm_shuffle_epi32(l.cdgh, 0x1B);
    l.abef = _mm_alignr_epi8(tmp, l.cdgh, 8);
    l.cdgh = _mm_blend_epi16(l.cdgh, tmp, 0xF0);
    l.saved_abef = l.abef;
    l.saved_cdgh = l.cdgh;
    for (int i = 0; i < 4; ++i) {
        l.m[i] = load_message(data + 16 * i, byte_swap);
    }
}

JD_SHANI_TARGET inline void store_lane(lane& l, std::uint32_t* state) noexcept {
    l.abef = _mm_add_epi32(l.abef, l.saved_abef);
    l.cdgh = _mm_add_epi32(l.cdgh, l.saved_cdgh);
    const __m128i tmp = _mm_shuffle_epi32(l.abef, 0x1B);
    l.cdgh = _mm_shuffle_epi32(l.cdgh, 0xB1);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_blend_epi16(tmp, l.cdgh, 0xF0));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), _mm_alignr_epi8(l.cdgh, tmp, 8));
}

// Rounds 4g..4g+3 of both lanes; then (Complete) finishes the words of group g+1 and (Start) begins those of
// group g+3.
template <int G, bool Complete, bool Start>
JD_SHANI_TARGET inline void group_x2(lane& a, lane& b, const std::uint32_t* k) noexcept {
    constexpr int cur = G % 4;
    constexpr int prev = (G + 3) % 4;
    constexpr int next = (G + 1) % 4;
    const __m128i constants = load_constants(k + 4 * G);
    four_rounds(a.abef, a.cdgh, _mm_add_epi32(a.m[cur], constants));
    four_rounds(b.abef, b.cdgh, _mm_add_epi32(b.m[cur], constants));
    if constexpr (Complete) {
        schedule(a.m[next], a.m[cur], a.m[prev]);
        schedule(b.m[next], b.m[cur], b.m[prev]);
    }
    if constexpr (Start) {
        a.m[prev] = _mm_sha256msg1_epu32(a.m[prev], a.m[cur]);
        b.m[prev] = _mm_sha256msg1_epu32(b.m[prev], b.m[cur]);
    }
}

} // namespace

// Two independent blocks at once: the rounds of one message fill the latency of the other's.
JD_SHANI_TARGET void sha256_compress_shani_x2(std::uint32_t* state_a, const std::uint8_t* data_a, std::uint32_t* state_b,
                                              const std::uint8_t* data_b) noexcept {
    const std::uint32_t* k = sha256_round_constants();
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    lane a;
    lane b;
    load_lane(a, state_a, data_a, byte_swap);
    load_lane(b, state_b, data_b, byte_swap);
    group_x2<0, false, false>(a, b, k);
    group_x2<1, false, true>(a, b, k);
    group_x2<2, false, true>(a, b, k);
    group_x2<3, true, true>(a, b, k);
    group_x2<4, true, true>(a, b, k);
    group_x2<5, true, true>(a, b, k);
    group_x2<6, true, true>(a, b, k);
    group_x2<7, true, true>(a, b, k);
    group_x2<8, true, true>(a, b, k);
    group_x2<9, true, true>(a, b, k);
    group_x2<10, true, true>(a, b, k);
    group_x2<11, true, true>(a, b, k);
    group_x2<12, true, true>(a, b, k);
    group_x2<13, true, false>(a, b, k);
    group_x2<14, true, false>(a, b, k);
    group_x2<15, false, false>(a, b, k);
    store_lane(a, state_a);
    store_lane(b, state_b);
}

#else

bool cpu_has_sha_extensions() noexcept { return false; }
void sha256_compress_shani(std::uint32_t* state, const std::uint8_t* data, std::size_t count) noexcept {
    sha256_compress_portable(state, data, count);
}
void sha256_compress_shani_x2(std::uint32_t* state_a, const std::uint8_t* data_a, std::uint32_t* state_b,
                              const std::uint8_t* data_b) noexcept {
    sha256_compress_portable(state_a, data_a, 1);
    sha256_compress_portable(state_b, data_b, 1);
}

#endif

} // namespace jd::statement::detail
