#pragma once

#include "jedeclare/gestion_types.hpp"

#include <string_view>
#include <vector>

namespace jd::jedeclare {

// GET compte/{c}/dossierClient. Reads both shapes seen in the field:
//   listeDossiers/dossier/client/{id, siretPrincipal/{siren,nic}, rs}   and   [...]/dossierClient/client/{...}
// An empty body or an empty list element is zero dossiers. A non-empty answer in which no dossier can be found
// throws wire_error(unexpected_response): that is never taken for "zero dossiers".
std::vector<dossier> parse_dossiers(std::string_view body);

// GET compte/{c}/dossierClient/{d}/rib: listeRibs/rib/{id, libelle, ..., etablissement, guichet, numCompte, cle},
// or a single rib element. Same empty-versus-unrecognised rule.
std::vector<rib> parse_ribs(std::string_view body);

} // namespace jd::jedeclare
