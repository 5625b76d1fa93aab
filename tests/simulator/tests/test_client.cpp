#include "test_client.hpp"

#include "jdsim/base64.hpp"

#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/SAXParser.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <stdexcept>

namespace jdsim_test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct https_client::impl {
    impl(unsigned short p, std::string ca, std::chrono::milliseconds t)
        : port(p), ca_file(std::move(ca)), timeout(t), tls(asio::ssl::context::tls_client) {
        tls.load_verify_file(ca_file);
        tls.set_verify_mode(asio::ssl::verify_peer);
    }
    unsigned short port;
    std::string ca_file;
    std::chrono::milliseconds timeout;
    asio::io_context ioc;
    asio::ssl::context tls;
    std::optional<beast::ssl_stream<beast::tcp_stream>> stream;
    beast::flat_buffer buffer;
};

https_client::https_client(unsigned short port, std::string ca_file, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<impl>(port, std::move(ca_file), timeout)) {}

https_client::~https_client() = default;

void https_client::close() {
    if (impl_->stream) {
        beast::error_code ignored;
        beast::get_lowest_layer(*impl_->stream).socket().close(ignored);
    }
    impl_->stream.reset();
    impl_->buffer.clear();
}

namespace {

// Runs one asynchronous operation to completion: beast::tcp_stream timeouts only apply to asynchronous
// operations, and a test must never wait for ever on a hanging server.
template <typename Start>
beast::error_code run_one(asio::io_context& ioc, Start start) {
    beast::error_code result;
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
}

}  // namespace

attempt https_client::try_request(const std::string& method, const std::string& target, const std::string& body,
                                  const std::map<std::string, std::string>& headers, std::chrono::milliseconds timeout) {
    attempt a;
    const auto start = std::chrono::steady_clock::now();
    auto finish = [&](outcome o, beast::error_code ec) {
        a.result = o;
        a.error = ec;
        a.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        if (o != outcome::answered) close();
        return a;
    };
    auto& ioc = impl_->ioc;
    beast::error_code ec;
    if (!impl_->stream) {
        if (max_tls_) SSL_CTX_set_max_proto_version(impl_->tls.native_handle(), max_tls_);
        impl_->stream.emplace(ioc, impl_->tls);
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(impl_->stream->native_handle()), "127.0.0.1");
        auto& tcp = beast::get_lowest_layer(*impl_->stream);
        tcp.expires_after(timeout);
        const asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), impl_->port);
        ec = run_one(ioc, [&](auto handler) { tcp.async_connect(ep, handler); });
        if (ec) return finish(outcome::connection_closed, ec);
        ec = run_one(ioc, [&](auto handler) { impl_->stream->async_handshake(asio::ssl::stream_base::client, handler); });
        if (ec) return finish(outcome::connection_closed, ec);
        ++handshakes_;
    }
    http::request<http::string_body> req(http::string_to_verb(method), target, 11);
    req.set(http::field::host, "127.0.0.1:" + std::to_string(impl_->port));
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    req.keep_alive(true);
    beast::get_lowest_layer(*impl_->stream).expires_after(timeout);
    ec = run_one(ioc, [&](auto handler) { http::async_write(*impl_->stream, req, handler); });
    if (ec) return finish(outcome::connection_closed, ec);
    std::optional<http::response_parser<http::string_body>> parser;
    do {
        // Interim answers ("100 Continue") are skipped: the real one follows.
        parser.emplace();
        parser->body_limit(512 * 1024 * 1024);
        ec = run_one(ioc, [&](auto handler) { http::async_read(*impl_->stream, impl_->buffer, *parser, handler); });
    } while (!ec && parser->get().result_int() / 100 == 1);
    if (ec == beast::error::timeout) return finish(outcome::timed_out, ec);
    if (ec == http::error::partial_message || (ec && parser->is_header_done())) return finish(outcome::partial_body, ec);
    if (ec) return finish(outcome::connection_closed, ec);
    auto& res = parser->get();
    a.r.status = res.result_int();
    for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        a.r.headers[name] = std::string(f.value());
    }
    a.r.body = std::move(res.body());
    if (!res.keep_alive()) close();
    return finish(outcome::answered, {});
}

reply https_client::request(const std::string& method, const std::string& target, const std::string& body,
                            const std::map<std::string, std::string>& headers) {
    attempt a = try_request(method, target, body, headers, impl_->timeout);
    if (a.result != outcome::answered) {
        // A kept-alive connection may have been closed by the server meanwhile: one fresh attempt.
        a = try_request(method, target, body, headers, impl_->timeout);
        if (a.result != outcome::answered)
            throw std::runtime_error("no answer to " + method + " " + target + ": " + a.error.message());
    }
    return a.r;
}

