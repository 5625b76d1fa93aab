#pragma once
// Instance configuration: how one aggregator instance (one JeDéclare compte de flux) reaches JeDéclare.
// The password is NOT here: only the name under which the host's secret store keeps it.

#include "store/time.hpp"

#include <memory>
#include <optional>
#include <string>

namespace jd::store {

class database;

struct instance_config {
    std::string login;              // the compte de flux login, e.g. "cabinet@jedeclare.com"
    std::string gestion_account_id; // gestion API account id, e.g. "4242"
    std::string editeur;
    std::string logiciel;
    std::string version;
    std::string soap_url;
    std::string gestion_url;
    std::string ca_bundle;          // path to a CA bundle; "" = the system trust store
    std::string password_ref;       // key name of the password in the host's secret store (never the password)
    epoch_ms updated_at = 0;
    std::string updated_by;         // host user id
};

// Text fields must be valid UTF-8 without NUL (store_error invalid_argument otherwise).
class config_repository {
public:
    config_repository(database& db, std::string instance_id);
    ~config_repository();
    config_repository(const config_repository&) = delete;
    config_repository& operator=(const config_repository&) = delete;

    [[nodiscard]] std::optional<instance_config> get();

    // Creates or replaces the configuration (updated_at/updated_by come from `config`) and appends an audit
    // event "config.saved" naming the fields that changed, in one transaction. Returns the number of fields
    // that changed (0: nothing to do, no audit event).
    int save(const instance_config& config);

    // Deletes the configuration and audits "config.removed". Returns false if there was none.
    bool remove(const std::string& actor, epoch_ms at);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace jd::store
