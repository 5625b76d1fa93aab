#pragma once
// HTTPS server (TLS 1.2+, keep-alive, loopback only) that feeds requests to the simulator and applies faults.
#include "jdsim/simulator_app.hpp"
#include "jdsim/tls_ca.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace jdsim {

struct server_options {
    std::chrono::seconds idle_timeout{120};  // a keep-alive connection with no request is closed after this
    std::chrono::seconds hang_limit{600};    // a "hang" fault holds the connection at most this long
    std::size_t body_limit = 16 * 1024 * 1024;
    bool log_requests = false;
};

// Throws std::invalid_argument when `address` is not a loopback address.
boost::asio::ip::address loopback_address(const std::string& address);

void configure_tls(boost::asio::ssl::context& ctx, const tls_material& material);

class http_server {
  public:
    http_server(boost::asio::io_context& ioc, boost::asio::ssl::context& tls, const boost::asio::ip::address& bind,
                unsigned short port, simulator_app& app, server_options options);
    ~http_server();
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    unsigned short port() const;
    void start();
    void stop();

  private:
    struct impl;
    std::shared_ptr<impl> impl_;
};

}  // namespace jdsim
