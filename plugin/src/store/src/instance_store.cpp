#include "store/instance_store.hpp"

namespace jd::store {

namespace {

template <typename Repository>
Repository& lazily(std::unique_ptr<Repository>& slot, database& db, const std::string& instance_id) {
    if (!slot) {
        slot = std::make_unique<Repository>(db, instance_id);
    }
    return *slot;
}

} // namespace

instance_store::instance_store(database& db, std::string instance_id) : db_(db), instance_id_(std::move(instance_id)) {}

instance_store::~instance_store() = default;

config_repository& instance_store::config() { return lazily(config_, db_, instance_id_); }
dossier_repository& instance_store::dossiers() { return lazily(dossiers_, db_, instance_id_); }
link_repository& instance_store::links() { return lazily(links_, db_, instance_id_); }
activation_repository& instance_store::activations() { return lazily(activations_, db_, instance_id_); }
bank_link_repository& instance_store::bank_links() { return lazily(bank_links_, db_, instance_id_); }
audit_repository& instance_store::audit() { return lazily(audit_, db_, instance_id_); }
piece_repository& instance_store::pieces() { return lazily(pieces_, db_, instance_id_); }
movement_repository& instance_store::movements() { return lazily(movements_, db_, instance_id_); }
diagnostic_repository& instance_store::diagnostics() { return lazily(diagnostics_, db_, instance_id_); }
state_repository& instance_store::states() { return lazily(states_, db_, instance_id_); }
run_repository& instance_store::runs() { return lazily(runs_, db_, instance_id_); }
lease_repository& instance_store::lease() { return lazily(lease_, db_, instance_id_); }

} // namespace jd::store
