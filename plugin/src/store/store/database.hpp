#pragma once
// The plugin's own database: SQLite (a file in the data directory the host gives; the default) or PostgreSQL
// (for firms running several host nodes on one database). Opening applies the embedded migrations.
//
// Thread-safety: a `database` holds ONE connection. It, and every repository built on it, must be used by one
// thread at a time (the caller serialises, e.g. one `database` per worker thread or a mutex around it). Several
// `database` objects, in one process or in several, may open the same SQLite file or PostgreSQL database at
// once: SQLite runs in WAL mode with a busy timeout, write transactions take the write lock up front
// (BEGIN IMMEDIATE), and PostgreSQL serialises what must be serialised with row locks.
//
// Lifetime: repositories (and instance_store) hold references into their database: destroy them first.
//
// Secrets: the PostgreSQL password is a separate argument (it comes from the host's secret store); it is
// handed to libpq and to nothing else: never logged, never put in a message, never stored in the database.

#include "store/time.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jd::store {

enum class backend { sqlite, postgresql };

[[nodiscard]] std::string_view to_string(backend kind) noexcept;

struct sqlite_settings {
    std::filesystem::path data_directory;      // created if missing
    std::string file_name = "jedeclare.sqlite"; // the database file inside data_directory
    std::chrono::milliseconds busy_timeout{10000};
    std::int64_t cache_kib = 65536;            // page cache per connection (an upper bound, not an allocation)
};

struct postgresql_settings {
    // libpq keyword form: "host=… port=… dbname=… user=…" (options=-csearch_path=… chooses a schema).
    // It must not contain a password: pass it to open_postgresql instead. URIs are refused too.
    std::string connection_string;
    std::size_t rows_per_statement = 0; // rows per multi-row INSERT; 0 = the default (200). Tests, tuning.
};

// One applied migration, as recorded in `schema_migrations`.
struct applied_migration {
    int version = 0;
    std::string name;
    std::string checksum; // sha256 (hex) of the embedded SQL text
    epoch_ms applied_at = 0;
};

class database {
public:
    // Opens (creating if needed) <data_directory>/<file_name>, sets WAL, synchronous=FULL, busy_timeout and
    // foreign keys, then applies the missing migrations in one transaction.
    // Throws store_error: connection_failed, schema_too_new, schema_mismatch, migration_failed.
    [[nodiscard]] static std::unique_ptr<database> open_sqlite(const sqlite_settings& settings);

    // Connects with `settings.connection_string` plus `password` (may be empty: trust/peer/.pgpass), then
    // applies the missing migrations in one transaction (concurrent openers wait for each other).
    // Throws store_error: invalid_argument (password or URI in the string), connection_failed, schema_too_new,
    // schema_mismatch, migration_failed. No message carries the password.
    [[nodiscard]] static std::unique_ptr<database> open_postgresql(const postgresql_settings& settings,
                                                                   std::string_view password);

    ~database();
    database(const database&) = delete;
    database& operator=(const database&) = delete;

    [[nodiscard]] backend kind() const noexcept;

    // "SQLite /var/lib/…/jedeclare.sqlite" or "PostgreSQL dbname=… host=… port=…": for logs, no secret.
    [[nodiscard]] const std::string& description() const noexcept;

    // The schema version of the opened database (= known_schema_version() after a successful open).
    [[nodiscard]] int schema_version() const noexcept;

    // The newest schema version this code embeds for a backend.
    [[nodiscard]] static int known_schema_version(backend kind) noexcept;

    // What `schema_migrations` records, oldest first.
    [[nodiscard]] std::vector<applied_migration> applied_migrations();

    // True while a store::transaction is open on this database.
    [[nodiscard]] bool in_transaction() const noexcept;

    // For the store's own repositories (the type is only complete inside the store library).
    struct impl;
    [[nodiscard]] impl& internals() noexcept { return *impl_; }

private:
    explicit database(std::unique_ptr<impl> state);
    std::unique_ptr<impl> impl_;
};

} // namespace jd::store
