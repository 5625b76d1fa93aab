#include "admin/name_normaliser.hpp"

#include "admin/legal_forms.hpp"
#include "admin/utf8.hpp"

#include <algorithm>

namespace jd::admin {

namespace {

// What one code point becomes in the key. `visible` tells whether it makes the name non-blank.
struct mapping {
    std::string_view text;
    bool visible = true;
};

constexpr std::string_view latin1_letters[64] = {
    // U+00C0 … U+00FF
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    "D", "N", "O", "O", "O", "O", "O", " ", "O", "U", "U", "U", "U", "Y", "TH", "SS",
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    "D", "N", "O", "O", "O", "O", "O", " ", "O", "U", "U", "U", "U", "Y", "TH", "Y",
};

struct fold_range {
    char32_t first;
    char32_t last;
    std::string_view text;
};

constexpr fold_range latin_extended_a[] = {
    {0x0100, 0x0105, "A"}, {0x0106, 0x010D, "C"}, {0x010E, 0x0111, "D"}, {0x0112, 0x011B, "E"},
    {0x011C, 0x0123, "G"}, {0x0124, 0x0127, "H"}, {0x0128, 0x0131, "I"}, {0x0132, 0x0133, "IJ"},
    {0x0134, 0x0135, "J"}, {0x0136, 0x0138, "K"}, {0x0139, 0x0142, "L"}, {0x0143, 0x014B, "N"},
    {0x014C, 0x0151, "O"}, {0x0152, 0x0153, "OE"}, {0x0154, 0x0159, "R"}, {0x015A, 0x0161, "S"},
    {0x0162, 0x0167, "T"}, {0x0168, 0x0173, "U"}, {0x0174, 0x0175, "W"}, {0x0176, 0x0178, "Y"},
    {0x0179, 0x017E, "Z"}, {0x017F, 0x017F, "S"},
};

constexpr std::string_view ascii_upper[26] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M",
                                              "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z"};
constexpr std::string_view ascii_digits[10] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

constexpr mapping space{" ", true};
constexpr mapping invisible_space{" ", false};
constexpr mapping vanish{"", false};
constexpr mapping keep{"", true}; // sentinel: copy the code point itself

mapping map_ascii(char32_t c) {
    if (c >= 'a' && c <= 'z') {
        return {ascii_upper[c - 'a'], true};
    }
    if (c >= 'A' && c <= 'Z') {
        return {ascii_upper[c - 'A'], true};
    }
    if (c >= '0' && c <= '9') {
        return {ascii_digits[c - '0'], true};
    }
    if (c == '&') {
        return {" ET ", true};
    }
    if (c == '.') {
        return {".", true}; // kept for the dotted-abbreviation step, then a separator
    }
    if (c == ' ' || c < 0x20 || c == 0x7F) {
        return invisible_space;
    }
    return space;
}

mapping map_code_point(char32_t c) {
    if (c < 0x80) {
        return map_ascii(c);
    }
    if (c < 0xA0) {
        return invisible_space; // C1 controls
    }
    if (c < 0xC0) {
        switch (c) {
        case 0xA0: return invisible_space; // no-break space
        case 0xAD: return vanish;          // soft hyphen
        case 0xB2: return {"2", true};
        case 0xB3: return {"3", true};
        case 0xB9: return {"1", true};
        case 0xB5: return {"MU", true};
        default: return space; // ¡ ¢ £ « » ° ª º …: punctuation and symbols
        }
    }
    if (c < 0x100) {
        return {latin1_letters[c - 0xC0], true};
    }
    if (c < 0x180) {
        for (const fold_range& range : latin_extended_a) {
            if (c >= range.first && c <= range.last) {
                return {range.text, true};
            }
        }
    }
    if (c >= 0x02B0 && c <= 0x02FF) {
        return space; // modifier letters: ʼ (U+02BC) is a common apostrophe
    }
    if (c >= 0x0300 && c <= 0x036F) {
        return vanish; // combining accents of decomposed (NFD) text
    }
    if (c == 0x1E9E) {
        return {"SS", true}; // capital sharp s
    }
    if (c >= 0x2000 && c <= 0x206F) {
        if (c <= 0x200A || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F) {
            return invisible_space;
        }
        if ((c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || c >= 0x2060) {
            return vanish; // zero-width characters, direction marks and embeddings
        }
        return space; // dashes, quotes (U+2019 included), bullets, ellipsis…
    }
    if (c >= 0x20A0 && c <= 0x20CF) {
        return space; // currency signs
    }
    if (c == 0x2116) {
        return {"N", true}; // numero sign
    }
    if (c == 0x2212) {
        return space; // minus sign
    }
    if (c == 0x3000) {
        return invisible_space;
    }
    if ((c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF) {
        return vanish; // variation selectors, byte-order mark
    }
    if (c >= 0xFF01 && c <= 0xFF5E) {
        return map_ascii(c - 0xFEE0); // full-width ASCII
    }
    return keep;
}

bool is_single_ascii_letter(std::string_view part) {
    return part.size() == 1 && part[0] >= 'A' && part[0] <= 'Z';
}

// Splits the mapped text into words; dots join single-letter abbreviations and otherwise separate.
std::vector<std::string> split_words(std::string_view mapped) {
    std::vector<std::string> words;
    std::size_t at = 0;
    while (at < mapped.size()) {
        while (at < mapped.size() && mapped[at] == ' ') {
            ++at;
        }
        const std::size_t start = at;
        while (at < mapped.size() && mapped[at] != ' ') {
            ++at;
        }
        if (start == at) {
            break;
        }
        const std::string_view raw_word = mapped.substr(start, at - start);
        std::vector<std::string_view> parts;
        std::size_t part_start = 0;
        while (part_start <= raw_word.size()) {
            const std::size_t dot = raw_word.find('.', part_start);
            const std::size_t part_end = dot == std::string_view::npos ? raw_word.size() : dot;
            if (part_end > part_start) {
                parts.push_back(raw_word.substr(part_start, part_end - part_start));
            }
            if (dot == std::string_view::npos) {
                break;
            }
            part_start = dot + 1;
        }
        const bool abbreviation = parts.size() >= 2 && raw_word.find('.') != std::string_view::npos &&
                                  std::all_of(parts.begin(), parts.end(), is_single_ascii_letter);
        if (abbreviation) {
            std::string joined;
            for (std::string_view part : parts) {
                joined.append(part);
            }
            words.push_back(std::move(joined));
        } else {
            for (std::string_view part : parts) {
                words.emplace_back(part);
            }
        }
    }
    return words;
}

bool has_digit(std::string_view word) {
    return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Index where a trailing capital clause starts, or words.size() when there is none. The clause must
// follow the name ("CAPITAL 2000" alone, or "FINANCE CAPITAL 2000", is a name, not a clause): it is
// "AU/A CAPITAL …" or "CAPITAL DE/SOCIAL …" followed by an amount or by VARIABLE.
std::size_t capital_clause_start(const std::vector<std::string>& words) {
    for (std::size_t k = 1; k < words.size(); ++k) {
        if (words[k] != "CAPITAL") {
            continue;
        }
        const bool after_au = words[k - 1] == "AU" || words[k - 1] == "A";
        const bool before_de = k + 1 < words.size() && (words[k + 1] == "DE" || words[k + 1] == "SOCIAL");
        if (!after_au && !before_de) {
            continue;
        }
        const bool amount_follows = std::any_of(words.begin() + static_cast<std::ptrdiff_t>(k) + 1, words.end(),
                                                [](const std::string& w) { return has_digit(w) || w == "VARIABLE"; });
        if (!amount_follows) {
            continue;
        }
        return after_au && k >= 2 ? k - 1 : k;
    }
    return words.size();
}

bool phrase_at(const std::vector<std::string>& words, std::size_t at, const legal_form_phrase& phrase) {
    for (std::size_t i = 0; i < phrase.tokens.size(); ++i) {
        if (words[at + i] != phrase.tokens[i]) {
            return false;
        }
    }
    return true;
}

std::string join(const std::vector<std::string>& words, std::size_t begin, std::size_t end) {
    std::string out;
    for (std::size_t i = begin; i < end; ++i) {
        if (!out.empty()) {
            out.push_back(' ');
        }
        out.append(words[i]);
    }
    return out;
}

} // namespace

normalised_name normalise_company_name(std::string_view raw) {
    normalised_name result;
    if (const auto bad = utf8::first_invalid_offset(raw)) {
        result.valid_utf8 = false;
        result.invalid_utf8_offset = *bad;
        result.blank = false;
        return result;
    }

    std::string mapped;
    mapped.reserve(raw.size() + 8);
    std::size_t at = 0;
    while (at < raw.size()) {
        const utf8::decoded step = utf8::decode_at(raw, at);
        const mapping m = map_code_point(step.code_point);
        if (m.visible) {
            result.blank = false;
        }
        if (m.visible && m.text.empty()) {
            mapped.append(raw.substr(at, step.length)); // another script or a symbol: kept as it is
        } else {
            mapped.append(m.text);
        }
        at += step.length;
    }

    std::vector<std::string> words = split_words(mapped);
    result.folded = join(words, 0, words.size());

    std::size_t begin = 0;
    std::size_t end = capital_clause_start(words);
    const auto phrases = legal_form_phrases();
    bool progress = true;
    while (progress) {
        progress = false;
        for (const legal_form_phrase& phrase : phrases) {
            if (end - begin > phrase.tokens.size() && phrase_at(words, begin, phrase)) {
                result.legal_families |= phrase.family;
                result.legal_forms.push_back(phrase.canonical);
                begin += phrase.tokens.size();
                progress = true;
                break;
            }
        }
        for (const legal_form_phrase& phrase : phrases) {
            if (end - begin > phrase.tokens.size() && phrase_at(words, end - phrase.tokens.size(), phrase)) {
                result.legal_families |= phrase.family;
                result.legal_forms.push_back(phrase.canonical);
                end -= phrase.tokens.size();
                progress = true;
                break;
            }
        }
    }
    result.core = join(words, begin, end);
    return result;
}

bool same_normalised_name(const normalised_name& a, const normalised_name& b) {
    return a.valid_utf8 && b.valid_utf8 && !a.core.empty() && a.core == b.core &&
           legal_forms_compatible(a.legal_families, b.legal_families);
}

} // namespace jd::admin
