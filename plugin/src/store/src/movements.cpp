#include "store/movements.hpp"

#include "bulk_statement.hpp"
#include "database_impl.hpp"
#include "errors_from_poco.hpp"
#include "router.hpp"
#include "sqlite_statement.hpp"
#include "sql_text.hpp"
#include "store/database.hpp"
#include "store/dossiers_and_ribs.hpp"
#include "store/error.hpp"
#include "store/transaction.hpp"
#include "text_rules.hpp"

#include <Poco/Nullable.h>

#include <algorithm>
#include <set>

namespace jd::store {

using namespace Poco::Data::Keywords;

std::string_view to_string(movement_state state) noexcept {
    switch (state) {
    case movement_state::pending: return "pending";
    case movement_state::quarantined: return "quarantined";
    case movement_state::delivered: return "delivered";
    }
    return "pending";
}

std::string_view to_string(delivery_outcome outcome) noexcept {
    return outcome == delivery_outcome::stored ? "stored" : "already_stored";
}

namespace {

// One row of the multi-row INSERT (bound by reference).
struct movement_slot {
    std::string identity, rib_key, currency;
    Poco::Int64 decimals = 0;
    std::string booking_date, value_date;
    Poco::Int64 amount_minor = 0;
    std::string label, details, reference, operation_code, entry_number, piece_numero, state;
    Poco::Nullable<std::string> reason;
    Poco::Nullable<Poco::Int64> company_id, bank_account_id;
};

constexpr std::size_t movement_slot_columns = 17;

constexpr const char* insert_prefix =
    "INSERT INTO movement (instance_id, stored_at, identity, rib_key, currency, decimals, booking_date,"
    " value_date, amount_minor, label, details, reference, operation_code, entry_number, piece_numero, state,"
    " quarantine_reason, company_id, bank_account_id) VALUES ";

std::string insert_sql(std::size_t rows) {
    // $1 instance_id and $2 stored_at are shared by every row.
    std::string values;
    std::size_t parameter = 3;
    for (std::size_t row = 0; row < rows; ++row) {
        values += row == 0 ? "($1,$2," : ",($1,$2,";
        values += detail::parameter_list(movement_slot_columns, parameter);
        values += ')';
        parameter += movement_slot_columns;
    }
    return insert_prefix + values + " ON CONFLICT (instance_id, identity) DO NOTHING";
}

constexpr const char* movement_columns =
    "SELECT movement_id, identity, rib_key, currency, decimals, booking_date, value_date, amount_minor, label,"
    " details, reference, operation_code, entry_number, piece_numero, stored_at, state, quarantine_reason,"
    " company_id, bank_account_id, acknowledged_at, outcome FROM movement";

struct movement_rows {
    std::vector<Poco::Int64> id;
    std::vector<std::string> identity, rib_key, currency;
    std::vector<Poco::Int64> decimals;
    std::vector<std::string> booking_date, value_date;
    std::vector<Poco::Int64> amount;
    std::vector<std::string> label, details, reference, operation_code, entry_number, piece_numero;
    std::vector<Poco::Int64> stored_at;
    std::vector<std::string> state;
    std::vector<Poco::Nullable<std::string>> reason;
    std::vector<Poco::Nullable<Poco::Int64>> company, account, acknowledged;
    std::vector<Poco::Nullable<std::string>> outcome;

    void clear() {
        id.clear();
        for (auto* column : {&identity, &rib_key, &currency, &booking_date, &value_date, &label, &details,
                             &reference, &operation_code, &entry_number, &piece_numero, &state}) {
            column->clear();
        }
        decimals.clear();
        amount.clear();
        stored_at.clear();
        reason.clear();
        company.clear();
        account.clear();
        acknowledged.clear();
        outcome.clear();
    }

    void bind(Poco::Data::Statement& s) {
        s, into(id), into(identity), into(rib_key), into(currency), into(decimals), into(booking_date),
            into(value_date), into(amount), into(label), into(details), into(reference), into(operation_code),
            into(entry_number), into(piece_numero), into(stored_at), into(state), into(reason), into(company),
            into(account), into(acknowledged), into(outcome);
    }

