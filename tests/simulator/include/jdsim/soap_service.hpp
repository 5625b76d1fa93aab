#pragma once
// CommunicationV2: ListeDisponibiliteV2 and DemandeAccuse as JeDéclare answers them.
#include "jdsim/faults.hpp"
#include "jdsim/firm.hpp"
#include "jdsim/http_answer.hpp"
#include "jdsim/piece_store.hpp"
#include "jdsim/soap_request.hpp"

#include <string_view>

namespace jdsim {

class soap_service {
  public:
    soap_service(const firm& f, piece_store& store, int gzip_level) : firm_(f), store_(store), gzip_level_(gzip_level) {}

    // `forced`: a fault that changes the answer (code99, invalid_credentials), or nullopt.
    http_answer handle(const soap_request& req, std::optional<fault_type> forced) const;

    // HTTP 500 with a SOAP 1.1 Fault. faultcode: "Client" or "Server" (or "VersionMismatch").
    static http_answer fault(std::string_view faultcode, std::string_view faultstring);

  private:
    http_answer list(const soap_request& req, std::uint32_t compte) const;
    http_answer download(const soap_request& req, std::uint32_t compte) const;
    std::optional<std::uint32_t> authenticate(const soap_request& req) const;

    const firm& firm_;
    piece_store& store_;
    int gzip_level_;
};

}  // namespace jdsim
