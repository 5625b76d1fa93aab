#pragma once

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/verify_context.hpp>

#include <memory>
#include <string>

namespace jd::jedeclare {

// TLS 1.2 or later, peer verification on, trust from `ca_file` (PEM) or the system store when it is empty.
// Throws wire_error(configuration) when the CA file cannot be used.
std::shared_ptr<boost::asio::ssl::context> make_tls_context(const std::string& ca_file);

// Chain verification + host name check (boost::asio::ssl::host_name_verification). A name mismatch is recorded
// as X509_V_ERR_HOSTNAME_MISMATCH / IP_ADDRESS_MISMATCH so that the error can say what was wrong.
class verify_host_name {
public:
    explicit verify_host_name(std::string host) : host_(std::move(host)) {}
    bool operator()(bool preverified, boost::asio::ssl::verify_context& context) const;

private:
    std::string host_;
};

bool is_ip_literal(const std::string& host);

} // namespace jd::jedeclare
