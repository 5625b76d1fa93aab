#pragma once
// The accounting firm as JeDéclare knows it: client dossiers, their RIBs, and how bank feeds are grouped
// into files (one delivery group = the accounts one bank delivers together in one file).
#include "jdsim/cfonb_writer.hpp"
#include "jdsim/company_names.hpp"
#include "jdsim/compte.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace jdsim {

struct dossier {
    std::string id;  // JeDéclare dossier id (gestion "client/id")
    company_name name;
    std::string rs;  // raison sociale, UTF-8
    std::string siren;
    std::string nic;
    person_name responsable;
    std::vector<std::uint32_t> ribs;
    std::vector<std::uint32_t> comptes;  // comptes whose gestion service lists this dossier
    bool exact_duplicate = false;        // another dossier has exactly the same raison sociale
    bool planned_near_duplicate = false; // "ALPHA" / "ALPHA 2" style pairs
};

struct rib_account {
    std::string id;  // gestion "rib/id"
    std::string bank, branch, number, key;
    std::string iban;
    std::string libelle;
    std::int32_t dossier = -1;  // -1: a RIB that matches no dossier
    std::uint32_t group = 0;
    std::string currency = "EUR";
    int decimals = 2;
    double activity = 10;             // mean movements per business day
    std::int64_t base_balance = 0;    // opening balance of the first day, minor units
    std::int64_t amount_scale = 100;  // typical amounts grow with it
    cfonb_account cfonb;

    std::string rib_key() const { return bank + branch + number; }  // 21 characters
};

struct delivery_group {
    std::vector<std::uint32_t> ribs;
    std::uint32_t compte = 0;
    std::vector<std::uint32_t> dossiers;  // sorted, unique
    // Per-bank habits of the file layout.
    bool period_in_tail = false;      // 01 records carry "JJMMAAJJMMAA" in positions 105-116
    bool quiet_day_banner = false;    // 01/07 of a day without movement carry "** PAS DE MOUVEMENT CE JOUR **"
};

struct firm {
    std::vector<dossier> dossiers;
    std::vector<rib_account> ribs;
    std::vector<delivery_group> groups;
    std::vector<compte_config> comptes;

    // Builds the firm deterministically from the seed. Throws std::invalid_argument on bad sizes.
    static firm build(std::uint64_t seed, int dossier_count, std::vector<compte_config> comptes);

    std::int32_t find_dossier(std::string_view id) const;
};

}  // namespace jdsim
