#include "store/transaction.hpp"

#include "database_impl.hpp"
#include "store/error.hpp"

namespace jd::store {

transaction::transaction(database& db) : db_(db) {
    auto& state = db_.internals();
    if (state.depth == 0) {
        state.begin(); // throws store_error (busy after the busy timeout)
        state.doomed = false;
        outermost_ = true;
    }
    ++state.depth;
}

transaction::~transaction() {
    if (done_) {
        return;
    }
    auto& state = db_.internals();
    --state.depth;
    if (outermost_) {
        state.rollback();
        state.depth = 0;
        state.doomed = false;
    } else {
        state.doomed = true; // an exception went through a nested part: the whole must not commit
    }
}

void transaction::commit() {
    if (done_) {
        throw store_error(error_code::usage, "transaction committed twice");
    }
    auto& state = db_.internals();
    done_ = true;
    --state.depth;
    if (!outermost_) {
        return;
    }
    if (state.doomed) {
        state.rollback();
        state.doomed = false;
        throw store_error(error_code::usage,
                          "transaction rolled back: a nested part of it failed (its exception was caught)");
    }
    try {
        state.commit();
    } catch (...) {
        state.rollback();
        throw;
    }
}

void in_transaction(database& db, const std::function<void()>& work) {
    transaction tx(db);
    work();
    tx.commit();
}

} // namespace jd::store
