#include "store/error.hpp"

namespace jd::store {

std::string_view to_string(error_code code) noexcept {
    switch (code) {
    case error_code::invalid_argument: return "invalid_argument";
    case error_code::not_found: return "not_found";
    case error_code::conflict: return "conflict";
    case error_code::schema_too_new: return "schema_too_new";
    case error_code::schema_mismatch: return "schema_mismatch";
    case error_code::migration_failed: return "migration_failed";
    case error_code::connection_failed: return "connection_failed";
    case error_code::busy: return "busy";
    case error_code::usage: return "usage";
    case error_code::database: return "database";
    }
    return "unknown";
}

std::string_view to_string(conflict_kind kind) noexcept {
    switch (kind) {
    case conflict_kind::rib_already_linked: return "rib_already_linked";
    case conflict_kind::bank_account_already_linked: return "bank_account_already_linked";
    case conflict_kind::dossier_already_linked: return "dossier_already_linked";
    case conflict_kind::company_already_linked: return "company_already_linked";
    }
    return "unknown";
}

store_error::store_error(error_code code, const std::string& message) : std::runtime_error(message), code_(code) {}

link_conflict::link_conflict(conflict_kind kind, existing_link existing, const std::string& message)
    : store_error(error_code::conflict, message), kind_(kind), existing_(std::move(existing)) {}

} // namespace jd::store
