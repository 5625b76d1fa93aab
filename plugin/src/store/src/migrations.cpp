#include "migrations.hpp"

#include "errors_from_poco.hpp"
#include "migration_catalog.hpp"
#include "store/error.hpp"
#include "store/time.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <map>

namespace jd::store::detail {
namespace {

using namespace Poco::Data::Keywords;

// Serialises concurrent openers of one PostgreSQL database while they migrate ("JDST").
constexpr const char* migration_lock = "SELECT pg_advisory_xact_lock(1245991764)";

constexpr const char* create_table =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " checksum TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";

std::string sha256_hex(std::string_view text) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(text.data(), static_cast<unsigned>(text.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string label(const embedded_migration& m) {
    std::string version = std::to_string(m.version);
    while (version.size() < 3) {
        version.insert(version.begin(), '0');
    }
    return version + "_" + std::string(m.name);
}

std::vector<applied_migration> read_rows(database::impl& db) {
    std::vector<Poco::Int64> versions;
    std::vector<std::string> names;
    std::vector<std::string> checksums;
    std::vector<Poco::Int64> applied;
    db.session << "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version",
        into(versions), into(names), into(checksums), into(applied), now;
    std::vector<applied_migration> rows;
    rows.reserve(versions.size());
    for (std::size_t i = 0; i < versions.size(); ++i) {
        rows.push_back({static_cast<int>(versions[i]), names[i], checksums[i], applied[i]});
    }
    return rows;
}

// Checks what is applied against what is embedded; returns true when nothing is missing.
bool check_applied(const database::impl& db, const std::vector<applied_migration>& applied,
                   std::span<const embedded_migration> known) {
    const int newest_known = known.empty() ? 0 : known.back().version;
    for (const auto& row : applied) {
        if (row.version > newest_known) {
            throw store_error(error_code::schema_too_new,
                              db.description + " has schema version " + std::to_string(applied.back().version) +
                                  ", newer than version " + std::to_string(newest_known) +
                                  " that this plugin knows: install a newer plugin (the database was left "
                                  "untouched)");
        }
    }
    for (std::size_t i = 0; i < applied.size(); ++i) {
        const auto& row = applied[i];
        const auto& expected = known[i];
        if (row.version != expected.version || row.name != expected.name ||
            row.checksum != sha256_hex(expected.sql)) {
            throw store_error(error_code::schema_mismatch,
                              db.description + ": applied migration " + std::to_string(row.version) + " (\"" +
                                  row.name + "\") is not migration " + label(expected) +
                                  " of this plugin (name or checksum differs); the database was left untouched");
        }
    }
    return applied.size() == known.size();
}

} // namespace

std::vector<applied_migration> read_applied_migrations(database::impl& db) {
    return guarded("reading schema_migrations", [&] { return read_rows(db); });
}

void apply_migrations(database::impl& db) {
    const auto known = embedded_migrations(db.kind);

    // Fast path: an up-to-date database is only read, no write lock taken.
    try {
        const auto applied = read_rows(db);
        if (check_applied(db, applied, known)) {
            db.schema_version = applied.empty() ? 0 : applied.back().version;
            return;
        }
    } catch (const Poco::Exception&) { // NOLINT(bugprone-empty-catch): no schema_migrations yet
    }

    std::string current = "starting";
    try {
        db.begin();
        if (db.kind == backend::postgresql) {
            db.execute_script(migration_lock);
        }
        db.execute_script(create_table);
        const auto applied = guarded("reading schema_migrations", [&] { return read_rows(db); });
        check_applied(db, applied, known); // again, under the lock: another opener may have migrated
        for (std::size_t i = applied.size(); i < known.size(); ++i) {
            const auto& migration = known[i];
            current = label(migration);
            db.execute_script(migration.sql);
            Poco::Int64 version = migration.version;
            std::string name(migration.name);
            std::string checksum = sha256_hex(migration.sql);
            Poco::Int64 at = now_ms();
            guarded("recording migration " + current, [&] {
                db.session << db.sql("INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                                     "VALUES ($1, $2, $3, $4)"),
                    use(version), use(name), use(checksum), use(at), now;
            });
        }
        db.commit();
        db.schema_version = known.empty() ? 0 : known.back().version;
    } catch (const store_error& error) {
        db.rollback();
        if (error.code() == error_code::schema_too_new || error.code() == error_code::schema_mismatch) {
            throw;
        }
        throw store_error(error.code() == error_code::busy ? error_code::busy : error_code::migration_failed,
                          db.description + ": migration " + current + " failed and was rolled back: " +
                              error.what());
    }
}

} // namespace jd::store::detail
