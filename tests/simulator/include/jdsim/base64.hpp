#pragma once
// Standard base64 (RFC 4648, with padding), as carried by pieceJointe and HTTP Basic.
#include <optional>
#include <string>
#include <string_view>

namespace jdsim {

void base64_append(std::string& out, std::string_view bytes);
std::string base64_encode(std::string_view bytes);
// Whitespace is skipped; nullopt on any other invalid character.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace jdsim
