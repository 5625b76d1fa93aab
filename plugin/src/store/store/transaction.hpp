#pragma once
// A write transaction on a store::database, RAII style.
//
//   store::transaction tx(db);
//   … repository calls …
//   tx.commit();            // leaving the scope without commit() rolls back
//
// Nesting: a transaction opened while another is open joins it (one database transaction). The inner
// commit() only marks its part done; the outermost commit() commits. An inner transaction left without
// commit() (an exception went through it) dooms the whole: the outer commit() then throws
// store_error(usage) and everything is rolled back. Repository calls that change several rows open their own
// (joining) transaction, so a caller may group several calls into one atomic unit with an outer transaction.
//
// SQLite: BEGIN IMMEDIATE (the write lock is taken at once, waiting up to the busy timeout), so a transaction
// never fails half-way because another connection wrote in between. PostgreSQL: READ COMMITTED.

#include <functional>

namespace jd::store {

class database;

class transaction {
public:
    explicit transaction(database& db);
    ~transaction();
    transaction(const transaction&) = delete;
    transaction& operator=(const transaction&) = delete;

    void commit();

    // True if this object began the database transaction (it is not nested).
    [[nodiscard]] bool outermost() const noexcept { return outermost_; }

private:
    database& db_;
    bool outermost_ = false;
    bool done_ = false;
};

// Runs `work` inside a transaction and commits; rolls back and rethrows if it throws.
void in_transaction(database& db, const std::function<void()>& work);

} // namespace jd::store