reply https_client::soap(const std::string& envelope, const std::string& target) {
    return request("POST", target, envelope, {{"Content-Type", "text/xml; charset=utf-8"}, {"SOAPAction", "\"\""}});
}

std::string escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {

std::string head(const std::string& op, const std::string& login, const std::string& password, const std::string& editeur,
                 const std::string& logiciel, const std::string& version) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
           "xmlns:sch=\"http://experian.com/communicationV2/schemas\">\n<soapenv:Header/>\n<soapenv:Body><sch:" +
           op + "Request><sch:Authentification><sch:motDePasse>" + escape(password) + "</sch:motDePasse><sch:nom>" +
           escape(login) + "</sch:nom></sch:Authentification><sch:Identification><sch:editeur>" + escape(editeur) +
           "</sch:editeur><sch:logiciel>" + escape(logiciel) + "</sch:logiciel><sch:version>" + escape(version) +
           "</sch:version></sch:Identification>";
}

void field(std::string& out, const char* name, const std::optional<std::string>& v) {
    if (!v) return;
    out += std::string("<sch:") + name + ">" + escape(*v) + "</sch:" + name + ">";
}

}  // namespace

std::string list_envelope(const list_request& r) {
    std::string s = head("ListeDisponibiliteV2", r.login, r.password, r.editeur, r.logiciel, r.version);
    s += "<sch:RequeteListe>";
    field(s, "dateDebut", r.date_debut);
    field(s, "dateFin", r.date_fin);
    field(s, "statutPiece", r.statut_piece);
    field(s, "typeDeListe", r.type_de_liste);
    field(s, "typeProcedure", r.type_procedure);
    field(s, "identifiantDossier", r.identifiant_dossier);
    s += "</sch:RequeteListe></sch:ListeDisponibiliteV2Request></soapenv:Body>\n</soapenv:Envelope>";
    return s;
}

std::string download_envelope(const download_request& r) {
    std::string s = head("DemandeAccuse", r.login, r.password, r.editeur, r.logiciel, r.version);
    s += "<sch:RequeteDemandePiece>";
    field(s, "mimeTypeReponse", r.mime);
    field(s, "numero", r.numero);
    field(s, "typePiece", r.type_piece);
    s += "</sch:RequeteDemandePiece></sch:DemandeAccuseRequest></soapenv:Body>\n</soapenv:Envelope>";
    return s;
}

namespace {

std::string unescape(std::string s) {
    const std::pair<const char*, const char*> entities[] = {{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities) {
        std::size_t p = 0;
        while ((p = s.find(from, p)) != std::string::npos) {
            s.replace(p, std::string_view(from).size(), to);
            p += std::string_view(to).size();
        }
    }
    return s;
}

// Finds the next element named `local` (any prefix) from `from`; returns [content begin, content end).
std::optional<std::pair<std::size_t, std::size_t>> find_element(const std::string& xml, std::string_view local, std::size_t from) {
    std::size_t p = from;
    while ((p = xml.find('<', p)) != std::string::npos) {
        std::size_t q = p + 1;
        if (q < xml.size() && (xml[q] == '/' || xml[q] == '?' || xml[q] == '!')) {
            p = q;
            continue;
        }
        std::size_t end = xml.find_first_of(" \t\r\n/>", q);
        if (end == std::string::npos) return std::nullopt;
        const std::string qname = xml.substr(q, end - q);
        const std::size_t colon = qname.find(':');
        const std::string name = colon == std::string::npos ? qname : qname.substr(colon + 1);
        const std::size_t close = xml.find('>', end);
        if (close == std::string::npos) return std::nullopt;
        if (name == local) {
            if (xml[close - 1] == '/') return std::make_pair(close + 1, close + 1);  // <x/>
            const std::string closing = "</" + qname + ">";
            const std::size_t c = xml.find(closing, close + 1);
            if (c == std::string::npos) return std::nullopt;
            return std::make_pair(close + 1, c);
        }
        p = close + 1;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> xml_text(const std::string& xml, std::string_view local_name) {
    const auto r = find_element(xml, local_name, 0);
    if (!r) return std::nullopt;
    return unescape(xml.substr(r->first, r->second - r->first));
}

std::vector<std::string> xml_all(const std::string& xml, std::string_view local_name) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (auto r = find_element(xml, local_name, from)) {
        out.push_back(xml.substr(r->first, r->second - r->first));
        from = r->second;
    }
    return out;
}

bool well_formed(const std::string& xml) {
    Poco::XML::SAXParser parser;
    Poco::XML::DefaultHandler handler;
    parser.setContentHandler(&handler);
    try {
        parser.parseMemoryNP(xml.data(), xml.size());
        return true;
    } catch (const Poco::Exception&) {
        return false;
    }
}

std::string basic_auth(const std::string& login, const std::string& password) {
    return "Basic " + jdsim::base64_encode(login + ":" + password);
}

}  // namespace jdsim_test
