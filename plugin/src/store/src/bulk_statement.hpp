#pragma once
// A multi-row statement prepared once for a fixed number of rows, with a one-row twin for the rest: PostgreSQL
// pays one round trip per statement, so movements go in groups (SQLite uses sqlite_statement instead).
// Slots are bound by reference once, so they live at fixed addresses (never resized).

#include "database_impl.hpp"

#include <Poco/Data/Statement.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace jd::store::detail {

template <typename Slot>
class bulk_statement {
public:
    using sql_builder = std::function<std::string(std::size_t rows)>;
    using shared_binder = std::function<void(Poco::Data::Statement&)>;
    using slot_binder = std::function<void(Poco::Data::Statement&, Slot&)>;

    // `sql(rows)` gives the statement for `rows` rows; `bind_shared` binds the parameters common to every row
    // (they come first: $1…), `bind_slot` one row's parameters, in the order sql() numbers them.
    bulk_statement(database::impl& db, std::size_t rows, sql_builder sql, shared_binder bind_shared,
                   slot_binder bind_slot)
        : db_(db), rows_(rows < 1 ? 1 : rows), sql_(std::move(sql)), bind_shared_(std::move(bind_shared)),
          bind_slot_(std::move(bind_slot)) {
        if (rows_ > 1) {
            slots_.resize(rows_);
        }
    }

    bulk_statement(const bulk_statement&) = delete;
    bulk_statement& operator=(const bulk_statement&) = delete;

    [[nodiscard]] std::size_t capacity() const noexcept { return rows_; }
    [[nodiscard]] Slot& slot(std::size_t i) noexcept { return rows_ > 1 ? slots_[i] : single_; }

    // Executes slots [0, filled) and returns the number of rows the database reports as affected.
    std::size_t flush(std::size_t filled) {
        if (filled == 0) {
            return 0;
        }
        if (filled == rows_ && rows_ > 1) {
            return many().execute();
        }
        std::size_t affected = 0;
        for (std::size_t i = 0; i < filled; ++i) {
            if (rows_ > 1) {
                single_ = std::move(slots_[i]);
            }
            affected += one().execute();
        }
        return affected;
    }

private:
    Poco::Data::Statement& many() {
        if (!many_) {
            many_.emplace(db_.prepare(sql_(rows_)));
            bind_shared_(*many_);
            for (auto& s : slots_) {
                bind_slot_(*many_, s);
            }
        }
        return *many_;
    }

    Poco::Data::Statement& one() {
        if (!one_) {
            one_.emplace(db_.prepare(sql_(1)));
            bind_shared_(*one_);
            bind_slot_(*one_, single_);
        }
        return *one_;
    }

    database::impl& db_;
    std::size_t rows_;
    sql_builder sql_;
    shared_binder bind_shared_;
    slot_binder bind_slot_;
    std::vector<Slot> slots_;
    Slot single_{};
    std::optional<Poco::Data::Statement> many_;
    std::optional<Poco::Data::Statement> one_;
};

} // namespace jd::store::detail