    std::vector<stored_movement> take() {
        std::vector<stored_movement> out;
        out.reserve(id.size());
        for (std::size_t i = 0; i < id.size(); ++i) {
            stored_movement m;
            m.id = id[i];
            m.data.identity = std::move(identity[i]);
            m.data.rib_key = std::move(rib_key[i]);
            m.data.currency = std::move(currency[i]);
            m.data.decimals = static_cast<std::int32_t>(decimals[i]);
            m.data.booking_date = std::move(booking_date[i]);
            m.data.value_date = std::move(value_date[i]);
            m.data.amount_minor = amount[i];
            m.data.label = std::move(label[i]);
            m.data.details = std::move(details[i]);
            m.data.reference = std::move(reference[i]);
            m.data.operation_code = std::move(operation_code[i]);
            m.data.entry_number = std::move(entry_number[i]);
            m.data.piece_numero = std::move(piece_numero[i]);
            m.stored_at = stored_at[i];
            m.state = state[i] == "delivered"     ? movement_state::delivered
                      : state[i] == "quarantined" ? movement_state::quarantined
                                                  : movement_state::pending;
            if (!reason[i].isNull()) {
                m.reason = parse_quarantine_reason(reason[i].value());
            }
            if (!company[i].isNull() && !account[i].isNull()) {
                m.route = delivery_route{company[i].value(), account[i].value()};
            }
            if (!acknowledged[i].isNull()) {
                m.acknowledged_at = acknowledged[i].value();
            }
            if (!outcome[i].isNull()) {
                m.outcome = outcome[i].value() == "already_stored" ? delivery_outcome::already_stored
                                                                   : delivery_outcome::stored;
            }
            out.push_back(std::move(m));
        }
        clear();
        return out;
    }
};

// The common case, checked without building any message.
bool looks_valid(const movement& m) {
    const auto clean = [](const std::string& text) { return !detail::first_bad_byte(text).has_value(); };
    return !m.identity.empty() && is_rib_key(m.rib_key) && !m.currency.empty() && clean(m.currency) &&
           m.decimals >= 0 && m.decimals <= 9 && is_iso_date(m.booking_date) &&
           (m.value_date.empty() || is_iso_date(m.value_date)) && clean(m.identity) && clean(m.label) &&
           clean(m.details) && clean(m.reference) && clean(m.operation_code) && clean(m.entry_number) &&
           !m.piece_numero.empty() && clean(m.piece_numero);
}

// Throws store_error(invalid_argument) naming the movement and the field.
void validate(const movement& m, std::size_t index) {
    if (looks_valid(m)) {
        return;
    }
    std::string where = "movement #" + std::to_string(index);
    if (!detail::first_bad_byte(m.identity)) {
        where += " " + detail::shown(m.identity);
    }
    detail::require_nonempty_text(m.identity, "identity", where);
    detail::require_rib_key(m.rib_key, where);
    detail::require_nonempty_text(m.currency, "currency", where);
    if (m.decimals < 0 || m.decimals > 9) {
        throw store_error(error_code::invalid_argument,
                          where + ": field decimals is " + std::to_string(m.decimals) + ", expected 0 to 9");
    }
    detail::require_date(m.booking_date, "booking_date", where, false);
    detail::require_date(m.value_date, "value_date", where, true);
    detail::require_text(m.label, "label", where);
    detail::require_text(m.details, "details", where);
    detail::require_text(m.reference, "reference", where);
    detail::require_text(m.operation_code, "operation_code", where);
    detail::require_text(m.entry_number, "entry_number", where);
    detail::require_nonempty_text(m.piece_numero, "piece_numero", where);
}

} // namespace

struct movement_repository::impl {
    impl(database& db_, std::string instance)
        : owner(db_), db(db_.internals()), instance_id(std::move(instance)), routing(db, instance_id),
          ribs(db_, instance_id),
          insert(db, db.bulk_rows, insert_sql,
                 [this](Poco::Data::Statement& s) { s, use(instance_id), use(stored_at); },
                 [](Poco::Data::Statement& s, movement_slot& m) {
                     s, use(m.identity), use(m.rib_key), use(m.currency), use(m.decimals), use(m.booking_date),
                         use(m.value_date), use(m.amount_minor), use(m.label), use(m.details), use(m.reference),
                         use(m.operation_code), use(m.entry_number), use(m.piece_numero), use(m.state),
                         use(m.reason), use(m.company_id), use(m.bank_account_id);
                 }) {}

