#include "jd/statement/identity.hpp"

#include "jd/statement/text.hpp"

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace jd::statement {
namespace {

constexpr std::string_view identity_tag{"jd-cfonb120-movement-v1\0", 24};

constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\0'; }

// Folds, in place, n bytes at p: trims blanks at both ends and turns each run of blanks into one space.
std::size_t fold_in_place(char* p, std::size_t n) noexcept {
    std::size_t w = 0;
    bool pending_space = false;
    for (std::size_t r = 0; r < n; ++r) {
        const char c = p[r];
        if (is_blank(c)) {
            pending_space = w != 0;
            continue;
        }
        if (pending_space) {
            p[w++] = ' ';
            pending_space = false;
        }
        p[w++] = c;
    }
    return w;
}

// True when folding would change the n bytes at p: a blank at either end, a tab or NUL, or two blanks in a
// row. May read up to 15 bytes past p + n (the caller's buffer has that slack); those bytes do not count.
bool needs_folding_padded(const char* p, std::size_t n) noexcept {
    if (n == 0) {
        return false;
    }
    if (is_blank(p[0]) || is_blank(p[n - 1])) {
        return true;
    }
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i tab = _mm_set1_epi8('\t');
    const __m128i zero = _mm_setzero_si128();
    unsigned previous_blank = 0;
    for (std::size_t i = 0; i < n; i += 16) {
        const unsigned valid = n - i >= 16 ? 0xFFFFU : (1U << (n - i)) - 1U;
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const auto other =
            static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, zero)))) & valid;
        const auto spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, space))) & valid;
        if ((other | (spaces & ((spaces << 1) | previous_blank))) != 0) {
            return true;
        }
        previous_blank = (spaces >> 15) & 1U;
    }
    return false;
#else
    for (std::size_t i = 0; i < n; ++i) {
        if (p[i] == '\t' || p[i] == '\0' || (p[i] == ' ' && i + 1 < n && p[i + 1] == ' ')) {
            return true;
        }
    }
    return false;
#endif
}

constexpr std::size_t body_slack = 16;

} // namespace

std::size_t fold_blanks(std::string_view text, char* out) noexcept {
    if (!text.empty()) {
        std::memcpy(out, text.data(), text.size());
    }
    return fold_in_place(out, text.size());
}

std::string fold_blanks(std::string_view text) {
    std::string out(text.size(), '\0');
    out.resize(fold_blanks(text, out.data()));
    return out;
}

identity_hasher::identity_hasher(sha256_engine engine)
    : prefix_state_(engine), body_(4096), second_body_(4096), engine_(engine) {}

void identity_hasher::start_account(std::string_view rib_key, std::string_view currency) {
    std::string prefix(identity_tag);
    const auto put_text = [&prefix](std::string_view text) {
        prefix.push_back(static_cast<char>((text.size() >> 8) & 0xFF));
        prefix.push_back(static_cast<char>(text.size() & 0xFF));
        prefix.append(text);
    };
    put_text(rib_key);
    put_text(currency);
    prefix.resize((prefix.size() + 63) / 64 * 64, '\0');
    prefix_state_ = sha256(engine_);
    prefix_state_.update(prefix);
}

namespace {

// Copies n (<= 255) bytes 16 at a time. Reads up to 15 bytes past src + n: the statement's texts live in a
// text_arena, whose blocks have a readable tail; the destination has body_slack bytes of room.
inline void copy_text(char* dst, const char* src, std::size_t n) noexcept {
#if defined(__SSE2__)
    for (std::size_t i = 0; i < n; i += 16) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i)));
    }
#else
    std::memcpy(dst, src, n);
#endif
}

} // namespace

