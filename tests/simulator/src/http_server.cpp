#include "jdsim/http_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/ssl.h>

#include <array>
#include <chrono>
#include <iostream>
#include <stdexcept>

namespace jdsim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

asio::ip::address loopback_address(const std::string& address) {
    boost::system::error_code ec;
    const auto a = asio::ip::make_address(address, ec);
    if (ec) throw std::invalid_argument("--bind: '" + address + "' is not an IP address");
    if (!a.is_loopback())
        throw std::invalid_argument("--bind: " + address + " is not a loopback address; the simulator only listens on loopback");
    return a;
}

void configure_tls(ssl::context& ctx, const tls_material& m) {
    ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                    ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use |
                    SSL_OP_NO_COMPRESSION);
    SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    ctx.use_certificate_chain_file(m.server_cert.string());
    ctx.use_private_key_file(m.server_key.string(), ssl::context::pem);
    static const unsigned char session_context[] = "jedeclare-sim";
    SSL_CTX_set_session_id_context(ctx.native_handle(), session_context, sizeof session_context - 1);
}

namespace {

std::string serialize_head(const http_answer& a, std::size_t body_size, bool keep_alive) {
    std::string h;
    h.reserve(256);
    h += "HTTP/1.1 ";
    h += std::to_string(a.status);
    h += ' ';
    h += std::string(http::obsolete_reason(static_cast<http::status>(a.status)));
    h += "\r\nServer: jedeclare-sim\r\nContent-Type: ";
    h += a.content_type;
    h += "\r\nContent-Length: ";
    h += std::to_string(body_size);
    h += "\r\n";
    for (const auto& [name, value] : a.headers) {
        h += name;
        h += ": ";
        h += value;
        h += "\r\n";
    }
    h += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    return h;
}

// A body that no XML parser accepts: the real answer cut in the middle of an element, then junk.
std::string break_xml(const std::string& body) {
    std::string b = body.substr(0, body.size() * 3 / 5);
    b += "<<ns2:codeRetour>00</ns2:code";
    return b;
}

}  // namespace

class session : public std::enable_shared_from_this<session> {
  public:
    session(tcp::socket socket, ssl::context& tls, simulator_app& app, const server_options& options)
        : stream_(std::move(socket), tls), timer_(stream_.get_executor()), app_(app), options_(options) {
        app_.stats().connection_opened();
    }
    ~session() { app_.stats().connection_closed(); }