    database& owner;
    database::impl& db;
    std::string instance_id;
    detail::router routing;
    dossier_repository ribs;

    Poco::Int64 stored_at = 0;
    Poco::Int64 acknowledged_at = 0;
    Poco::Int64 route_company = 0;
    Poco::Int64 route_account = 0;
    Poco::Int64 limit = 0;
    std::string text_param;
    detail::bulk_statement<movement_slot> insert;
    std::string outcome_param;
    std::string id_array; // PostgreSQL: "{1,2,3}", one array parameter for a whole batch

    movement_rows rows;
    std::vector<Poco::Int64> counts;
    std::vector<Poco::Int64> group_company, group_account, group_count;
    std::vector<std::string> group_state, group_rib, group_reason, group_first, group_last;

    std::optional<Poco::Data::Statement> piece_exists, routes, batch, by_identity, by_state, quarantine, deliver;

    // SQLite: the per-row statements, compiled once (see sqlite_statement.hpp).
    std::unique_ptr<detail::sqlite_statement> sqlite_insert;
    std::unique_ptr<detail::sqlite_statement> sqlite_deliver;
    std::unique_ptr<detail::sqlite_statement> sqlite_batch;

    template <typename Bind>
    Poco::Data::Statement& statement(std::optional<Poco::Data::Statement>& slot, const std::string& sql, Bind bind) {
        if (!slot) {
            slot.emplace(db.prepare(sql));
            bind(*slot);
        }
        return *slot;
    }

    // Inserts the movements at `indexes` (all of one state); returns how many were new.
    std::int64_t insert_rows(const std::vector<movement>& movements, const std::vector<std::size_t>& indexes,
                             const std::vector<detail::route_decision>& decisions) {
        if (db.kind == backend::sqlite) {
            return insert_rows_sqlite(movements, indexes, decisions);
        }
        std::int64_t inserted = 0;
        std::size_t filled = 0;
        for (const auto index : indexes) {
            const auto& m = movements[index];
            const auto& decision = decisions[index];
            auto& slot = insert.slot(filled);
            slot.identity = m.identity;
            slot.rib_key = m.rib_key;
            slot.currency = m.currency;
            slot.decimals = m.decimals;
            slot.booking_date = m.booking_date;
            slot.value_date = m.value_date;
            slot.amount_minor = m.amount_minor;
            slot.label = m.label;
            slot.details = m.details;
            slot.reference = m.reference;
            slot.operation_code = m.operation_code;
            slot.entry_number = m.entry_number;
            slot.piece_numero = m.piece_numero;
            if (decision.deliverable) {
                slot.state = "pending";
                slot.reason.clear();
                slot.company_id = decision.route.company_id;
                slot.bank_account_id = decision.route.bank_account_id;
            } else {
                slot.state = "quarantined";
                slot.reason = std::string(to_string(decision.reason));
                slot.company_id.clear();
                slot.bank_account_id.clear();
            }
            if (++filled == insert.capacity()) {
                inserted += static_cast<std::int64_t>(insert.flush(filled));
                filled = 0;
            }
        }
        inserted += static_cast<std::int64_t>(insert.flush(filled));
        return inserted;
    }

