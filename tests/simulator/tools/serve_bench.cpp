// jdsim-serve-bench: how fast the simulator lists and serves pieces (the figure a client benchmark
// depends on). Starts `jedeclare-sim serve` at the sync benchmark's scale, lists every piece of the main
// compte, then downloads them all over N keep-alive connections, and prints pieces/s and the simulator's
// CPU time per piece.
//
//   jdsim-serve-bench [--dossiers 1000] [--days 60] [--connections 8] [--mime autre|application/gzip]
//                     [--threads 2] [--limit N]
#include "jdsim/sim_process.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/x509v3.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

struct options {
    int dossiers = 1000, days = 60, connections = 8, threads = 2;
    std::size_t limit = 0;
    std::string mime = "autre";
};

std::string envelope(const std::string& op, const std::string& inner, const jdsim::sim_compte& c) {
    auto esc = [](const std::string& s) {
        std::string o;
        for (char ch : s) {
            if (ch == '&') o += "&amp;";
            else if (ch == '<') o += "&lt;";
            else if (ch == '>') o += "&gt;";
            else o += ch;
        }
        return o;
    };
    return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
           "xmlns:sch=\"http://experian.com/communicationV2/schemas\"><soapenv:Body><sch:" + op +
           "Request><sch:Authentification><sch:motDePasse>" + esc(c.password) + "</sch:motDePasse><sch:nom>" +
           esc(c.login) + "</sch:nom></sch:Authentification><sch:Identification><sch:editeur>bench</sch:editeur>"
           "<sch:logiciel>serve-bench</sch:logiciel><sch:version>1</sch:version></sch:Identification>" + inner +
           "</sch:" + op + "Request></soapenv:Body></soapenv:Envelope>";
}

// utime + stime of a process, in seconds.
double cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string all((std::istreambuf_iterator<char>(in)), {});
    const auto close = all.rfind(')');
    std::vector<std::string> fields;
    std::string cur;
    for (std::size_t i = close + 2; i < all.size(); ++i) {
        if (all[i] == ' ') {
            fields.push_back(cur);
            cur.clear();
        } else {
            cur += all[i];
        }
    }
    const double tick = static_cast<double>(::sysconf(_SC_CLK_TCK));
    return (std::stod(fields.at(11)) + std::stod(fields.at(12))) / tick;
}

class downloader : public std::enable_shared_from_this<downloader> {
  public:
    downloader(asio::io_context& ioc, asio::ssl::context& tls, unsigned short port, const std::vector<std::string>& bodies,
               std::size_t& next, std::size_t& done, std::uint64_t& bytes, std::size_t& errors)
        : stream_(ioc, tls), port_(port), bodies_(bodies), next_(next), done_(done), bytes_(bytes), errors_(errors) {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(stream_.native_handle()), "127.0.0.1");
    }

    void start() {
        auto self = shared_from_this();
        beast::get_lowest_layer(stream_).async_connect(
            asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), [self](beast::error_code ec) {
                if (ec) return self->fail(ec);
                self->stream_.async_handshake(asio::ssl::stream_base::client, [self](beast::error_code ec2) {
                    if (ec2) return self->fail(ec2);
                    self->next();
                });
            });
    }

  private:
    void next() {
        if (next_ >= bodies_.size()) return;
        req_ = {http::verb::post, "/webservices/wspid_spring/CommunicationV2Service/", 11};
        req_.set(http::field::host, "127.0.0.1");
        req_.set(http::field::content_type, "text/xml; charset=utf-8");
        req_.set("SOAPAction", "\"\"");
        req_.body() = bodies_[next_++];
        req_.prepare_payload();
        auto self = shared_from_this();
        http::async_write(stream_, req_, [self](beast::error_code ec, std::size_t) {
            if (ec) return self->fail(ec);
            self->parser_.emplace();
            self->parser_->body_limit(256 * 1024 * 1024);
            http::async_read(self->stream_, self->buffer_, *self->parser_, [self](beast::error_code ec2, std::size_t) {
                if (ec2) return self->fail(ec2);
                const auto& body = self->parser_->get().body();
                if (body.find("codeRetour>00<") == std::string::npos) ++self->errors_;
                self->bytes_ += body.size();
                ++self->done_;
                self->next();
            });
        });
    }

    void fail(beast::error_code ec) {
        ++errors_;
        std::cerr << "connection error: " << ec.message() << "\n";
    }

    beast::ssl_stream<beast::tcp_stream> stream_;
    unsigned short port_;
    const std::vector<std::string>& bodies_;
    std::size_t& next_;
    std::size_t& done_;
    std::uint64_t& bytes_;
    std::size_t& errors_;
    http::request<http::string_body> req_;
    std::optional<http::response_parser<http::string_body>> parser_;
    beast::flat_buffer buffer_;
};

}  // namespace