    void run() {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->handshake(); });
    }

  private:
    void handshake() {
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(30));
        stream_.async_handshake(ssl::stream_base::server, [self = shared_from_this()](beast::error_code ec) {
            if (ec) {
                self->app_.stats().handshake_failed();
                return;
            }
            self->app_.stats().handshake_done();
            self->read();
        });
    }

    void read() {
        parser_.emplace();
        parser_->body_limit(options_.body_limit);
        parser_->header_limit(64 * 1024);
        beast::get_lowest_layer(stream_).expires_after(options_.idle_timeout);
        // The header first: a client sending "Expect: 100-continue" (curl does) waits for an interim answer
        // before sending its body.
        http::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->on_read(ec);
            if (beast::iequals(self->parser_->get()[http::field::expect], "100-continue")) {
                static constexpr std::string_view interim = "HTTP/1.1 100 Continue\r\n\r\n";
                asio::async_write(self->stream_, asio::buffer(interim.data(), interim.size()),
                                  [self](beast::error_code ec2, std::size_t) {
                                      if (ec2) return;
                                      self->read_body();
                                  });
                return;
            }
            self->read_body();
        });
    }

    void read_body() {
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(60));
        http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            self->on_read(ec);
        });
    }

    void on_read(beast::error_code ec) {
        if (ec == http::error::end_of_stream) return shutdown();
        if (ec) {
            if (ec == http::error::body_limit || ec == http::error::header_limit) {
                keep_alive_ = false;
                answer_ = text_answer(413, "Requête trop volumineuse");
                return send();
            }
            return;  // the client went away or sent garbage: drop the connection
        }
        auto req = parser_->release();
        keep_alive_ = req.keep_alive();
        started_ = std::chrono::steady_clock::now();
        in_.method = std::string(req.method_string());
        in_.target = std::string(req.target());
        in_.authorization = std::string(req[http::field::authorization]);
        in_.body = std::move(req.body());
        classified_ = app_.classify(in_);

        if (classified_.where == simulator_app::route::control) {
            answer_ = app_.answer(in_, classified_, std::nullopt);
            return send();
        }
        app_.stats().request(classified_.op);
        decision_ = app_.faults().decide(classified_.op);
        if (decision_.latency_ms > 0) {
            timer_.expires_after(std::chrono::milliseconds(decision_.latency_ms));
            timer_.async_wait([self = shared_from_this()](beast::error_code) { self->respond(); });
            return;
        }
        respond();
    }

    void respond() {
        const auto& outcome = decision_.outcome;
        const fault_type type = outcome ? outcome->type : fault_type::latency;
        const bool processed_first = outcome && outcome->after_processing;
        std::optional<fault_type> forced;
        if (outcome && (type == fault_type::code99 || type == fault_type::invalid_credentials)) forced = type;

        // Faults that replace the answer; unless asked otherwise they strike before the request takes effect.
        const bool replacing = outcome && (type == fault_type::hang || type == fault_type::reset ||
                                           type == fault_type::http_status || type == fault_type::too_many_requests ||
                                           type == fault_type::soap_fault);
        if (!replacing || processed_first) answer_ = app_.answer(in_, classified_, forced);

        if (outcome) {
            switch (type) {
                case fault_type::hang:
                    if (options_.log_requests) log_fault();
                    return hang();
                case fault_type::reset:
                    if (options_.log_requests) log_fault();
                    return reset();
                case fault_type::http_status:
                    answer_ = text_answer(static_cast<unsigned>(outcome->status), "Erreur simulée : service indisponible");
                    break;
                case fault_type::too_many_requests:
                    answer_ = text_answer(429, "Trop de requêtes, réessayer plus tard");
                    answer_.headers.emplace_back("Retry-After", std::to_string(outcome->retry_after));
                    break;
                case fault_type::soap_fault:
                    answer_ = soap_service::fault("Server", "Erreur technique simulée : le service CommunicationV2 a échoué");
                    break;
                case fault_type::malformed_xml:
                    answer_.body = break_xml(answer_.body);
                    break;
                case fault_type::truncate: truncate_ = true; break;
                default: break;
            }
        }
        send();
    }

    void send() {
        if (!answer_.return_code.empty()) app_.stats().return_code(answer_.return_code);
        app_.stats().http_status(answer_.status);
        if (options_.log_requests) log();
        head_ = serialize_head(answer_, answer_.body.size(), keep_alive_);
        sent_ = 0;
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(120));
        if (truncate_ || decision_.trickle_bytes_per_second > 0) {
            // Rare paths work on one contiguous copy of the response.
            wire_ = head_ + answer_.body;
            // truncate: announce the whole body, deliver half of it, then close without TLS shutdown.
            limit_ = truncate_ ? head_.size() + answer_.body.size() / 2 : wire_.size();
            if (decision_.trickle_bytes_per_second > 0) return trickle();
            asio::async_write(stream_, asio::buffer(wire_.data(), limit_),
                              [self = shared_from_this()](beast::error_code ec, std::size_t n) { self->on_written(ec, n); });
            return;
        }
        limit_ = head_.size() + answer_.body.size();
        // Head and body go out without being copied together. (A std::array of two buffers ended the
        // composed write after the first buffer on the TLS stream; a vector goes through the generic path.)
        parts_.assign({asio::buffer(head_), asio::buffer(answer_.body)});
        asio::async_write(stream_, parts_,
                          [self = shared_from_this()](beast::error_code ec, std::size_t n) { self->on_written(ec, n); });
    }

    void trickle() {
        if (sent_ >= limit_) return on_written({}, 0);
        // Ten slices per second.
        std::size_t slice = static_cast<std::size_t>(decision_.trickle_bytes_per_second) / 10;
        if (slice == 0) slice = 1;
        if (slice > limit_ - sent_) slice = limit_ - sent_;
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(60));
        asio::async_write(stream_, asio::buffer(wire_.data() + sent_, slice),
                          [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return;
                              self->sent_ += n;
                              if (self->sent_ >= self->limit_) return self->on_written({}, 0);
                              self->timer_.expires_after(std::chrono::milliseconds(100));
                              self->timer_.async_wait([self](beast::error_code) { self->trickle(); });
                          });
    }

    void on_written(beast::error_code ec, std::size_t n) {
        app_.stats().bytes_sent(n == 0 ? limit_ : n);
        if (ec) return;
        if (truncate_) return close_tcp();
        answer_ = {};
        in_ = {};
        decision_ = {};
        wire_.clear();
        if (!keep_alive_) return shutdown();
        read();
    }

    void hang() {
        // Answer nothing; the connection lives until the client closes it or the hang limit.
        beast::get_lowest_layer(stream_).expires_after(options_.hang_limit);
        stream_.async_read_some(asio::buffer(sink_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (!ec) self->hang();
        });
    }

    void reset() {
        beast::error_code ignored;
        auto& sock = beast::get_lowest_layer(stream_).socket();
        sock.set_option(asio::socket_base::linger(true, 0), ignored);
        sock.close(ignored);
    }

    void close_tcp() {
        beast::error_code ignored;
        beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
        beast::get_lowest_layer(stream_).socket().close(ignored);
    }

    void shutdown() {
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
        stream_.async_shutdown([self = shared_from_this()](beast::error_code) { self->close_tcp(); });
    }

    void log_fault() {
        std::cerr << "jedeclare-sim: " << in_.method << ' ' << in_.target.substr(0, in_.target.find('?')) << " ["
                  << to_string(classified_.op) << "] -> no answer, fault=" << to_string(decision_.outcome->type) << '\n';
    }

    void log() {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_).count();
        std::cerr << "jedeclare-sim: " << in_.method << ' ' << in_.target.substr(0, in_.target.find('?')) << " ["
                  << to_string(classified_.op) << "] -> " << answer_.status;
        if (!answer_.return_code.empty()) std::cerr << " codeRetour=" << answer_.return_code;
        if (decision_.outcome) std::cerr << " fault=" << to_string(decision_.outcome->type);
        std::cerr << ' ' << ms << " ms\n";
    }

    beast::ssl_stream<beast::tcp_stream> stream_;
    asio::steady_timer timer_;
    simulator_app& app_;
    server_options options_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    incoming_request in_;
    simulator_app::classified classified_;
    fault_decision decision_;
    http_answer answer_;
    std::string head_;
    std::vector<asio::const_buffer> parts_;
    std::string wire_;
    std::size_t sent_ = 0;
    std::size_t limit_ = 0;
    bool keep_alive_ = true;
    bool truncate_ = false;
    std::array<char, 512> sink_{};
    std::chrono::steady_clock::time_point started_;
};