    std::int64_t insert_rows_sqlite(const std::vector<movement>& movements, const std::vector<std::size_t>& indexes,
                                    const std::vector<detail::route_decision>& decisions) {
        if (!sqlite_insert) {
            sqlite_insert = std::make_unique<detail::sqlite_statement>(db, insert_sql(1));
        }
        auto& st = *sqlite_insert;
        st.bind(1, std::string_view(instance_id));
        st.bind(2, static_cast<std::int64_t>(stored_at));
        std::int64_t inserted = 0;
        for (const auto index : indexes) {
            const auto& m = movements[index];
            const auto& decision = decisions[index];
            st.bind(3, m.identity);
            st.bind(4, m.rib_key);
            st.bind(5, m.currency);
            st.bind(6, static_cast<std::int64_t>(m.decimals));
            st.bind(7, m.booking_date);
            st.bind(8, m.value_date);
            st.bind(9, m.amount_minor);
            st.bind(10, m.label);
            st.bind(11, m.details);
            st.bind(12, m.reference);
            st.bind(13, m.operation_code);
            st.bind(14, m.entry_number);
            st.bind(15, m.piece_numero);
            if (decision.deliverable) {
                st.bind(16, std::string_view("pending"));
                st.bind_null(17);
                st.bind(18, decision.route.company_id);
                st.bind(19, decision.route.bank_account_id);
            } else {
                st.bind(16, std::string_view("quarantined"));
                st.bind(17, to_string(decision.reason));
                st.bind_null(18);
                st.bind_null(19);
            }
            inserted += st.run("storing movements");
        }
        return inserted;
    }

    std::int64_t mark_delivered_sqlite(const std::vector<delivery_ack>& acks) {
        if (!sqlite_deliver) {
            sqlite_deliver = std::make_unique<detail::sqlite_statement>(
                db, "UPDATE movement SET state = 'delivered', acknowledged_at = $2, outcome = $5"
                    " WHERE movement_id = $6 AND instance_id = $1 AND state = 'pending' AND company_id = $3"
                    " AND bank_account_id = $4");
        }
        auto& st = *sqlite_deliver;
        st.bind(1, std::string_view(instance_id));
        st.bind(2, static_cast<std::int64_t>(acknowledged_at));
        st.bind(3, static_cast<std::int64_t>(route_company));
        st.bind(4, static_cast<std::int64_t>(route_account));
        std::int64_t marked = 0;
        for (const auto& ack : acks) {
            st.bind(5, to_string(ack.outcome));
            st.bind(6, ack.movement_id);
            marked += st.run("recording deliveries");
        }
        return marked;
    }

    std::vector<stored_movement> next_batch_sqlite(const delivery_route& route, std::size_t max_rows) {
        if (!sqlite_batch) {
            sqlite_batch = std::make_unique<detail::sqlite_statement>(
                db, std::string(movement_columns) +
                        " WHERE instance_id = $1 AND state = 'pending' AND company_id = $2"
                        " AND bank_account_id = $3 ORDER BY booking_date, movement_id LIMIT $4");
        }
        auto& st = *sqlite_batch;
        st.bind(1, std::string_view(instance_id));
        st.bind(2, route.company_id);
        st.bind(3, route.bank_account_id);
        st.bind(4, static_cast<std::int64_t>(max_rows));
        std::vector<stored_movement> out;
        out.reserve(max_rows);
        // Columns as listed in movement_columns; a pending movement has a route and no reason or outcome.
        while (st.step("reading movements to deliver")) {
            stored_movement m;
            m.id = st.column_int64(0);
            m.data.identity = st.column_text(1);
            m.data.rib_key = st.column_text(2);
            m.data.currency = st.column_text(3);
            m.data.decimals = static_cast<std::int32_t>(st.column_int64(4));
            m.data.booking_date = st.column_text(5);
            m.data.value_date = st.column_text(6);
            m.data.amount_minor = st.column_int64(7);
            m.data.label = st.column_text(8);
            m.data.details = st.column_text(9);
            m.data.reference = st.column_text(10);
            m.data.operation_code = st.column_text(11);
            m.data.entry_number = st.column_text(12);
            m.data.piece_numero = st.column_text(13);
            m.stored_at = st.column_int64(14);
            m.state = movement_state::pending;
            m.route = delivery_route{st.column_int64(17), st.column_int64(18)};
            out.push_back(std::move(m));
        }
        st.reset();
        return out;
    }

