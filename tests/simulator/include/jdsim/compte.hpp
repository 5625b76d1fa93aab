#pragma once
// A compte de flux: the credentials software uses, its gestion account id and its subscribed téléprocédures.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jdsim {

struct compte_config {
    std::string login;
    std::string password;
    std::optional<std::string> gestion_id;  // absent: the REST gestion service is not enabled for it
    std::vector<std::string> procedures;    // subscribed téléprocédures (RELEVE for bank statements)
    double weight = 1.0;                    // share of the firm's bank feeds routed to it
    std::uint64_t first_numero = 1000001;   // piece numbering is independent per compte

    bool subscribes(std::string_view procedure) const;
    bool receives_statements() const { return subscribes("RELEVE") && weight > 0; }
};

// The téléprocédures JeDéclare knows; any other typeProcedure is answered with code 11.
const std::vector<std::string>& known_procedures();

// Three comptes: the main one (RELEVE, gestion 4242), a second one whose password holds '&' (RELEVE, gestion
// 4243), and a tax-only one without gestion where RELEVE is not subscribed (code 11).
std::vector<compte_config> default_comptes();

// "login=a@jedeclare.com,password=secret,gestion=4242,procedures=RELEVE+EDI-TVA,weight=3,first=1000001".
// Throws std::invalid_argument with a message naming the bad key.
compte_config parse_compte_spec(std::string_view spec);

}  // namespace jdsim
