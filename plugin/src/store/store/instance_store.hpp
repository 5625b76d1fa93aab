#pragma once
// All repositories of one aggregator instance on one database, created on first use (each keeps its prepared
// statements for reuse). Same thread rules as store::database.

#include "store/activation.hpp"
#include "store/audit.hpp"
#include "store/bank_links.hpp"
#include "store/config.hpp"
#include "store/database.hpp"
#include "store/diagnostics.hpp"
#include "store/dossiers_and_ribs.hpp"
#include "store/lease.hpp"
#include "store/maintenance.hpp"
#include "store/links.hpp"
#include "store/movements.hpp"
#include "store/pieces.hpp"
#include "store/runs.hpp"
#include "store/states.hpp"

#include <memory>
#include <string>

namespace jd::store {

class instance_store {
public:
    instance_store(database& db, std::string instance_id);
    ~instance_store();
    instance_store(const instance_store&) = delete;
    instance_store& operator=(const instance_store&) = delete;

    [[nodiscard]] database& db() noexcept { return db_; }
    [[nodiscard]] const std::string& instance_id() const noexcept { return instance_id_; }

    config_repository& config();
    dossier_repository& dossiers();
    link_repository& links();
    activation_repository& activations();
    bank_link_repository& bank_links();
    audit_repository& audit();
    piece_repository& pieces();
    movement_repository& movements();
    diagnostic_repository& diagnostics();
    state_repository& states();
    run_repository& runs();
    lease_repository& lease();

private:
    database& db_;
    std::string instance_id_;
    std::unique_ptr<config_repository> config_;
    std::unique_ptr<dossier_repository> dossiers_;
    std::unique_ptr<link_repository> links_;
    std::unique_ptr<activation_repository> activations_;
    std::unique_ptr<bank_link_repository> bank_links_;
    std::unique_ptr<audit_repository> audit_;
    std::unique_ptr<piece_repository> pieces_;
    std::unique_ptr<movement_repository> movements_;
    std::unique_ptr<diagnostic_repository> diagnostics_;
    std::unique_ptr<state_repository> states_;
    std::unique_ptr<run_repository> runs_;
    std::unique_ptr<lease_repository> lease_;
};

} // namespace jd::store
