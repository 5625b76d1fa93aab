#include "text_rules.hpp"

#include "store/dossiers_and_ribs.hpp"
#include "store/error.hpp"
#include "store/time.hpp"

namespace jd::store::detail {
namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is invalid (RFC 3629: no overlongs,
// no surrogates, nothing above U+10FFFF). NUL counts as invalid here.
std::size_t valid_sequence_length(std::string_view text, std::size_t i) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead == 0) {
        return 0;
    }
    if (lead < 0x80) {
        return 1;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead == 0xE0) {
        length = 3;
        low = 0xA0;
    } else if (lead >= 0xE1 && lead <= 0xEC) {
        length = 3;
    } else if (lead == 0xED) {
        length = 3;
        high = 0x9F;
    } else if (lead >= 0xEE && lead <= 0xEF) {
        length = 3;
    } else if (lead == 0xF0) {
        length = 4;
        low = 0x90;
    } else if (lead >= 0xF1 && lead <= 0xF3) {
        length = 4;
    } else if (lead == 0xF4) {
        length = 4;
        high = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size()) {
        return 0;
    }
    if (byte(i + 1) < low || byte(i + 1) > high) {
        return 0;
    }
    for (std::size_t k = 2; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) {
            return 0;
        }
    }
    return length;
}

[[noreturn]] void refuse(std::string_view where, std::string_view field, const std::string& why) {
    std::string message(where);
    message += ": field ";
    message += field;
    message += ' ';
    message += why;
    throw store_error(error_code::invalid_argument, message);
}

} // namespace

std::optional<std::size_t> first_bad_byte(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size()) {
        // Fast path for ASCII, the common case.
        if (static_cast<unsigned char>(text[i]) - 1U < 0x7FU) {
            ++i;
            continue;
        }
        const std::size_t length = valid_sequence_length(text, i);
        if (length == 0) {
            return i;
        }
        i += length;
    }
    return std::nullopt;
}

void require_text(std::string_view text, std::string_view field, std::string_view where) {
    if (const auto bad = first_bad_byte(text)) {
        const bool nul = text[*bad] == '\0';
        refuse(where, field,
               (nul ? "contains a NUL byte at byte offset " : "is not valid UTF-8 at byte offset ") +
                   std::to_string(*bad));
    }
}

void require_nonempty_text(std::string_view text, std::string_view field, std::string_view where) {
    if (text.empty()) {
        refuse(where, field, "is empty");
    }
    require_text(text, field, where);
}

void require_date(std::string_view text, std::string_view field, std::string_view where, bool optional) {
    if (text.empty() && optional) {
        return;
    }
    if (!is_iso_date(text)) {
        require_text(text, field, where);
        refuse(where, field, "is not a date written YYYY-MM-DD: \"" + std::string(text.substr(0, 40)) + "\"");
    }
}

void require_rib_key(std::string_view text, std::string_view where) {
    if (!is_rib_key(text)) {
        require_text(text, "rib_key", where);
        refuse(where, "rib_key",
               "is not a RIB key (21 characters: bank 5 + guichet 5 + account 11, digits or capital letters): \"" +
                   std::string(text.substr(0, 40)) + "\"");
    }
}

std::string repaired_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t length = valid_sequence_length(text, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

} // namespace jd::store::detail

namespace jd::store::detail {

std::string shown(std::string_view value) {
    constexpr std::size_t limit = 80;
    std::string cut(value.substr(0, limit));
    // Do not end inside a UTF-8 sequence: drop trailing continuation bytes and their lead.
    if (value.size() > limit) {
        while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0U) == 0x80U) {
            cut.pop_back();
        }
        if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0U) {
            cut.pop_back();
        }
    }
    std::string out = "\"" + repaired_text(cut);
    out += value.size() > limit ? "…\"" : "\"";
    return out;
}

} // namespace jd::store::detail
