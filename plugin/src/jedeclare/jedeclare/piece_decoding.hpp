#pragma once

#include "jedeclare/downloaded_piece.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jd::jedeclare {

// Content is recognised by its magic bytes, never by the declared content type.
bool looks_gzip(std::string_view bytes) noexcept; // 1f 8b
bool looks_zip(std::string_view bytes) noexcept;  // "PK\x03\x04" (or an empty archive "PK\x05\x06")

// Inflates a gzip stream (several concatenated members are joined). Throws wire_error(malformed_response) on
// corrupt or truncated data, or when the output would exceed max_output bytes.
std::string gunzip(std::string_view bytes, std::size_t max_output);

// Every file of a zip archive (directories skipped), by member name. Same errors as gunzip.
std::vector<piece_file> unzip(std::string_view bytes, std::size_t max_output);

struct decoded_content {
    piece_encoding encoding = piece_encoding::plain;
    std::vector<piece_file> files;
};

// gzip → inflate; zip (also inside gzip) → its members; otherwise the bytes themselves, named default_name.
decoded_content decode_piece_content(std::string_view raw, const std::string& default_name, std::size_t max_output);

} // namespace jd::jedeclare