int main(int argc, char** argv) {
    options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--dossiers") o.dossiers = std::stoi(v);
        else if (k == "--days") o.days = std::stoi(v);
        else if (k == "--connections") o.connections = std::stoi(v);
        else if (k == "--threads") o.threads = std::stoi(v);
        else if (k == "--limit") o.limit = std::stoul(v);
        else if (k == "--mime") o.mime = v;
        else {
            std::cerr << "unknown option " << k << "\n";
            return 2;
        }
    }
    try {
        const auto t0 = std::chrono::steady_clock::now();
        jdsim::sim_process sim({"--seed", "1", "--dossiers", std::to_string(o.dossiers), "--days", std::to_string(o.days),
                                "--end-date", "2025-03-14", "--threads", std::to_string(o.threads)});
        const double start_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const auto& compte = sim.comptes[0];

        asio::io_context ioc;
        asio::ssl::context tls(asio::ssl::context::tls_client);
        tls.load_verify_file(sim.ca_file());
        tls.set_verify_mode(asio::ssl::verify_peer);

        // One list call: every piece of the main compte.
        const double cpu0 = cpu_seconds(sim.pid());
        auto l0 = std::chrono::steady_clock::now();
        const auto list = sim.request("POST", "/webservices/wspid_spring/CommunicationV2Service/",
                                      envelope("ListeDisponibiliteV2",
                                               "<sch:RequeteListe><sch:statutPiece>01</sch:statutPiece><sch:typeDeListe>03"
                                               "</sch:typeDeListe><sch:typeProcedure>RELEVE</sch:typeProcedure></sch:RequeteListe>",
                                               compte),
                                      {{"Content-Type", "text/xml; charset=utf-8"}});
        const double list_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - l0).count();
        std::vector<std::string> bodies;
        const std::string open_tag = "<ns2:numero>";
        for (std::size_t p = 0; (p = list.body.find(open_tag, p)) != std::string::npos;) {
            p += open_tag.size();
            const auto e = list.body.find('<', p);
            bodies.push_back(envelope("DemandeAccuse",
                                      "<sch:RequeteDemandePiece><sch:mimeTypeReponse>" + o.mime +
                                          "</sch:mimeTypeReponse><sch:numero>" + list.body.substr(p, e - p) +
                                          "</sch:numero><sch:typePiece>03</sch:typePiece></sch:RequeteDemandePiece>",
                                      compte));
            p = e;
        }
        if (o.limit && bodies.size() > o.limit) bodies.resize(o.limit);

        std::size_t next = 0, done = 0, errors = 0;
        std::uint64_t bytes = 0;
        const auto d0 = std::chrono::steady_clock::now();
        const double cpu1 = cpu_seconds(sim.pid());
        for (int c = 0; c < o.connections; ++c)
            std::make_shared<downloader>(ioc, tls, sim.port(), bodies, next, done, bytes, errors)->start();
        ioc.run();
        const double dl_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - d0).count();
        const double cpu2 = cpu_seconds(sim.pid());

        std::printf("simulator start (1000 dossiers plan + TLS): %.2f s\n", start_s);
        std::printf("list: %zu pieces in one call, %.1f KB, %.3f s\n", bodies.size(), static_cast<double>(list.body.size()) / 1024, list_s);
        std::printf("download (%s, %d connections, %d server threads): %zu pieces, %zu errors, %.1f MB of SOAP in %.2f s\n",
                    o.mime.c_str(), o.connections, o.threads, done, errors, static_cast<double>(bytes) / 1e6, dl_s);
        std::printf("  %.0f pieces/s, %.1f MB/s; simulator CPU %.2f s (%.0f us per piece; list %.2f s)\n",
                    static_cast<double>(done) / dl_s, static_cast<double>(bytes) / 1e6 / dl_s, cpu2 - cpu1,
                    (cpu2 - cpu1) / static_cast<double>(done ? done : 1) * 1e6, cpu1 - cpu0);
        std::printf("RESULT pieces_per_s=%.0f sim_cpu_us_per_piece=%.0f\n", static_cast<double>(done) / dl_s,
                    (cpu2 - cpu1) / static_cast<double>(done ? done : 1) * 1e6);
        return errors == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "jdsim-serve-bench: " << e.what() << "\n";
        return 1;
    }
}
