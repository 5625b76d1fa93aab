#pragma once
// REST "gestion": the firm's client dossiers and their RIBs, XML in the http://jedeclare.com/gestion namespace.
#include "jdsim/calendar.hpp"
#include "jdsim/firm.hpp"
#include "jdsim/http_answer.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace jdsim {

inline constexpr std::string_view gestion_namespace = "http://jedeclare.com/gestion";
inline constexpr std::string_view gestion_prefix = "/webservice/gestion/";

enum class dossier_list_shape {
    idocus,  // listeDossiers/dossier/client/... (what iDocus reads; the default)
    crm,     // listeDossiers/dossierClient/client/... (what crm-cabinet reads)
};

class gestion_service {
  public:
    gestion_service(const firm& f, dossier_list_shape shape, date first_statement_day);

    // method: "GET"...; target: the request target (path and query); authorization: the header, maybe empty.
    http_answer handle(std::string_view method, std::string_view target, std::string_view authorization,
                       bool credentials_refused) const;

  private:
    std::string dossier_list(std::uint32_t compte) const;
    std::string rib_list(const dossier& d) const;
    std::string releve_list(const dossier& d, std::uint32_t compte) const;

    const firm& firm_;
    dossier_list_shape shape_;
    date first_day_;
    std::vector<std::string> dossier_lists_;  // per compte, built once
};

}  // namespace jdsim
