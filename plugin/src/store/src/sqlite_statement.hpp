#pragma once
// A statement compiled once and reused, straight on the SQLite connection that Poco opened.
//
// Why: Poco 1.11's SQLite connector compiles the SQL again on every execute() (sqlite3_prepare_v2 took a third
// of the time of a movement insert, measured with store-bench). The per-row hot paths of the sync (inserting
// movements, marking them delivered) use this instead; everything else goes through Poco.

#include "database_impl.hpp"

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace jd::store::detail {

class sqlite_statement {
public:
    // `text` uses $1, $2… like the rest of the store.
    sqlite_statement(database::impl& db, std::string_view text);
    ~sqlite_statement();
    sqlite_statement(const sqlite_statement&) = delete;
    sqlite_statement& operator=(const sqlite_statement&) = delete;

    // Parameters are 1-based, as $N. Text is copied by SQLite (valid after the call returns).
    void bind(int index, std::int64_t value);
    void bind(int index, std::string_view text);
    void bind_null(int index);

    // Runs to the next row: true when a row is there. Throws store_error (classified) on failure, after
    // resetting the statement.
    bool step(std::string_view doing);

    // Runs a statement that returns no rows; returns the rows it changed.
    std::int64_t run(std::string_view doing);

    void reset() noexcept;

    [[nodiscard]] std::int64_t column_int64(int column) const;
    [[nodiscard]] std::string column_text(int column) const;
    [[nodiscard]] bool column_is_null(int column) const;

private:
    sqlite3* handle_;
    sqlite3_stmt* statement_ = nullptr;
};

} // namespace jd::store::detail
