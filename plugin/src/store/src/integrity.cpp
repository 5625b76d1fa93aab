#include "store/integrity.hpp"

#include "database_impl.hpp"
#include "errors_from_poco.hpp"
#include "store/database.hpp"

#include <Poco/Nullable.h>

namespace jd::store {

using namespace Poco::Data::Keywords;

namespace {

constexpr int rows_per_check = 100;

struct logical_check {
    const char* what;
    const char* sql; // selects (instance_id, subject) of each offending row
};

// Each check lists offending rows (at most rows_per_check) as "instance, subject".
constexpr logical_check logical_checks[] = {
    {"delivered without a route, an acknowledgement time or an outcome",
     "SELECT instance_id, 'movement ' || CAST(movement_id AS TEXT) FROM movement WHERE state = 'delivered'"
     " AND (company_id IS NULL OR bank_account_id IS NULL OR acknowledged_at IS NULL OR outcome IS NULL)"},
    {"pending on a route that is not the RIB's current bank link to an active company",
     "SELECT m.instance_id, 'movement ' || CAST(m.movement_id AS TEXT) FROM movement m"
     " LEFT JOIN bank_link b ON b.instance_id = m.instance_id AND b.rib_key = m.rib_key"
     " LEFT JOIN company_activation a ON a.instance_id = b.instance_id AND a.company_id = b.company_id"
     " WHERE m.state = 'pending' AND (m.company_id IS NULL OR m.bank_account_id IS NULL OR b.rib_key IS NULL"
     " OR b.company_id <> m.company_id OR b.bank_account_id <> m.bank_account_id"
     " OR a.active IS NULL OR a.active <> 1)"},
    {"quarantined without a reason",
     "SELECT instance_id, 'movement ' || CAST(movement_id AS TEXT) FROM movement"
     " WHERE state = 'quarantined' AND quarantine_reason IS NULL"},
    {"refers to a piece that is not stored",
     "SELECT m.instance_id, 'movement ' || CAST(m.movement_id AS TEXT) || ' (piece ' || m.piece_numero || ')'"
     " FROM movement m WHERE NOT EXISTS (SELECT 1 FROM raw_piece p"
     " WHERE p.instance_id = m.instance_id AND p.numero = m.piece_numero)"},
    {"refers to a piece that is not stored",
     "SELECT d.instance_id, 'diagnostic ' || CAST(d.diagnostic_id AS TEXT) || ' (piece ' || d.numero || ')'"
     " FROM piece_diagnostic d WHERE NOT EXISTS (SELECT 1 FROM raw_piece p"
     " WHERE p.instance_id = d.instance_id AND p.numero = d.numero)"},
    {"has no bytes, or bytes of another size",
     "SELECT p.instance_id, 'piece ' || p.numero FROM raw_piece p LEFT JOIN raw_piece_content c"
     " ON c.instance_id = p.instance_id AND c.numero = p.numero"
     " WHERE c.numero IS NULL OR p.size_bytes <> length(c.content)"},
};

} // namespace

integrity_report check_integrity(database& db) {
    auto& state = db.internals();
    integrity_report report;
    const auto problem = [&](std::string text) {
        report.ok = false;
        report.problems.push_back(std::move(text));
    };
    detail::guarded("checking the integrity of " + state.description, [&] {
        if (state.kind == backend::sqlite) {
            std::vector<std::string> lines;
            state.session << "PRAGMA integrity_check", into(lines), now;
            for (const auto& line : lines) {
                if (line != "ok") {
                    problem("sqlite integrity_check: " + line);
                }
            }
            std::vector<std::string> tables;
            std::vector<Poco::Nullable<Poco::Int64>> rowids;
            std::vector<std::string> parents;
            std::vector<Poco::Int64> keys;
            state.session << "PRAGMA foreign_key_check", into(tables), into(rowids), into(parents), into(keys), now;
            for (std::size_t i = 0; i < tables.size(); ++i) {
                problem("sqlite foreign_key_check: row " +
                        (rowids[i].isNull() ? std::string("?") : std::to_string(rowids[i].value())) + " of " +
                        tables[i] + " refers to a missing row of " + parents[i]);
            }
        }
        for (const auto& check : logical_checks) {
            std::vector<std::string> instances;
            std::vector<std::string> subjects;
            state.session << state.sql(std::string(check.sql) + " LIMIT " + std::to_string(rows_per_check)),
                into(instances), into(subjects), now;
            for (std::size_t i = 0; i < instances.size(); ++i) {
                problem(subjects[i] + " (instance " + instances[i] + "): " + check.what);
            }
        }
    });
    return report;
}

} // namespace jd::store
