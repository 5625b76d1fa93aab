#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace jd::jedeclare {

// An https:// base URL split into what the connection and the request need.
struct https_url {
    std::string host;       // name or address, without brackets
    std::uint16_t port = 443;
    std::string path;       // always starts with '/'

    std::string host_header() const;  // "host" or "host:port", IPv6 in brackets
    std::string endpoint_key() const; // "host:port", identifies a pool of connections
};

// Only https is accepted: credentials never travel in clear. Throws wire_error(configuration).
https_url parse_https_url(std::string_view text);

// Percent-encodes one path segment (a dossier id from the server must not change the path).
std::string encode_path_segment(std::string_view segment);

} // namespace jd::jedeclare
