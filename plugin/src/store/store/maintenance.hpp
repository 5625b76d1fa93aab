#pragma once
// Housekeeping after a run that changed many rows (say more than 100,000 movements stored or delivered):
// PostgreSQL: VACUUM (ANALYZE) of the store's tables, so that the rows left behind by deliveries stop slowing
// the next (possibly empty) run down and the planner knows the new sizes; SQLite: PRAGMA optimize and a WAL
// checkpoint that truncates the WAL file. Takes seconds on large tables; must run outside a transaction
// (store_error usage otherwise).

namespace jd::store {

class database;

void run_maintenance(database& db);

} // namespace jd::store
