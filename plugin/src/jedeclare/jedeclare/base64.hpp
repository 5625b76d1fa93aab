#pragma once

#include <string>
#include <string_view>

namespace jd::jedeclare {

std::string base64_encode(std::string_view bytes);

// Standard alphabet, '=' padding optional, whitespace (line breaks of XML text) skipped.
// Throws wire_error(malformed_response) on any other character or a dangling single character.
std::string base64_decode(std::string_view text);

} // namespace jd::jedeclare