namespace {

// The qualifier's code in the canonical content. These numbers are part of the identity format: never change
// them (a new kind gets a new number).
std::uint8_t identity_code(qualifier_kind kind) noexcept {
    switch (kind) {
    case qualifier_kind::free_label: return 1;
    case qualifier_kind::payer_name: return 2;
    case qualifier_kind::payer_id: return 3;
    case qualifier_kind::beneficiary_name: return 4;
    case qualifier_kind::beneficiary_id: return 5;
    case qualifier_kind::ultimate_debtor_name: return 6;
    case qualifier_kind::ultimate_debtor_id: return 7;
    case qualifier_kind::ultimate_creditor_name: return 8;
    case qualifier_kind::ultimate_creditor_id: return 9;
    case qualifier_kind::remittance_line1: return 10;
    case qualifier_kind::remittance_line2: return 11;
    case qualifier_kind::structured_remittance: return 12;
    case qualifier_kind::end_to_end: return 13;
    case qualifier_kind::payment_reference: return 14;
    case qualifier_kind::original_amount: return 15;
    case qualifier_kind::beneficiary_account: return 16;
    case qualifier_kind::mandate: return 17;
    case qualifier_kind::payer_account: return 18;
    case qualifier_kind::fee: return 19;
    case qualifier_kind::blank: return 20;
    case qualifier_kind::unknown: return 21;
    case qualifier_kind::legacy: return 22;
    }
    return 21;
}

} // namespace

template <bool texts_have_slack>
std::size_t identity_hasher::serialise(std::vector<char>& body, const movement& m, std::span<const complement> complements) {
    // Room for the worst case (folding never makes a text longer, each text is below 256 bytes), plus the
    // copy slack and the SHA-256 padding written in place by finish_two.
    const std::size_t bound = 32 + 2 * 256 + body_slack + 72 + complements.size() * (4 + 3 * 256);
    if (body.size() < bound) {
        body.resize(bound * 2);
    }
    char* w = body.data();
    const auto copy = [](char* dst, const char* src, std::size_t n) {
        if constexpr (texts_have_slack) {
            copy_text(dst, src, n);
        } else {
            std::memcpy(dst, src, n);
        }
    };
    // `fold`: 0 no, 1 yes, other: look.
    const auto put_folded = [&w, &copy](std::string_view text, unsigned fold) {
        const std::size_t n = std::min<std::size_t>(text.size(), 255);
        char* length = w++;
        std::size_t folded = 0;
        if (n != 0) {
            copy(w, text.data(), n);
            const bool needed = fold <= 1 ? fold == 1 : needs_folding_padded(w, n);
            folded = needed ? fold_in_place(w, n) : n;
        }
        *length = static_cast<char>(folded);
        w += folded;
    };
    const calendar_date date = m.booking_date;
    *w++ = static_cast<char>((date.year >> 8) & 0xFF);
    *w++ = static_cast<char>(date.year & 0xFF);
    *w++ = static_cast<char>(date.month);
    *w++ = static_cast<char>(date.day);
    // The amount as a zigzag varint: small amounts of either sign take few bytes.
    auto zigzag = (static_cast<std::uint64_t>(m.amount_minor) << 1) ^ static_cast<std::uint64_t>(m.amount_minor >> 63);
    while (zigzag >= 0x80) {
        *w++ = static_cast<char>((zigzag & 0x7F) | 0x80);
        zigzag >>= 7;
    }
    *w++ = static_cast<char>(zigzag);
    *w++ = static_cast<char>(m.decimals);
    {
        const std::size_t n = std::min<std::size_t>(m.entry_number.size(), 255);
        *w++ = static_cast<char>(n);
        if (n != 0) {
            copy(w, m.entry_number.data(), n);
        }
        w += n;
    }
    const unsigned label_fold = m.label_fold == complement::fold_unknown ? 2U : m.label_fold;
    put_folded(m.label, label_fold);
    *w++ = static_cast<char>((complements.size() >> 8) & 0xFF);
    *w++ = static_cast<char>(complements.size() & 0xFF);
    for (const complement& c : complements) {
        *w++ = static_cast<char>(identity_code(c.kind));
        if (c.kind == qualifier_kind::unknown) {
            const std::size_t q = std::min<std::size_t>(c.qualifier.size(), 255);
            *w++ = static_cast<char>(q);
            if (q != 0) {
                std::memcpy(w, c.qualifier.data(), q);
            }
            w += q;
        }
        const bool known = c.fold != complement::fold_unknown;
        put_folded(c.text, known ? (c.fold & 1U) : 2U);
        put_folded(c.second, known ? ((c.fold >> 1) & 1U) : 2U);
    }
    return static_cast<std::size_t>(w - body.data());
}

