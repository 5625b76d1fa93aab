#pragma once
// Strict UTF-8 decoding by hand: company names come from two remote systems and may hold anything.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace jd::admin::utf8 {

// One step of decoding. `length` is always >= 1 so a caller can never loop forever; on an invalid
// sequence it covers the maximal ill-formed prefix (Unicode's "maximal subpart" practice).
struct decoded {
    char32_t code_point = 0;
    std::size_t length = 1;
    bool valid = false;
};

// Decodes the sequence starting at byte `at` (which must be < text.size()). Rejects overlong forms,
// surrogates and code points above U+10FFFF.
decoded decode_at(std::string_view text, std::size_t at);

// Byte offset of the first invalid sequence, or nothing when the whole text is valid UTF-8.
std::optional<std::size_t> first_invalid_offset(std::string_view text);

inline bool is_valid(std::string_view text) { return !first_invalid_offset(text).has_value(); }

// Appends the UTF-8 encoding of a code point (which must be a valid scalar value).
void append(std::string& out, char32_t code_point);

// A valid UTF-8 copy: every ill-formed sequence becomes U+FFFD. Used where the output must stay valid
// (JSON); nothing else is changed, nothing is cut.
std::string make_valid(std::string_view text);

} // namespace jd::admin::utf8
