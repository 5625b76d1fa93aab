#include "jd/statement/identity.hpp"

#include <cstring>

namespace jd::statement {
namespace {

constexpr std::string_view identity_tag{"jd-cfonb120-movement-v1\0", 24};

void put_u16(std::string& out, std::size_t value) {
    out.push_back(static_cast<char>((value >> 8) & 0xFF));
    out.push_back(static_cast<char>(value & 0xFF));
}

void put_text(std::string& out, std::string_view text) {
    put_u16(out, text.size());
    out.append(text);
}

// Appends the folded text prefixed with its length.
void put_folded(std::string& out, std::string_view text) {
    const std::size_t at = out.size();
    put_u16(out, 0);
    append_folded(out, text);
    const std::size_t size = out.size() - at - 2;
    out[at] = static_cast<char>((size >> 8) & 0xFF);
    out[at + 1] = static_cast<char>(size & 0xFF);
}

constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\0'; }

} // namespace

void append_folded(std::string& out, std::string_view text) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n && is_blank(text[i])) {
        ++i;
    }
    bool pending_space = false;
    while (i < n) {
        // Copy a run of non-blank characters at once.
        std::size_t j = i;
        while (j < n && !is_blank(text[j])) {
            ++j;
        }
        if (pending_space) {
            out.push_back(' ');
        }
        out.append(text.data() + i, j - i);
        while (j < n && is_blank(text[j])) {
            ++j;
        }
        pending_space = true;
        i = j;
    }
}

identity_hasher::identity_hasher(sha256_engine engine) : prefix_state_(engine), engine_(engine) {
    body_.reserve(1024);
}

void identity_hasher::start_account(std::string_view rib_key, std::string_view currency) {
    std::string prefix(identity_tag);
    put_text(prefix, rib_key);
    put_text(prefix, currency);
    prefix.resize((prefix.size() + 63) / 64 * 64, '\0');
    prefix_state_ = sha256(engine_);
    prefix_state_.update(prefix);
}

void identity_hasher::serialise(const movement& m, std::span<const complement> complements) {
    body_.clear();
    const calendar_date date = m.booking_date;
    body_.push_back(static_cast<char>((date.year >> 8) & 0xFF));
    body_.push_back(static_cast<char>(date.year & 0xFF));
    body_.push_back(static_cast<char>(date.month));
    body_.push_back(static_cast<char>(date.day));
    const auto amount = static_cast<std::uint64_t>(m.amount_minor);
    for (int shift = 56; shift >= 0; shift -= 8) {
        body_.push_back(static_cast<char>((amount >> shift) & 0xFF));
    }
    body_.push_back(static_cast<char>(m.decimals));
    put_text(body_, m.entry_number);
    put_folded(body_, m.label);
    put_u16(body_, complements.size());
    for (const complement& c : complements) {
        put_text(body_, c.qualifier);
        put_folded(body_, c.raw);
    }
}

sha256_digest identity_hasher::digest(const movement& m, std::span<const complement> complements) {
    serialise(m, complements);
    sha256 h = prefix_state_;
    h.update(body_);
    return h.finish();
}

std::string identity_hasher::canonical_body(const movement& m, std::span<const complement> complements) {
    serialise(m, complements);
    return body_;
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
