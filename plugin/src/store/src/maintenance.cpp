#include "store/maintenance.hpp"

#include "database_impl.hpp"
#include "store/database.hpp"
#include "store/error.hpp"

namespace jd::store {

void run_maintenance(database& db) {
    auto& state = db.internals();
    if (state.depth > 0) {
        throw store_error(error_code::usage, "run_maintenance must not run inside a store::transaction");
    }
    try {
        if (state.kind == backend::sqlite) {
            state.execute_script("PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE)");
        } else {
            // Only the store's own tables: the database may hold others.
            state.execute_script("VACUUM (ANALYZE) movement, raw_piece, raw_piece_content, piece_diagnostic,"
                                 " remote_dossier, remote_rib, company_link, company_activation, bank_link,"
                                 " audit_event, instance_config, instance_state, company_state, sync_run,"
                                 " sync_lease, routing_guard");
        }
    } catch (const store_error& error) {
        throw store_error(error.code(), "maintenance of " + state.description + ": " + error.what());
    }
}

} // namespace jd::store
