#pragma once
// Where an instance keeps its own database, from the node-level settings the host holds for it
// (hs_instance_v1.settings_json):
//   {}                                                   SQLite, <host data directory>/jedeclare.sqlite
//   {"storage":{"backend":"sqlite","file":"name.sqlite"}} SQLite, another file (relative: in the data directory)
//   {"storage":{"backend":"postgresql","connection":"host=… dbname=…","password_secret":"key"}}
//                                                        PostgreSQL; the password, if any, is read from the
//                                                        host's secret store under "key"
// Several instances (several comptes de flux) may share one PostgreSQL database: rows are keyed by instance.
#include "store/database.hpp"

#include <boost/json/object.hpp>

#include <filesystem>
#include <string>

namespace jd::instance {

struct storage_settings {
    store::backend backend = store::backend::sqlite;
    std::string sqlite_file = "jedeclare.sqlite"; // relative to the data directory, or absolute
    std::string connection;                       // PostgreSQL, libpq keyword form, without password
    std::string password_secret;                  // PostgreSQL: key of the password in the host's secret store
};

/// Reads the "storage" member of the instance settings. Throws host_sdk::error(HS_E_INVALID_ARGUMENT) with
/// a bilingual message naming the member at fault.
[[nodiscard]] storage_settings read_storage_settings(const boost::json::object& settings);

} // namespace jd::instance
