#include "store/diagnostics.hpp"

#include "database_impl.hpp"
#include "errors_from_poco.hpp"
#include "store/database.hpp"
#include "store/transaction.hpp"
#include "text_rules.hpp"

#include <Poco/Nullable.h>

namespace jd::store {

using namespace Poco::Data::Keywords;

std::string_view to_string(diagnostic_severity severity) noexcept {
    return severity == diagnostic_severity::warning ? "warning" : "error";
}

namespace {

constexpr const char* diagnostic_columns =
    "SELECT diagnostic_id, numero, severity, code, rib_key, statement_date, expected_minor, found_minor, message,"
    " recorded_at FROM piece_diagnostic";

struct diagnostic_rows {
    std::vector<Poco::Int64> id, at;
    std::vector<std::string> numero, severity, code, rib, date, message;
    std::vector<Poco::Nullable<Poco::Int64>> expected, found;
    void clear() {
        id.clear();
        at.clear();
        for (auto* column : {&numero, &severity, &code, &rib, &date, &message}) {
            column->clear();
        }
        expected.clear();
        found.clear();
    }
    void bind(Poco::Data::Statement& s) {
        s, into(id), into(numero), into(severity), into(code), into(rib), into(date), into(expected), into(found),
            into(message), into(at);
    }
    std::vector<piece_diagnostic> take() {
        std::vector<piece_diagnostic> out;
        out.reserve(id.size());
        for (std::size_t i = 0; i < id.size(); ++i) {
            piece_diagnostic d;
            d.diagnostic_id = id[i];
            d.numero = std::move(numero[i]);
            d.severity = severity[i] == "error" ? diagnostic_severity::error : diagnostic_severity::warning;
            d.code = std::move(code[i]);
            d.rib_key = std::move(rib[i]);
            d.statement_date = std::move(date[i]);
            if (!expected[i].isNull()) {
                d.expected_minor = expected[i].value();
            }
            if (!found[i].isNull()) {
                d.found_minor = found[i].value();
            }
            d.message = std::move(message[i]);
            d.recorded_at = at[i];
            out.push_back(std::move(d));
        }
        clear();
        return out;
    }
};

} // namespace

struct diagnostic_repository::impl {
    impl(database& db_, std::string instance) : owner(db_), db(db_.internals()), instance_id(std::move(instance)) {}

    database& owner;
    database::impl& db;
    std::string instance_id;

    std::string numero, severity, code, rib, date, message;
    Poco::Nullable<Poco::Int64> expected, found;
    Poco::Int64 at = 0;
    Poco::Int64 limit = 0;
    diagnostic_rows rows;
    std::vector<Poco::Int64> counts;
    std::optional<Poco::Data::Statement> erase, insert, of_piece, recent, count;

    template <typename Bind>
    Poco::Data::Statement& statement(std::optional<Poco::Data::Statement>& slot, const std::string& sql, Bind bind) {
        if (!slot) {
            slot.emplace(db.prepare(sql));
            bind(*slot);
        }
        return *slot;
    }
};

diagnostic_repository::diagnostic_repository(database& db, std::string instance_id)
    : impl_(std::make_unique<impl>(db, std::move(instance_id))) {
    detail::require_nonempty_text(impl_->instance_id, "instance_id", "diagnostics");
}

diagnostic_repository::~diagnostic_repository() = default;

void diagnostic_repository::replace_for_piece(const std::string& numero,
                                              const std::vector<piece_diagnostic>& diagnostics,
                                              epoch_ms recorded_at) {
    auto& s = *impl_;
    detail::require_nonempty_text(numero, "numero", "diagnostics");
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const auto& d = diagnostics[i];
        const std::string where = "diagnostic #" + std::to_string(i) + " of piece " + detail::shown(numero);
        detail::require_nonempty_text(d.code, "code", where);
        if (!d.rib_key.empty()) {
            detail::require_rib_key(d.rib_key, where);
        }
        detail::require_date(d.statement_date, "statement_date", where, true);
    }
    transaction tx(s.owner);
    detail::guarded("recording the diagnostics of piece " + detail::shown(numero), [&] {
        auto& erase = s.statement(s.erase, "DELETE FROM piece_diagnostic WHERE instance_id = $1 AND numero = $2",
                                  [&](Poco::Data::Statement& x) { x, use(s.instance_id), use(s.numero); });
        auto& insert = s.statement(
            s.insert,
            "INSERT INTO piece_diagnostic (instance_id, numero, severity, code, rib_key, statement_date,"
            " expected_minor, found_minor, message, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            [&](Poco::Data::Statement& x) {
                x, use(s.instance_id), use(s.numero), use(s.severity), use(s.code), use(s.rib), use(s.date),
                    use(s.expected), use(s.found), use(s.message), use(s.at);
            });
        s.numero = numero;
        erase.execute();
        s.at = recorded_at;
        for (const auto& d : diagnostics) {
            s.severity = std::string(to_string(d.severity));
            s.code = d.code;
            s.rib = d.rib_key;
            s.date = d.statement_date;
            s.expected = d.expected_minor ? Poco::Nullable<Poco::Int64>(*d.expected_minor) : Poco::Nullable<Poco::Int64>();
            s.found = d.found_minor ? Poco::Nullable<Poco::Int64>(*d.found_minor) : Poco::Nullable<Poco::Int64>();
            s.message = detail::repaired_text(d.message);
            insert.execute();
        }
    });
    tx.commit();
}

std::vector<piece_diagnostic> diagnostic_repository::for_piece(const std::string& numero) {
    auto& s = *impl_;
    return detail::guarded("reading the diagnostics of piece " + detail::shown(numero), [&] {
        auto& st = s.statement(s.of_piece,
                               std::string(diagnostic_columns) +
                                   " WHERE instance_id = $1 AND numero = $2 ORDER BY diagnostic_id",
                               [&](Poco::Data::Statement& x) {
                                   x, use(s.instance_id), use(s.numero);
                                   s.rows.bind(x);
                               });
        s.numero = numero;
        s.rows.clear();
        st.execute();
        return s.rows.take();
    });
}

std::vector<piece_diagnostic> diagnostic_repository::recent(std::size_t limit) {
    auto& s = *impl_;
    return detail::guarded("reading the diagnostics of instance " + s.instance_id, [&] {
        auto& st = s.statement(s.recent,
                               std::string(diagnostic_columns) +
                                   " WHERE instance_id = $1 ORDER BY diagnostic_id DESC LIMIT $2",
                               [&](Poco::Data::Statement& x) {
                                   x, use(s.instance_id), use(s.limit);
                                   s.rows.bind(x);
                               });
        s.limit = static_cast<Poco::Int64>(limit);
        s.rows.clear();
        st.execute();
        return s.rows.take();
    });
}

std::int64_t diagnostic_repository::count_since(epoch_ms since) {
    auto& s = *impl_;
    return detail::guarded("counting the diagnostics of instance " + s.instance_id, [&] {
        auto& st = s.statement(s.count,
                               "SELECT COUNT(*) FROM piece_diagnostic WHERE instance_id = $1 AND recorded_at >= $2",
                               [&](Poco::Data::Statement& x) { x, use(s.instance_id), use(s.at), into(s.counts); });
        s.at = since;
        s.counts.clear();
        st.execute();
        return s.counts.empty() ? std::int64_t{0} : static_cast<std::int64_t>(s.counts.front());
    });
}

} // namespace jd::store
