#include "jedeclare/https_url.hpp"

#include "jedeclare/wire_error.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <cctype>
#include <charconv>

namespace jd::jedeclare {

std::string https_url::host_header() const
{
    const bool ipv6 = host.find(':') != std::string::npos;
    std::string out = ipv6 ? "[" + host + "]" : host;
    if (port != 443)
        out += ":" + std::to_string(port);
    return out;
}

std::string https_url::endpoint_key() const { return host + "|" + std::to_string(port); }

https_url parse_https_url(std::string_view text)
{
    const auto parsed = boost::urls::parse_absolute_uri(text);
    if (!parsed)
        throw wire_error(error_kind::configuration, "service URL is not a valid absolute URL");
    const boost::urls::url_view& url = *parsed;
    std::string scheme(url.scheme());
    for (char& c : scheme)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (scheme != "https")
        throw wire_error(error_kind::configuration, "service URL must use https");
    if (url.has_userinfo())
        throw wire_error(error_kind::configuration, "service URL must not carry credentials");
    https_url out;
    if (url.host_type() == boost::urls::host_type::ipv6)
        out.host = url.host_ipv6_address().to_string();
    else
        out.host = url.host();
    if (out.host.empty())
        throw wire_error(error_kind::configuration, "service URL has no host");
    if (url.has_port()) {
        const auto port_text = url.port();
        unsigned value = 0;
        const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
        if (error != std::errc{} || end != port_text.data() + port_text.size() || value == 0 || value > 65535)
            throw wire_error(error_kind::configuration, "service URL has an invalid port");
        out.port = static_cast<std::uint16_t>(value);
    }
    out.path = url.encoded_path();
    if (out.path.empty() || out.path.front() != '/')
        out.path.insert(out.path.begin(), '/');
    return out;
}

std::string encode_path_segment(std::string_view segment)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : segment) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 15];
        }
    }
    return out;
}

} // namespace jd::jedeclare
