#include "refhost/database.hpp"

#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/schema.hpp"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Exception.h>

#include <mutex>
#include <string>

using namespace Poco::Data::Keywords;

namespace refhost {

namespace {

Poco::Data::Session open_session(const std::filesystem::path& file) {
    static std::once_flag registered;
    std::call_once(registered, [] { Poco::Data::SQLite::Connector::registerConnector(); });
    try {
        return Poco::Data::Session("SQLite", file.string());
    } catch (const Poco::Exception& e) {
        throw failure(HS_E_INTERNAL, tr("impossible d'ouvrir la base ", "cannot open the database ") +
                                         file.string() + " : " + e.displayText());
    }
}

} // namespace

database::database(const std::filesystem::path& file) : file_(file), session_(open_session(file)) {
    // The ledger and the sealed secrets are the owner's only; SQLite gives its -wal and -shm files the same mode.
    std::error_code ec;
    std::filesystem::permissions(file_, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace, ec);
    try {
        // Another process (a scheduler next to an admin command) may hold the write lock for a moment.
        int busy_ms = 0;
        session_ << "PRAGMA busy_timeout = 15000", into(busy_ms), now;
        std::string mode;
        session_ << "PRAGMA journal_mode = WAL", into(mode), now;
        if (mode != "wal") {
            throw failure(HS_E_INTERNAL, tr("le mode WAL est refusé par SQLite pour ", "SQLite refused WAL mode for ") +
                                             file.string() + " (" + mode + ")");
        }
        session_ << "PRAGMA synchronous = FULL", now;
        session_ << "PRAGMA foreign_keys = ON", now;
        // The ledger's unique index on random idempotency keys is written all over: a page cache of 8 MiB
        // (SQLite's default is 2) keeps a large backfill from rereading its pages, and the host small.
        session_ << "PRAGMA cache_size = -8192", now;
        migrate(session_);
    } catch (const Poco::Exception& e) {
        throw failure(HS_E_INTERNAL, tr("base de données ", "database ") + file.string() + " : " + e.displayText());
    }
}

int database::schema_version() {
    return with_session([](Poco::Data::Session& session) {
        int version = 0;
        session << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", into(version), now;
        return version;
    });
}

write_transaction::write_transaction(Poco::Data::Session& session) : session_(session) {
    session_ << "BEGIN IMMEDIATE", now;
}

write_transaction::~write_transaction() {
    if (finished_) return;
    try {
        session_ << "ROLLBACK", now;
    } catch (...) {
        // Nothing more can be done: SQLite rolls back an unfinished transaction when the connection closes.
    }
}

void write_transaction::commit() {
    session_ << "COMMIT", now;
    finished_ = true;
}

} // namespace refhost