    void require_pieces(const std::vector<movement>& movements) {
        std::set<std::string> numeros;
        for (const auto& m : movements) {
            numeros.insert(m.piece_numero);
        }
        auto& st = statement(piece_exists, "SELECT COUNT(*) FROM raw_piece WHERE instance_id = $1 AND numero = $2",
                             [&](Poco::Data::Statement& s) { s, use(instance_id), use(text_param), into(counts); });
        for (const auto& numero : numeros) {
            text_param = numero;
            counts.clear();
            st.execute();
            if (counts.empty() || counts.front() == 0) {
                throw store_error(error_code::invalid_argument,
                                  "movements refer to piece " + detail::shown(numero) +
                                      ", which is not stored in instance " + instance_id +
                                      ": store the piece first");
            }
        }
    }
};

movement_repository::movement_repository(database& db, std::string instance_id)
    : impl_(std::make_unique<impl>(db, std::move(instance_id))) {
    detail::require_nonempty_text(impl_->instance_id, "instance_id", "movements");
}

movement_repository::~movement_repository() = default;

insert_outcome movement_repository::insert_batch(const std::vector<movement>& movements, epoch_ms stored_at) {
    auto& s = *impl_;
    insert_outcome outcome;
    outcome.received = static_cast<std::int64_t>(movements.size());
    if (movements.empty()) {
        return outcome;
    }
    for (std::size_t i = 0; i < movements.size(); ++i) {
        validate(movements[i], i);
    }

    transaction tx(s.owner);
    detail::guarded("storing movements in instance " + s.instance_id, [&] {
        s.require_pieces(movements);
        const auto generation = s.routing.lock(false);
        const auto& rules = s.routing.rules(generation);

        std::vector<detail::route_decision> decisions(movements.size());
        std::vector<std::size_t> deliverable;
        std::vector<std::size_t> kept;
        deliverable.reserve(movements.size());
        for (std::size_t i = 0; i < movements.size(); ++i) {
            const auto rule = rules.find(movements[i].rib_key);
            decisions[i] = detail::decide(rule == rules.end() ? nullptr : &rule->second, movements[i].booking_date);
            (decisions[i].deliverable ? deliverable : kept).push_back(i);
        }
        s.stored_at = stored_at;
        // One state per flush, so the affected-row counts say how many of each were new.
        outcome.pending = s.insert_rows(movements, deliverable, decisions);
        outcome.quarantined = s.insert_rows(movements, kept, decisions);
        outcome.inserted = outcome.pending + outcome.quarantined;
        outcome.duplicates = outcome.received - outcome.inserted;
    });

    // Every RIB seen in a statement becomes known to the admin (source statement).
    std::set<std::string> rib_keys;
    for (const auto& m : movements) {
        rib_keys.insert(m.rib_key);
    }
    std::vector<remote_rib> seen;
    seen.reserve(rib_keys.size());
    for (const auto& key : rib_keys) {
        remote_rib rib;
        rib.rib_key = key;
        rib.source = rib_source::statement;
        seen.push_back(std::move(rib));
    }
    s.ribs.record_ribs(seen, stored_at);
    tx.commit();
    return outcome;
}

std::vector<route_backlog> movement_repository::pending_routes() {
    auto& s = *impl_;
    return detail::guarded("listing the delivery routes of instance " + s.instance_id, [&] {
        // Asked route by route (pending movements always sit on a current bank link): a probe of the pending
        // index per link, whatever the planner's statistics say, so a sync with nothing to do stays fast.
        auto& st = s.statement(s.routes,
                               "SELECT b.company_id, b.bank_account_id, (SELECT COUNT(*) FROM movement m"
                               " WHERE m.instance_id = b.instance_id AND m.state = 'pending'"
                               " AND m.company_id = b.company_id AND m.bank_account_id = b.bank_account_id)"
                               " FROM bank_link b WHERE b.instance_id = $1 AND EXISTS (SELECT 1 FROM movement m"
                               " WHERE m.instance_id = b.instance_id AND m.state = 'pending'"
                               " AND m.company_id = b.company_id AND m.bank_account_id = b.bank_account_id)"
                               " ORDER BY b.company_id, b.bank_account_id",
                               [&](Poco::Data::Statement& x) {
                                   x, use(s.instance_id), into(s.group_company), into(s.group_account),
                                       into(s.group_count);
                               });
        s.group_company.clear();
        s.group_account.clear();
        s.group_count.clear();
        st.execute();
        std::vector<route_backlog> out;
        out.reserve(s.group_company.size());
        for (std::size_t i = 0; i < s.group_company.size(); ++i) {
            out.push_back({{s.group_company[i], s.group_account[i]}, s.group_count[i]});
        }
        return out;
    });
}

std::vector<stored_movement> movement_repository::next_batch(const delivery_route& route, std::size_t limit) {
    auto& s = *impl_;
    if (s.db.kind == backend::sqlite) {
        return s.next_batch_sqlite(route, limit);
    }
    return detail::guarded("reading movements to deliver in instance " + s.instance_id, [&] {
        auto& st = s.statement(s.batch,
                               std::string(movement_columns) +
                                   " WHERE instance_id = $1 AND state = 'pending' AND company_id = $2"
                                   " AND bank_account_id = $3 ORDER BY booking_date, movement_id LIMIT $4",
                               [&](Poco::Data::Statement& x) {
                                   x, use(s.instance_id), use(s.route_company), use(s.route_account), use(s.limit);
                                   s.rows.bind(x);
                               });
        s.route_company = route.company_id;
        s.route_account = route.bank_account_id;
        s.limit = static_cast<Poco::Int64>(limit);
        s.rows.clear();
        st.execute();
        return s.rows.take();
    });
}

std::int64_t movement_repository::mark_delivered(const delivery_route& route, const std::vector<delivery_ack>& acks,
                                                 epoch_ms acknowledged_at) {
    auto& s = *impl_;
    if (acks.empty()) {
        return 0;
    }
    transaction tx(s.owner);
    const auto marked = detail::guarded("recording deliveries in instance " + s.instance_id, [&] {
        s.route_company = route.company_id;
        s.route_account = route.bank_account_id;
        s.acknowledged_at = acknowledged_at;
        if (s.db.kind == backend::sqlite) {
            return s.mark_delivered_sqlite(acks);
        }
        // PostgreSQL: one statement per outcome, the ids as one array parameter (one round trip).
        auto& st = s.statement(s.deliver,
                               "UPDATE movement SET state = 'delivered', acknowledged_at = $2, outcome = $5"
                               " WHERE instance_id = $1 AND state = 'pending' AND company_id = $3"
                               " AND bank_account_id = $4 AND movement_id = ANY (CAST($6 AS BIGINT[]))",
                               [&](Poco::Data::Statement& x) {
                                   x, use(s.instance_id), use(s.acknowledged_at), use(s.route_company),
                                       use(s.route_account), use(s.outcome_param), use(s.id_array);
                               });
        std::int64_t total = 0;
        for (const auto wanted : {delivery_outcome::stored, delivery_outcome::already_stored}) {
            s.id_array = "{";
            for (const auto& ack : acks) {
                if (ack.outcome == wanted) {
                    s.id_array += s.id_array.size() > 1 ? "," : "";
                    s.id_array += std::to_string(ack.movement_id);
                }
            }
            s.id_array += "}";
            if (s.id_array.size() > 2) {
                s.outcome_param = std::string(to_string(wanted));
                total += static_cast<std::int64_t>(st.execute());
            }
        }
        return total;
    });
    tx.commit();
    return marked;
}

route_change movement_repository::reroute_rib(const std::string& rib_key) {
    auto& s = *impl_;
    detail::require_rib_key(rib_key, "re-routing");
    transaction tx(s.owner);
    s.routing.lock(true);
    const auto change = s.routing.reroute(detail::reroute_scope::rib, rib_key, 0);
    tx.commit();
    return change;
}

route_change movement_repository::reroute_company(std::int64_t company_id) {
    auto& s = *impl_;
    transaction tx(s.owner);
    s.routing.lock(true);
    const auto change = s.routing.reroute(detail::reroute_scope::company, "", company_id);
    tx.commit();
    return change;
}

route_change movement_repository::reroute_all() {
    auto& s = *impl_;
    transaction tx(s.owner);
    s.routing.lock(true);
    const auto change = s.routing.reroute(detail::reroute_scope::all, "", 0);
    tx.commit();
    return change;
}

std::optional<stored_movement> movement_repository::find(const std::string& identity) {
    auto& s = *impl_;
    auto found = detail::guarded("reading movement " + detail::shown(identity), [&] {
        auto& st = s.statement(s.by_identity, std::string(movement_columns) + " WHERE instance_id = $1 AND identity = $2",
                               [&](Poco::Data::Statement& x) {
                                   x, use(s.instance_id), use(s.text_param);
                                   s.rows.bind(x);
                               });
        s.text_param = identity;
        s.rows.clear();
        st.execute();
        return s.rows.take();
    });
    if (found.empty()) {
        return std::nullopt;
    }
    return std::move(found.front());
}

state_counts movement_repository::count_by_state() {
    auto& s = *impl_;
    return detail::guarded("counting the movements of instance " + s.instance_id, [&] {
        auto& st = s.statement(s.by_state,
                               "SELECT state, COUNT(*) FROM movement WHERE instance_id = $1 GROUP BY state",
                               [&](Poco::Data::Statement& x) { x, use(s.instance_id), into(s.group_state), into(s.group_count); });
        s.group_state.clear();
        s.group_count.clear();
        st.execute();
        state_counts counts;
        for (std::size_t i = 0; i < s.group_state.size(); ++i) {
            if (s.group_state[i] == "pending") {
                counts.pending = s.group_count[i];
            } else if (s.group_state[i] == "quarantined") {
                counts.quarantined = s.group_count[i];
            } else {
                counts.delivered = s.group_count[i];
            }
        }
        return counts;
    });
}

std::vector<quarantine_group> movement_repository::quarantine_summary() {
    auto& s = *impl_;
    return detail::guarded("summarising the quarantine of instance " + s.instance_id, [&] {
        auto& st = s.statement(s.quarantine,
                               "SELECT rib_key, quarantine_reason, COUNT(*), MIN(booking_date), MAX(booking_date)"
                               " FROM movement WHERE instance_id = $1 AND state = 'quarantined'"
                               " GROUP BY rib_key, quarantine_reason"
                               " ORDER BY rib_key, quarantine_reason",
                               [&](Poco::Data::Statement& x) {
                                   x, use(s.instance_id), into(s.group_rib), into(s.group_reason), into(s.group_count),
                                       into(s.group_first), into(s.group_last);
                               });
        s.group_rib.clear();
        s.group_reason.clear();
        s.group_count.clear();
        s.group_first.clear();
        s.group_last.clear();
        st.execute();
        std::vector<quarantine_group> out;
        out.reserve(s.group_rib.size());
        for (std::size_t i = 0; i < s.group_rib.size(); ++i) {
            out.push_back({s.group_rib[i], parse_quarantine_reason(s.group_reason[i]).value_or(quarantine_reason::no_bank_link),
                           s.group_count[i], s.group_first[i], s.group_last[i]});
        }
        return out;
    });
}

} // namespace jd::store
