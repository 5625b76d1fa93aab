#pragma once
// Integrity check of the whole database (all instances): physical on SQLite (PRAGMA integrity_check and
// foreign_key_check), logical on both backends:
//   - every delivered movement has a route, an acknowledgement time and an outcome;
//   - every pending movement has a route that matches the RIB's current bank link;
//   - every quarantined movement has a reason;
//   - no movement or diagnostic references a missing piece;
//   - every piece's size matches its bytes.

#include <string>
#include <vector>

namespace jd::store {

class database;

struct integrity_report {
    bool ok = true;
    std::vector<std::string> problems; // one line each, e.g. "movement 12 (instance a): delivered without route"
};

[[nodiscard]] integrity_report check_integrity(database& db);

} // namespace jd::store
