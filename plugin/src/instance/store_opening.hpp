#pragma once
// Opens the instance's database as its settings say (SQLite in the host's data directory by default,
// PostgreSQL on request), applying the store's migrations. Each caller gets its own connection.
#include "instance/storage_settings.hpp"

#include "store/database.hpp"

#include <host_sdk/host.hpp>

#include <memory>

namespace jd::instance {

/// Throws host_sdk::error: HS_E_NOT_FOUND when the PostgreSQL password secret is missing, HS_E_TRANSIENT when
/// the database cannot be reached, HS_E_INCOMPATIBLE when it was written by a newer plugin, HS_E_INTERNAL
/// otherwise. Messages are bilingual (no call, hence no locale, at creation) and never hold the password.
[[nodiscard]] std::unique_ptr<store::database> open_store(const host_sdk::host& services, const storage_settings& settings);

} // namespace jd::instance
