#include "store/states.hpp"

#include "database_impl.hpp"
#include "errors_from_poco.hpp"
#include "store/database.hpp"
#include "text_rules.hpp"

#include <Poco/Nullable.h>

#include <array>

namespace jd::store {

using namespace Poco::Data::Keywords;

namespace {

constexpr std::array<std::pair<health_state, std::string_view>, 8> state_names{{
    {health_state::ok, "ok"},
    {health_state::non_configure, "non_configure"},
    {health_state::identifiants_refuses, "identifiants_refuses"},
    {health_state::procedure_non_souscrite, "procedure_non_souscrite"},
    {health_state::compte_inconnu, "compte_inconnu"},
    {health_state::erreur_reseau, "erreur_reseau"},
    {health_state::erreur_certificat, "erreur_certificat"},
    {health_state::piece_illisible, "piece_illisible"},
}};

// The two tables differ only by their key: (instance_id) or (instance_id, company_id).
std::string upsert_sql(bool company, bool run) {
    const std::string table = company ? "company_state" : "instance_state";
    const std::string key_columns = company ? "instance_id, company_id" : "instance_id";
    const std::string key_values = company ? "$1, $6" : "$1";
    // $2 state, $3 message, $4 last_success_at (NULL unless a successful run), $5 time
    std::string sql = "INSERT INTO " + table + " (" + key_columns +
                      ", state, message, last_success_at, last_run_at, updated_at) VALUES (" + key_values + ", $2, $3, $4, " +
                      (run ? "$5" : "NULL") + ", $5) ON CONFLICT (" + key_columns +
                      ") DO UPDATE SET state = excluded.state, message = excluded.message,"
                      " updated_at = excluded.updated_at";
    if (run) {
        sql += ", last_run_at = excluded.last_run_at, last_success_at = COALESCE(excluded.last_success_at, " + table +
               ".last_success_at)";
    }
    return sql;
}

struct health_rows {
    std::vector<Poco::Int64> company;
    std::vector<std::string> state, message;
    std::vector<Poco::Nullable<Poco::Int64>> success, run;
    std::vector<Poco::Int64> updated;
    void clear() {
        company.clear();
        state.clear();
        message.clear();
        success.clear();
        run.clear();
        updated.clear();
    }
    void bind(Poco::Data::Statement& s) {
        s, into(company), into(state), into(message), into(success), into(run), into(updated);
    }
    std::vector<company_health> take() {
        std::vector<company_health> out;
        out.reserve(state.size());
        for (std::size_t i = 0; i < state.size(); ++i) {
            company_health row;
            row.company_id = company[i];
            row.status.state = parse_health_state(state[i]).value_or(health_state::non_configure);
            row.status.message = std::move(message[i]);
            if (!success[i].isNull()) {
                row.status.last_success_at = success[i].value();
            }
            if (!run[i].isNull()) {
                row.status.last_run_at = run[i].value();
            }
            row.status.updated_at = updated[i];
            out.push_back(std::move(row));
        }
        clear();
        return out;
    }
};

} // namespace

std::string_view to_string(health_state state) noexcept {
    for (const auto& [value, name] : state_names) {
        if (value == state) {
            return name;
        }
    }
    return "non_configure";
}

std::optional<health_state> parse_health_state(std::string_view text) noexcept {
    for (const auto& [value, name] : state_names) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

struct state_repository::impl {
    impl(database& db_, std::string instance) : db(db_.internals()), instance_id(std::move(instance)) {}

    database::impl& db;
    std::string instance_id;

    std::string state;
    std::string message;
    Poco::Nullable<Poco::Int64> success;
    Poco::Int64 at = 0;
    Poco::Int64 company = 0;
    health_rows rows;
    // [company][run]
    std::array<std::array<std::optional<Poco::Data::Statement>, 2>, 2> upserts;
    std::optional<Poco::Data::Statement> read_instance, read_company, read_companies;

    void write(bool for_company, bool run, std::int64_t company_id, health_state value, const std::string& text,
               epoch_ms when) {
        detail::require_text(text, "message", for_company ? "company state" : "instance state");
        detail::guarded(std::string("recording the state of ") +
                            (for_company ? "company " + std::to_string(company_id) : "instance " + instance_id),
                        [&] {
                            auto& slot = upserts[for_company ? 1U : 0U][run ? 1U : 0U];
                            if (!slot) {
                                slot.emplace(db.prepare(upsert_sql(for_company, run)));
                                *slot, use(instance_id), use(state), use(message), use(success), use(at);
                                if (for_company) {
                                    *slot, use(company);
                                }
                            }
                            state = std::string(to_string(value));
                            message = text;
                            success = run && value == health_state::ok ? Poco::Nullable<Poco::Int64>(when)
                                                                       : Poco::Nullable<Poco::Int64>();
                            at = when;
                            company = company_id;
                            slot->execute();
                        });
    }

    std::vector<company_health> read(std::optional<Poco::Data::Statement>& slot, const std::string& where,
                                      std::int64_t company_id, bool with_company) {
        return detail::guarded("reading states of instance " + instance_id, [&] {
            if (!slot) {
                slot.emplace(db.prepare(
                    std::string("SELECT ") + (with_company ? "company_id" : "CAST(0 AS BIGINT)") +
                    ", state, message, last_success_at, last_run_at, updated_at FROM " + where));
                *slot, use(instance_id);
                if (where.find("$2") != std::string::npos) {
                    *slot, use(company);
                }
                rows.bind(*slot);
            }
            company = company_id;
            rows.clear();
            slot->execute();
            return rows.take();
        });
    }
};

state_repository::state_repository(database& db, std::string instance_id)
    : impl_(std::make_unique<impl>(db, std::move(instance_id))) {
    detail::require_nonempty_text(impl_->instance_id, "instance_id", "states");
}

state_repository::~state_repository() = default;

void state_repository::record_instance_run(health_state state, const std::string& message, epoch_ms at) {
    impl_->write(false, true, 0, state, message, at);
}

void state_repository::set_instance_state(health_state state, const std::string& message, epoch_ms at) {
    impl_->write(false, false, 0, state, message, at);
}

std::optional<health> state_repository::instance() {
    auto rows = impl_->read(impl_->read_instance, "instance_state WHERE instance_id = $1", 0, false);
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front().status);
}

void state_repository::record_company_run(std::int64_t company_id, health_state state, const std::string& message,
                                          epoch_ms at) {
    impl_->write(true, true, company_id, state, message, at);
}

void state_repository::set_company_state(std::int64_t company_id, health_state state, const std::string& message,
                                         epoch_ms at) {
    impl_->write(true, false, company_id, state, message, at);
}

std::optional<health> state_repository::company(std::int64_t company_id) {
    auto rows = impl_->read(impl_->read_company, "company_state WHERE instance_id = $1 AND company_id = $2",
                            company_id, true);
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front().status);
}

std::vector<company_health> state_repository::companies() {
    return impl_->read(impl_->read_companies, "company_state WHERE instance_id = $1 ORDER BY company_id", 0, true);
}

} // namespace jd::store
