#pragma once

#include <string>

namespace jd::jedeclare {

// A client dossier of the firm (gestion API).
struct dossier {
    std::string id;
    std::string siren;
    std::string nic;
    std::string raison_sociale; // `rs`, compared with the company's legal name by the plugin
};

// A RIB of a dossier (gestion API).
struct rib {
    std::string id;
    std::string libelle;
    std::string civilite_titulaire;
    std::string nom_titulaire;
    std::string prenom_titulaire;
    std::string etablissement; // bank code, 5 digits
    std::string guichet;       // branch code, 5 digits
    std::string num_compte;    // 11 characters
    std::string cle;           // 2 digits
};

} // namespace jd::jedeclare