struct http_server::impl : std::enable_shared_from_this<impl> {
    impl(asio::io_context& io, ssl::context& t, simulator_app& a, server_options o)
        : ioc(io), tls(t), app(a), options(std::move(o)), acceptor(asio::make_strand(io)) {}

    void accept() {
        acceptor.async_accept(asio::make_strand(ioc), [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
            if (ec) {
                if (ec == asio::error::operation_aborted || !self->acceptor.is_open()) return;
            } else {
                beast::error_code ignored;
                s.set_option(tcp::no_delay(true), ignored);
                std::make_shared<session>(std::move(s), self->tls, self->app, self->options)->run();
            }
            self->accept();
        });
    }

    asio::io_context& ioc;
    ssl::context& tls;
    simulator_app& app;
    server_options options;
    tcp::acceptor acceptor;
};

http_server::http_server(asio::io_context& ioc, ssl::context& tls, const asio::ip::address& bind, unsigned short port,
                         simulator_app& app, server_options options)
    : impl_(std::make_shared<impl>(ioc, tls, app, std::move(options))) {
    if (!bind.is_loopback()) throw std::invalid_argument("the simulator only listens on loopback addresses");
    const tcp::endpoint ep(bind, port);
    impl_->acceptor.open(ep.protocol());
    impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
    impl_->acceptor.bind(ep);
    impl_->acceptor.listen(asio::socket_base::max_listen_connections);
}

http_server::~http_server() = default;

unsigned short http_server::port() const { return impl_->acceptor.local_endpoint().port(); }

void http_server::start() { impl_->accept(); }

void http_server::stop() {
    asio::post(impl_->acceptor.get_executor(), [self = impl_] {
        beast::error_code ignored;
        self->acceptor.close(ignored);
    });
}

}  // namespace jdsim
