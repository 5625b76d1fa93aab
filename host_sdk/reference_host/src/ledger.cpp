#include "refhost/ledger.hpp"

#include "refhost/companies.hpp"
#include "refhost/database.hpp"
#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/time_format.hpp"

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Statement.h>

#include <sqlite3.h>

#include <cctype>
#include <cstdint>
#include <string>
#include <map>

using namespace Poco::Data::Keywords;

namespace refhost::ledger {

namespace {

[[noreturn]] void reject(std::size_t index, std::string_view field, const std::string& why) {
    throw failure(HS_E_INVALID_ARGUMENT, tr("mouvement ", "movement ") + std::to_string(index) + ", " +
                                             std::string(field) + " : " + why);
}

bool is_currency_code(const std::string& text) {
    if (text.size() != 3) return false;
    for (const char c : text)
        if (c < 'A' || c > 'Z') return false;
    return true;
}

constexpr std::size_t max_key_size = 512;

// One SQL statement compiled once on the session's SQLite connection and run many times.
class compiled {
public:
    compiled(sqlite3* handle, const char* sql) : handle_(handle) {
        if (sqlite3_prepare_v2(handle_, sql, -1, &statement_, nullptr) != SQLITE_OK) fail("prepare");
    }
    ~compiled() { sqlite3_finalize(statement_); }
    compiled(const compiled&) = delete;
    compiled& operator=(const compiled&) = delete;

