#pragma once

#include "jedeclare/client_config.hpp"
#include "jedeclare/downloaded_piece.hpp"
#include "jedeclare/gestion_types.hpp"
#include "jedeclare/list_query.hpp"
#include "jedeclare/wire_error.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jd::jedeclare {

// Counters since the client was created.
struct client_stats {
    std::uint64_t tls_handshakes = 0;  // completed TLS handshakes (= connections opened successfully)
    std::uint64_t connect_attempts = 0;
    std::uint64_t requests = 0;        // HTTP requests written
    std::uint64_t retries = 0;         // attempts after the first one, all calls together
    std::uint64_t bytes_received = 0;  // HTTP bodies
};

// One outcome of download_many: either the piece or the error, never both.
struct download_result {
    std::string numero;
    std::optional<downloaded_piece> piece;
    std::optional<wire_error> error;
};

// Called in the thread that called download_many, one result at a time. Return false to stop starting new
// downloads (the ones already running still come back, since a finished download has consumed its piece).
using piece_callback = std::function<bool(download_result& result)>;

struct download_summary {
    std::size_t downloaded = 0;  // results with a piece
    std::size_t failed = 0;      // results with an error
    std::size_t not_started = 0; // numbers left untouched because the callback asked to stop
};

// The JeDéclare.com client: SOAP CommunicationV2 (list, download) and REST gestion (dossiers, RIBs) over TLS,
// asynchronous on I/O threads of its own, with a blocking face for the caller's thread.
// Every public function is thread-safe. Errors are thrown as wire_error.
class client {
public:
    explicit client(client_config config); // throws wire_error(configuration) for a bad URL or CA bundle
    ~client();
    client(const client&) = delete;
    client& operator=(const client&) = delete;

    // ListeDisponibiliteV2 (typeProcedure RELEVE, typeDeListe 03 by default). A long range is split into windows
    // of at most config.list_window_days (540) days; items of all windows come back once each, in list order.
    // The whole-call deadline applies to each window's call.
    std::vector<piece_info> list_pieces(const list_query& query);

    // DemandeAccuse (mimeTypeReponse application/gzip, typePiece 03). Consumes the piece on the server side.
    downloaded_piece download_piece(const std::string& numero);

    // Many DemandeAccuse at once over the connection pool, at most `concurrency` in flight (0: max_connections).
    // Each result goes to on_piece in the caller's thread. Throws wire_error(cancelled) after cancel(), once the
    // downloads that were running have been handed to on_piece.
    download_summary download_many(const std::vector<std::string>& numeros, const piece_callback& on_piece,
                                   std::size_t concurrency = 0);

    // Gestion API (needs credentials.gestion_account_id).
    std::vector<dossier> list_dossiers();
    std::vector<rib> list_ribs(const std::string& dossier_id);

    // Stops every running operation promptly (they fail with error_kind::cancelled) and makes new ones fail the
    // same way until resume(). Safe from any thread, including while other threads are blocked in a call.
    void cancel() noexcept;
    void resume() noexcept;
    bool cancelled() const noexcept;

    client_stats stats() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace jd::jedeclare
