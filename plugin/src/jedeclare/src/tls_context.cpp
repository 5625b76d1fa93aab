#include "tls_context.hpp"

#include "jedeclare/wire_error.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

namespace jd::jedeclare {

std::shared_ptr<boost::asio::ssl::context> make_tls_context(const std::string& ca_file)
{
    namespace ssl = boost::asio::ssl;
    auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                         ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
    context->set_verify_mode(ssl::verify_peer);
    boost::system::error_code ec;
    if (ca_file.empty()) {
        context->set_default_verify_paths(ec);
        if (ec)
            throw wire_error(error_kind::configuration, "the system certificate store cannot be loaded");
    } else {
        context->load_verify_file(ca_file, ec);
        if (ec)
            throw wire_error(error_kind::configuration, "CA file cannot be loaded: " + ca_file);
    }
    return context;
}

bool verify_host_name::operator()(bool preverified, boost::asio::ssl::verify_context& context) const
{
    const bool ok = boost::asio::ssl::host_name_verification(host_)(preverified, context);
    if (preverified && !ok)
        X509_STORE_CTX_set_error(context.native_handle(),
                                 is_ip_literal(host_) ? X509_V_ERR_IP_ADDRESS_MISMATCH : X509_V_ERR_HOSTNAME_MISMATCH);
    return ok;
}

bool is_ip_literal(const std::string& host)
{
    boost::system::error_code ec;
    boost::asio::ip::make_address(host, ec);
    return !ec;
}

} // namespace jd::jedeclare
