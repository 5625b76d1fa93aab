#pragma once
// gzip streams (RFC 1952) with zlib, for pieces asked as application/gzip.
#include <optional>
#include <string>
#include <string_view>

namespace jdsim {

// level: 0 (stored, no compression) .. 9 (smallest).
std::string gzip_compress(std::string_view bytes, int level = 1);
// nullopt when `bytes` is not a complete gzip stream.
std::optional<std::string> gzip_decompress(std::string_view bytes);

}  // namespace jdsim
