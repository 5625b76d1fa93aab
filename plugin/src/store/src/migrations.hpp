#pragma once
// Applying the embedded migrations when a database is opened.

#include "database_impl.hpp"

#include <vector>

namespace jd::store::detail {

// Brings the schema to the newest embedded version in one transaction, or refuses:
// schema_too_new (the database is newer than this code), schema_mismatch (an applied migration differs from
// the embedded one), migration_failed (a script failed; rolled back). Sets db.schema_version.
void apply_migrations(database::impl& db);

// Rows of schema_migrations, oldest first (empty if the table does not exist yet).
[[nodiscard]] std::vector<applied_migration> read_applied_migrations(database::impl& db);

} // namespace jd::store::detail
