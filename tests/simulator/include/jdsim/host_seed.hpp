#pragma once
// The reference host's view of the same firm (contract A): companies, bank accounts and users, with the
// naming differences a real platform accumulates.
#include "jdsim/firm.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jdsim {

enum class link_kind {
    exact,       // a company with exactly the dossier's raison sociale: linked automatically
    ambiguous,   // exactly the same name, but two dossiers and two companies share it
    proposed,    // same company spelled differently (case, accents, apostrophe, &/ET, legal form)
    siren_only,  // same SIREN, another name
    no_company,  // the host has no company for this dossier
};
std::string_view to_string(link_kind k);

struct host_bank_account {
    std::uint64_t id = 0;
    std::string label;
    std::string iban;
    std::string journal_code;
    std::int32_t rib = -1;  // the JeDéclare RIB it corresponds to, -1 for an account JeDéclare does not feed
};

struct host_company {
    std::uint64_t id = 0;
    std::string legal_name;
    std::string siren;
    std::string siret;
    std::int32_t dossier = -1;  // -1: a company with no dossier at JeDéclare
    std::vector<host_bank_account> bank_accounts;
};

struct host_plan {
    std::vector<host_company> companies;
    std::vector<link_kind> dossier_link;      // per dossier
    std::vector<std::string> dossier_quirk;   // per dossier: the quirk of a proposed link
    std::vector<std::int32_t> dossier_company;  // per dossier: index in companies, or -1

    // Contract A: {"users":[...], "companies":[...]}.
    boost::json::object to_json() const;
    // The bank account of `company` whose IBAN is the RIB's, or nullptr.
    const host_bank_account* account_for_rib(std::size_t company, std::uint32_t rib) const;
};

host_plan plan_host(std::uint64_t seed, const firm& f);

}  // namespace jdsim
