#pragma once
// What the plugin has seen on the JeDéclare side: client dossiers (gestion API) and RIBs (from the gestion API
// or found in statements). Rows are never deleted: `last_seen_at` tells the admin what disappeared.

#include "store/time.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jd::store {

class database;

struct remote_dossier {
    std::string dossier_id;
    std::string rs;    // raison sociale, as JeDéclare spells it
    std::string siren;
    std::string nic;
    epoch_ms first_seen_at = 0; // set by the store
    epoch_ms last_seen_at = 0;  // set by the store
};

enum class rib_source { gestion, statement };

[[nodiscard]] std::string_view to_string(rib_source source) noexcept;

struct remote_rib {
    std::string rib_key;                   // 21 chars: bank (5) + guichet (5) + account (11), [0-9A-Z]
    std::optional<std::string> dossier_id; // known when the gestion API listed it
    std::string iban;                      // "" when unknown (seen in a statement only)
    std::string label;
    rib_source source = rib_source::statement;
    epoch_ms first_seen_at = 0; // set by the store
    epoch_ms last_seen_at = 0;  // set by the store
};

// True for a well-formed RIB key (21 characters, digits or upper-case letters).
[[nodiscard]] bool is_rib_key(std::string_view text) noexcept;

class dossier_repository {
public:
    dossier_repository(database& db, std::string instance_id);
    ~dossier_repository();
    dossier_repository(const dossier_repository&) = delete;
    dossier_repository& operator=(const dossier_repository&) = delete;

    // Upserts every dossier of a listing (rs/siren/nic take the new values: a rename is recorded, links by id
    // are unaffected). Returns how many were new. One transaction.
    std::int64_t record_dossiers(const std::vector<remote_dossier>& dossiers, epoch_ms seen_at);
    [[nodiscard]] std::vector<remote_dossier> list_dossiers();
    [[nodiscard]] std::optional<remote_dossier> find_dossier(const std::string& dossier_id);

    // Upserts RIBs. A gestion sighting fills/overwrites dossier_id, iban, label and source; a statement
    // sighting of a RIB known from the gestion API only moves last_seen_at (and fills an empty iban/label).
    // Returns how many were new. One transaction. (movement_repository::insert_batch records the RIBs of the
    // movements it stores by itself.)
    std::int64_t record_ribs(const std::vector<remote_rib>& ribs, epoch_ms seen_at);
    [[nodiscard]] std::vector<remote_rib> list_ribs();
    [[nodiscard]] std::vector<remote_rib> list_ribs_of_dossier(const std::string& dossier_id);
    [[nodiscard]] std::optional<remote_rib> find_rib(const std::string& rib_key);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace jd::store
