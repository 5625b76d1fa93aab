#include "jd/statement/identity.hpp"

#include "jd/statement/text.hpp"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace jd::statement {
namespace {

constexpr std::string_view identity_tag{"jd-cfonb120-movement-v1\0", 24};

constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\0'; }

// True when the text holds a tab or NUL, or two blanks in a row: then folding changes it.
bool needs_folding(const char* p, std::size_t n) noexcept {
    std::size_t i = 0;
    unsigned previous_blank = 0;
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i tab = _mm_set1_epi8('\t');
    const __m128i zero = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const auto other = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, zero))));
        const auto spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, space)));
        if ((other | (spaces & ((spaces << 1) | previous_blank))) != 0) {
            return true;
        }
        previous_blank = spaces >> 15;
    }
#endif
    for (; i < n; ++i) {
        const char c = p[i];
        if (c == '\t' || c == '\0') {
            return true;
        }
        const unsigned blank = c == ' ' ? 1U : 0U;
        if ((blank & previous_blank) != 0) {
            return true;
        }
        previous_blank = blank;
    }
    return false;
}

} // namespace

std::size_t fold_blanks(std::string_view text, char* out) noexcept {
    text = trim(text);
    if (!needs_folding(text.data(), text.size())) [[likely]] {
        if (!text.empty()) {
            std::memcpy(out, text.data(), text.size());
        }
        return text.size();
    }
    char* w = out;
    bool pending_space = false;
    for (const char c : text) {
        if (is_blank(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space) {
            *w++ = ' ';
            pending_space = false;
        }
        *w++ = c;
    }
    return static_cast<std::size_t>(w - out);
}

std::string fold_blanks(std::string_view text) {
    std::string out(text.size(), '\0');
    out.resize(fold_blanks(text, out.data()));
    return out;
}

identity_hasher::identity_hasher(sha256_engine engine) : prefix_state_(engine), body_(4096), engine_(engine) {}

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

void identity_hasher::serialise(const movement& m, std::span<const complement> complements) {
    // Room for the worst case: folding never makes a text longer, and each text is below 256 bytes.
    std::size_t bound = 32 + m.entry_number.size() + m.label.size();
    for (const complement& c : complements) {
        bound += 3 + c.qualifier.size() + c.text.size() + c.second.size();
    }
    if (body_.size() < bound) {
        body_.resize(bound * 2);
    }
    char* w = body_.data();
    const auto put_u8_text = [&w](std::string_view text, bool fold) {
        char* length = w++;
        const std::size_t n = std::min<std::size_t>(text.size(), 255);
        std::size_t written;
        if (fold) {
            written = fold_blanks(text.substr(0, n), w);
        } else {
            if (n != 0) {
                std::memcpy(w, text.data(), n);
            }
            written = n;
        }
        *length = static_cast<char>(written);
        w += written;
    };
    const calendar_date date = m.booking_date;
    *w++ = static_cast<char>((date.year >> 8) & 0xFF);
    *w++ = static_cast<char>(date.year & 0xFF);
    *w++ = static_cast<char>(date.month);
    *w++ = static_cast<char>(date.day);
    const auto amount = static_cast<std::uint64_t>(m.amount_minor);
    for (int shift = 56; shift >= 0; shift -= 8) {
        *w++ = static_cast<char>((amount >> shift) & 0xFF);
    }
    *w++ = static_cast<char>(m.decimals);
    put_u8_text(m.entry_number, false);
    put_u8_text(m.label, true);
    *w++ = static_cast<char>((complements.size() >> 8) & 0xFF);
    *w++ = static_cast<char>(complements.size() & 0xFF);
    for (const complement& c : complements) {
        put_u8_text(c.qualifier, false);
        put_u8_text(c.text, true);
        put_u8_text(c.second, true);
    }
    body_size_ = static_cast<std::size_t>(w - body_.data());
}

sha256_digest identity_hasher::digest(const movement& m, std::span<const complement> complements) {
    serialise(m, complements);
    sha256 h = prefix_state_;
    h.update(body_.data(), body_size_);
    return h.finish();
}

std::string identity_hasher::canonical_body(const movement& m, std::span<const complement> complements) {
    serialise(m, complements);
    return {body_.data(), body_size_};
}

std::size_t format_identity(const sha256_digest& digest, std::uint32_t occurrence, char* out) noexcept {
    static constexpr char hex[] = "0123456789abcdef";
    for (std::size_t i = 0; i < identity_hex_chars / 2; ++i) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0x0F];
    }
    std::size_t n = identity_hex_chars;
    out[n++] = '-';
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
