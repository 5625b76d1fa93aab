#pragma once
// What a store::database holds; only the store's own sources see it.

#include "store/database.hpp"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace jd::store {

struct database::impl {
    impl(backend kind_, std::string description_, Poco::Data::Session session_);

    backend kind;
    std::string description;
    Poco::Data::Session session;
    int schema_version = 0;

    // Rows per multi-row INSERT on PostgreSQL (a round trip per statement); SQLite does not use it.
    std::size_t bulk_rows = 1;

    // Transaction bookkeeping (see store/transaction.hpp).
    int depth = 0;
    bool doomed = false;

    // SQL written with $1, $2… placeholders, ready for this backend: SQLite numbers "$N" parameters in order
    // of first appearance, so they become "?N" there (explicit index) and may appear in any order.
    [[nodiscard]] std::string sql(std::string_view text) const;

    // A statement prepared from `text` (through sql()); bind with use() on lvalues that outlive it.
    [[nodiscard]] Poco::Data::Statement prepare(std::string_view text);

    // Runs a whole script (several statements) outside Poco: migrations and connection settings.
    void execute_script(std::string_view script);

    void begin();
    void commit();
    void rollback() noexcept;
};

} // namespace jd::store
