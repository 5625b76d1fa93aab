#pragma once
// A minimal HTTPS client for the simulator's tests (Beast, keep-alive, TLS verified against the test CA),
// plus SOAP envelopes written from the protocol notes and a tolerant XML field reader. Independent of the
// plugin's client on purpose.
#include <boost/system/error_code.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jdsim_test {

struct reply {
    unsigned status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
};

enum class outcome { answered, timed_out, connection_closed, partial_body };

struct attempt {
    outcome result = outcome::answered;
    reply r;
    boost::system::error_code error;
    std::chrono::milliseconds elapsed{0};
};

class https_client {
  public:
    https_client(unsigned short port, std::string ca_file, std::chrono::milliseconds timeout = std::chrono::seconds(20));
    ~https_client();
    https_client(const https_client&) = delete;
    https_client& operator=(const https_client&) = delete;

    // Throws std::runtime_error when no answer comes.
    reply request(const std::string& method, const std::string& target, const std::string& body = {},
                  const std::map<std::string, std::string>& headers = {});
    reply soap(const std::string& envelope, const std::string& target = "/webservices/wspid_spring/CommunicationV2Service/");
    reply get(const std::string& target, const std::map<std::string, std::string>& headers = {}) {
        return request("GET", target, {}, headers);
    }
    // Never throws: says what happened (for fault tests).
    attempt try_request(const std::string& method, const std::string& target, const std::string& body,
                        const std::map<std::string, std::string>& headers, std::chrono::milliseconds timeout);

    void close();
    int handshakes() const { return handshakes_; }
    // Limit the TLS versions offered (to check that old ones are refused).
    void set_max_tls_version(int version) { max_tls_ = version; }

  private:
    struct impl;
    std::unique_ptr<impl> impl_;
    int handshakes_ = 0;
    int max_tls_ = 0;
};

struct list_request {
    std::string login, password;
    std::string editeur = "jdsim-tests", logiciel = "simulateur", version = "1.0";
    std::optional<std::string> date_debut, date_fin, statut_piece = "01", type_de_liste = "03",
                                                     type_procedure = "RELEVE", identifiant_dossier;
};
std::string list_envelope(const list_request& r);

struct download_request {
    std::string login, password;
    std::string editeur = "jdsim-tests", logiciel = "simulateur", version = "1.0";
    std::string numero;
    std::optional<std::string> mime = "autre", type_piece = "03";
};
std::string download_envelope(const download_request& r);

std::string escape(std::string_view s);
// Text of the first element with that local name (any prefix), entities decoded; nullopt when absent.
std::optional<std::string> xml_text(const std::string& xml, std::string_view local_name);
std::vector<std::string> xml_all(const std::string& xml, std::string_view local_name);
bool well_formed(const std::string& xml);
std::string basic_auth(const std::string& login, const std::string& password);

}  // namespace jdsim_test
