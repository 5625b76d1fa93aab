#pragma once

#include "jedeclare/log_hook.hpp"
#include "jedeclare/retry_policy.hpp"
#include "jedeclare/secret.hpp"
#include "jedeclare/soap_envelope.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace jd::jedeclare {

inline constexpr std::string_view default_soap_url =
    "https://www.jedeclare.com/webservices/wspid_spring/CommunicationV2Service/";
inline constexpr std::string_view default_gestion_url = "https://www.jedeclare.com/webservice/gestion/";

// A deadline on every network step, and one on the whole call (all attempts and waits included).
struct deadlines {
    std::chrono::milliseconds connect{10000};   // name resolution + TCP connect
    std::chrono::milliseconds handshake{10000}; // TLS handshake
    std::chrono::milliseconds write{30000};     // sending the request
    std::chrono::milliseconds read{60000};      // receiving the whole answer
    std::chrono::milliseconds call{120000};     // one protocol call, retries included
};

struct client_config {
    std::string soap_url{default_soap_url};
    std::string gestion_url{default_gestion_url};
    account_credentials credentials;
    software_identification identification;

    std::string ca_file;         // PEM bundle that verifies the server; empty = the system store
    std::string connect_address; // when set, connect to this address instead of resolving the URL's host; the
                                 // certificate is still checked against the URL's host name

    std::size_t max_connections = 4; // kept-alive TLS connections, in all
    std::size_t io_threads = 1;      // I/O threads; connections are shared out between them
    std::chrono::milliseconds idle_timeout{30000}; // an idle connection older than this is not reused

    deadlines timeouts;
    retry_config retry;
    std::uint64_t jitter_seed = 0; // 0: seeded from std::random_device

    std::string download_mime_type = "application/gzip"; // mimeTypeReponse of DemandeAccuse ("autre": raw)
    int list_window_days = 540; // longest dateDebut..dateFin range sent in one ListeDisponibiliteV2

    std::size_t max_response_bytes = 64u * 1024u * 1024u; // one HTTP answer
    std::size_t max_piece_bytes = 256u * 1024u * 1024u;   // one piece once decompressed

    log_hook log; // optional
};

} // namespace jd::jedeclare