    void bind(int index, std::int64_t value) { sqlite3_bind_int64(statement_, index, value); }
    void bind(int index, const std::string& text) {
        sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    // True when a row is there.
    bool step() {
        const int rc = sqlite3_step(statement_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        fail("step");
    }
    void reset() noexcept {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    }
    [[nodiscard]] std::int64_t int64_at(int column) const { return sqlite3_column_int64(statement_, column); }
    [[nodiscard]] std::string text_at(int column) const {
        const auto* text = sqlite3_column_text(statement_, column);
        return text == nullptr ? std::string()
                               : std::string(reinterpret_cast<const char*>(text),
                                             static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
    }

private:
    [[noreturn]] void fail(const char* doing) {
        const std::string message = std::string("ledger ") + doing + ": " + sqlite3_errmsg(handle_);
        if (statement_ != nullptr) sqlite3_reset(statement_);
        throw failure(HS_E_INTERNAL, message);
    }

    sqlite3* handle_;
    sqlite3_stmt* statement_ = nullptr;
};

} // namespace

void validate(const delivery& batch) {
    if (batch.company_id <= 0)
        throw failure(HS_E_INVALID_ARGUMENT, tr("livraison : company_id invalide", "delivery: invalid company_id"));
    if (batch.bank_account_id <= 0)
        throw failure(HS_E_INVALID_ARGUMENT,
                      tr("livraison : bank_account_id invalide", "delivery: invalid bank_account_id"));
    for (std::size_t i = 0; i < batch.movements.size(); ++i) {
        const auto& m = batch.movements[i];
        if (m.idempotency_key.empty()) reject(i, "idempotency_key", tr("vide", "empty"));
        if (m.idempotency_key.size() > max_key_size)
            reject(i, "idempotency_key", tr("plus de 512 octets", "longer than 512 bytes"));
        if (!is_calendar_date(m.booking_date))
            reject(i, "booking_date", tr("date AAAA-MM-JJ attendue, reçu « ", "a YYYY-MM-DD date is expected, got \"") +
                                          m.booking_date + tr(" »", "\""));
        if (!m.value_date.empty() && !is_calendar_date(m.value_date))
            reject(i, "value_date", tr("date AAAA-MM-JJ ou vide attendue, reçu « ",
                                       "a YYYY-MM-DD date or \"\" is expected, got \"") +
                                        m.value_date + tr(" »", "\""));
        if (m.decimals < 0 || m.decimals > 6)
            reject(i, "decimals", tr("entre 0 et 6 attendu, reçu ", "0 to 6 expected, got ") +
                                      std::to_string(m.decimals));
        if (!is_currency_code(m.currency))
            reject(i, "currency", tr("code ISO 4217 attendu, reçu « ", "an ISO 4217 code is expected, got \"") +
                                      m.currency + tr(" »", "\""));
    }
}

delivery_result deliver(Poco::Data::Session& session, const delivery& batch, std::int64_t received_at_ms) {
    validate(batch);
    delivery_result result;
    result.outcomes.reserve(batch.movements.size());

    write_transaction transaction(session);
    const auto owner = companies::owner_of_bank_account(session, batch.bank_account_id);
    if (!owner) {
        throw failure(HS_E_NOT_FOUND, tr("compte bancaire inconnu : ", "unknown bank account: ") +
                                          std::to_string(batch.bank_account_id));
    }
    if (*owner != batch.company_id) {
        throw failure(HS_E_NOT_FOUND, tr("le compte bancaire ", "bank account ") +
                                          std::to_string(batch.bank_account_id) +
                                          tr(" n'appartient pas à la société ", " does not belong to company ") +
                                          std::to_string(batch.company_id));
    }

    // Two statements compiled once per batch, straight on Poco's SQLite connection: Poco 1.11 compiles the SQL
    // again on every execute, which made the per-movement cost of a large backfill several times higher.
    sqlite3* handle = Poco::Data::SQLite::Utility::dbHandle(session);
    compiled lookup(handle, "SELECT company_id, bank_account_id, amount_minor, booking_date, currency "
                            "FROM ledger_movements WHERE provider_id = $1 AND idempotency_key = $2");
    compiled insert(handle,
                    "INSERT INTO ledger_movements (provider_id, source, idempotency_key, company_id, bank_account_id, "
                    "booking_date, value_date, amount_minor, decimals, currency, label, details, reference, "
                    "operation_code, entry_number, received_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) "
                    "ON CONFLICT (provider_id, idempotency_key) DO NOTHING");
    const std::string received_at = iso_utc(received_at_ms);

    // Insert first: a new key (the common case) costs one statement; a key already stored is then looked up
    // to tell a repeated delivery from a key reused for another movement.
    for (const auto& m : batch.movements) {
        insert.bind(1, batch.provider_id);
        insert.bind(2, batch.source);
        insert.bind(3, m.idempotency_key);
        insert.bind(4, batch.company_id);
        insert.bind(5, batch.bank_account_id);
        insert.bind(6, m.booking_date);
        insert.bind(7, m.value_date);
        insert.bind(8, m.amount_minor);
        insert.bind(9, static_cast<std::int64_t>(m.decimals));
        insert.bind(10, m.currency);
        insert.bind(11, m.label);
        insert.bind(12, m.details);
        insert.bind(13, m.reference);
        insert.bind(14, m.operation_code);
        insert.bind(15, m.entry_number);
        insert.bind(16, received_at);
        insert.step();
        insert.reset();
        if (sqlite3_changes(handle) == 0) {
            lookup.bind(1, batch.provider_id);
            lookup.bind(2, m.idempotency_key);
            const bool found = lookup.step();
            const bool same = found && lookup.int64_at(0) == batch.company_id &&
                              lookup.int64_at(1) == batch.bank_account_id && lookup.int64_at(2) == m.amount_minor &&
                              lookup.text_at(3) == m.booking_date && lookup.text_at(4) == m.currency;
            lookup.reset();
            result.outcomes.push_back(outcome::already_stored);
            ++result.already_stored;
            if (!same) result.reused_keys.push_back(m.idempotency_key);
            continue;
        }
        result.outcomes.push_back(outcome::stored);
        ++result.stored;
    }
    transaction.commit();
    return result;
}

std::vector<summary_row> summary(Poco::Data::Session& session) {
    std::vector<Poco::Int64> company_ids, account_ids, counts, sums;
    std::vector<int> decimals;
    std::vector<std::string> names, labels, currencies, firsts, lasts;
    session << "SELECT m.company_id, COALESCE(c.legal_name, ''), m.bank_account_id, COALESCE(b.label, ''), "
               "m.currency, m.decimals, COUNT(*), SUM(m.amount_minor), MIN(m.booking_date), MAX(m.booking_date) "
               "FROM ledger_movements m "
               "LEFT JOIN companies c ON c.id = m.company_id "
               "LEFT JOIN bank_accounts b ON b.id = m.bank_account_id "
               "GROUP BY m.company_id, m.bank_account_id, m.currency, m.decimals "
               "ORDER BY m.company_id, m.bank_account_id, m.currency",
        into(company_ids), into(names), into(account_ids), into(labels), into(currencies), into(decimals),
        into(counts), into(sums), into(firsts), into(lasts), now;
    std::vector<summary_row> rows;
    for (std::size_t i = 0; i < company_ids.size(); ++i) {
        rows.push_back(summary_row{company_ids[i], names[i], account_ids[i], labels[i], currencies[i], decimals[i],
                                   counts[i], sums[i], firsts[i], lasts[i]});
    }
    return rows;
}

std::vector<stored_movement> list(Poco::Data::Session& session, std::int64_t company_id,
                                  std::optional<std::int64_t> bank_account_id, std::int64_t limit) {
    Poco::Int64 company = company_id;
    Poco::Int64 account = bank_account_id.value_or(0);
    int any_account = bank_account_id ? 0 : 1;
    Poco::Int64 max_rows = limit;
    std::vector<Poco::Int64> ids, companies_, accounts, amounts;
    std::vector<int> decimals;
    std::vector<std::string> sources, keys, booking, value, currencies, labels, details, references, codes, entries,
        received;
    session << "SELECT id, source, idempotency_key, company_id, bank_account_id, booking_date, value_date, "
               "amount_minor, decimals, currency, label, details, reference, operation_code, entry_number, "
               "received_at FROM ledger_movements "
               "WHERE company_id = $1 AND (bank_account_id = $2 OR $3 = 1) "
               "ORDER BY booking_date DESC, id DESC LIMIT $4",
        into(ids), into(sources), into(keys), into(companies_), into(accounts), into(booking), into(value),
        into(amounts), into(decimals), into(currencies), into(labels), into(details), into(references), into(codes),
        into(entries), into(received), use(company), use(account), use(any_account), use(max_rows), now;
    std::vector<stored_movement> rows;
    rows.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        stored_movement row;
        row.id = ids[i];
        row.source = sources[i];
        row.company_id = companies_[i];
        row.bank_account_id = accounts[i];
        row.movement.idempotency_key = keys[i];
        row.movement.booking_date = booking[i];
        row.movement.value_date = value[i];
        row.movement.amount_minor = amounts[i];
        row.movement.decimals = decimals[i];
        row.movement.currency = currencies[i];
        row.movement.label = labels[i];
        row.movement.details = details[i];
        row.movement.reference = references[i];
        row.movement.operation_code = codes[i];
        row.movement.entry_number = entries[i];
        row.received_at = received[i];
        rows.push_back(std::move(row));
    }
    return rows;
}

std::int64_t count(Poco::Data::Session& session) {
    Poco::Int64 total = 0;
    session << "SELECT COUNT(*) FROM ledger_movements", into(total), now;
    return total;
}

} // namespace refhost::ledger