sha256_digest identity_hasher::digest(const movement& m, std::span<const complement> complements) {
    const std::size_t size = serialise<false>(body_, m, complements);
    sha256 h = prefix_state_;
    h.update(body_.data(), size);
    return h.finish();
}

void identity_hasher::digests_of_arena_texts(std::span<const movement> movements, std::span<const complement> all,
                                             sha256_digest* out) {
    const auto slice = [&all](const movement& m) { return all.subspan(m.first_complement, m.complement_count); };
    std::size_t i = 0;
    for (; i + 1 < movements.size(); i += 2) {
        const std::size_t a = serialise<true>(body_, movements[i], slice(movements[i]));
        const std::size_t b = serialise<true>(second_body_, movements[i + 1], slice(movements[i + 1]));
        prefix_state_.finish_two(reinterpret_cast<std::uint8_t*>(body_.data()), a,
                                 reinterpret_cast<std::uint8_t*>(second_body_.data()), b, out[i], out[i + 1]);
    }
    if (i < movements.size()) {
        const std::size_t a = serialise<true>(body_, movements[i], slice(movements[i]));
        sha256 h = prefix_state_;
        h.update(body_.data(), a);
        out[i] = h.finish();
    }
}

std::string identity_hasher::canonical_body(const movement& m, std::span<const complement> complements) {
    const std::size_t size = serialise<false>(body_, m, complements);
    return {body_.data(), size};
}

namespace {

constexpr std::array<char, 512> make_hex_pairs() {
    constexpr char hex[] = "0123456789abcdef";
    std::array<char, 512> pairs{};
    for (std::size_t b = 0; b < 256; ++b) {
        pairs[2 * b] = hex[b >> 4];
        pairs[2 * b + 1] = hex[b & 0x0F];
    }
    return pairs;
}
[[maybe_unused]] constexpr auto hex_pairs = make_hex_pairs();

} // namespace

std::size_t format_identity(const sha256_digest& digest, std::uint32_t occurrence, char* out) noexcept {
#if defined(__SSE2__)
    // 16 bytes to 32 hex digits at once: split the nibbles, interleave them, map 0-9 and a-f.
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(digest.data()));
    const __m128i low_mask = _mm_set1_epi8(0x0F);
    const __m128i high = _mm_and_si128(_mm_srli_epi16(bytes, 4), low_mask);
    const __m128i low = _mm_and_si128(bytes, low_mask);
    const auto to_hex_digits = [](__m128i nibbles) {
        const __m128i letters = _mm_and_si128(_mm_cmpgt_epi8(nibbles, _mm_set1_epi8(9)), _mm_set1_epi8('a' - '0' - 10));
        return _mm_add_epi8(_mm_add_epi8(nibbles, _mm_set1_epi8('0')), letters);
    };
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), to_hex_digits(_mm_unpacklo_epi8(high, low)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), to_hex_digits(_mm_unpackhi_epi8(high, low)));
#else
    for (std::size_t i = 0; i < identity_hex_chars / 2; ++i) {
        std::memcpy(out + 2 * i, hex_pairs.data() + 2 * digest[i], 2);
    }
#endif
    std::size_t n = identity_hex_chars;
    out[n++] = '-';
    if (occurrence < 10) {
        out[n++] = static_cast<char>('0' + occurrence);
        return n;
    }
    char digits[10];
    std::size_t count = 0;
    do {
        digits[count++] = static_cast<char>('0' + occurrence % 10);
        occurrence /= 10;
    } while (occurrence != 0);
    while (count > 0) {
        out[n++] = digits[--count];
    }
    return n;
}

std::string format_identity(const sha256_digest& digest, std::uint32_t occurrence) {
    char buffer[identity_hex_chars + 12];
    return {buffer, format_identity(digest, occurrence, buffer)};
}

} // namespace jd::statement
