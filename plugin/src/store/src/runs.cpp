#include "store/runs.hpp"

#include "database_impl.hpp"
#include "errors_from_poco.hpp"
#include "store/database.hpp"
#include "store/error.hpp"
#include "text_rules.hpp"

#include <Poco/Nullable.h>

namespace jd::store {

using namespace Poco::Data::Keywords;

std::string_view to_string(run_trigger trigger) noexcept {
    return trigger == run_trigger::scheduler ? "scheduler" : "manual";
}

namespace {

constexpr const char* run_columns =
    "SELECT run_id, run_trigger, triggered_by, started_at, finished_at, state, report_json FROM sync_run";

struct run_rows {
    std::vector<Poco::Int64> id, started;
    std::vector<std::string> trigger, by, report;
    std::vector<Poco::Nullable<Poco::Int64>> finished;
    std::vector<Poco::Nullable<std::string>> state;
    void clear() {
        id.clear();
        started.clear();
        trigger.clear();
        by.clear();
        report.clear();
        finished.clear();
        state.clear();
    }
    void bind(Poco::Data::Statement& s) {
        s, into(id), into(trigger), into(by), into(started), into(finished), into(state), into(report);
    }
    std::vector<run_record> take() {
        std::vector<run_record> out;
        out.reserve(id.size());
        for (std::size_t i = 0; i < id.size(); ++i) {
            run_record r;
            r.run_id = id[i];
            r.trigger = trigger[i] == "manual" ? run_trigger::manual : run_trigger::scheduler;
            r.triggered_by = std::move(by[i]);
            r.started_at = started[i];
            if (!finished[i].isNull()) {
                r.finished_at = finished[i].value();
            }
            if (!state[i].isNull()) {
                r.state = parse_health_state(state[i].value());
            }
            r.report_json = std::move(report[i]);
            out.push_back(std::move(r));
        }
        clear();
        return out;
    }
};

} // namespace

struct run_repository::impl {
    impl(database& db_, std::string instance) : db(db_.internals()), instance_id(std::move(instance)) {}

    database::impl& db;
    std::string instance_id;

    Poco::Int64 run_id = 0;
    std::string trigger, by, state, report;
    Poco::Int64 at = 0;
    Poco::Int64 limit = 0;
    run_rows rows;
    std::optional<Poco::Data::Statement> insert, finish, find, latest, last_finished, prune;

    template <typename Bind>
    Poco::Data::Statement& statement(std::optional<Poco::Data::Statement>& slot, const std::string& sql, Bind bind) {
        if (!slot) {
            slot.emplace(db.prepare(sql));
            bind(*slot);
        }
        return *slot;
    }

    std::vector<run_record> select(std::optional<Poco::Data::Statement>& slot, const std::string& where,
                                   bool with_second) {
        return detail::guarded("reading the runs of instance " + instance_id, [&] {
            auto& st = statement(slot, std::string(run_columns) + where, [&](Poco::Data::Statement& x) {
                x, use(instance_id);
                if (with_second) {
                    x, use(limit);
                }
                rows.bind(x);
            });
            rows.clear();
            st.execute();
            return rows.take();
        });
    }
};

run_repository::run_repository(database& db, std::string instance_id)
    : impl_(std::make_unique<impl>(db, std::move(instance_id))) {
    detail::require_nonempty_text(impl_->instance_id, "instance_id", "runs");
}

run_repository::~run_repository() = default;

std::int64_t run_repository::begin(run_trigger trigger, const std::string& triggered_by, epoch_ms started_at) {
    auto& s = *impl_;
    detail::require_text(triggered_by, "triggered_by", "run");
    return detail::guarded("recording the start of a run of instance " + s.instance_id, [&] {
        auto& st = s.statement(s.insert,
                               "INSERT INTO sync_run (instance_id, run_trigger, triggered_by, started_at, report_json)"
                               " VALUES ($1, $2, $3, $4, '') RETURNING run_id",
                               [&](Poco::Data::Statement& x) {
                                   x, use(s.instance_id), use(s.trigger), use(s.by), use(s.at), into(s.run_id);
                               });
        s.trigger = std::string(to_string(trigger));
        s.by = triggered_by;
        s.at = started_at;
        st.execute();
        return static_cast<std::int64_t>(s.run_id);
    });
}

void run_repository::finish(std::int64_t run_id, epoch_ms finished_at, health_state state,
                            const std::string& report_json) {
    auto& s = *impl_;
    detail::require_text(report_json, "report_json", "run " + std::to_string(run_id));
    const auto affected = detail::guarded("recording the end of run " + std::to_string(run_id), [&] {
        auto& st = s.statement(s.finish,
                               "UPDATE sync_run SET finished_at = $3, state = $4, report_json = $5"
                               " WHERE instance_id = $1 AND run_id = $2",
                               [&](Poco::Data::Statement& x) {
                                   x, use(s.instance_id), use(s.run_id), use(s.at), use(s.state), use(s.report);
                               });
        s.run_id = run_id;
        s.at = finished_at;
        s.state = std::string(to_string(state));
        s.report = report_json;
        return st.execute();
    });
    if (affected == 0) {
        throw store_error(error_code::not_found,
                          "no run " + std::to_string(run_id) + " in instance " + s.instance_id);
    }
}

std::optional<run_record> run_repository::find(std::int64_t run_id) {
    auto& s = *impl_;
    s.limit = run_id;
    auto rows = s.select(s.find, " WHERE instance_id = $1 AND run_id = $2", true);
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front());
}

std::vector<run_record> run_repository::latest(std::size_t limit) {
    auto& s = *impl_;
    s.limit = static_cast<Poco::Int64>(limit);
    return s.select(s.latest, " WHERE instance_id = $1 ORDER BY run_id DESC LIMIT $2", true);
}

std::optional<run_record> run_repository::last_finished() {
    auto& s = *impl_;
    auto rows = s.select(s.last_finished,
                         " WHERE instance_id = $1 AND finished_at IS NOT NULL ORDER BY run_id DESC LIMIT 1", false);
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front());
}

std::int64_t run_repository::prune(std::size_t keep) {
    auto& s = *impl_;
    return detail::guarded("pruning the runs of instance " + s.instance_id, [&] {
        // The newest `keep` runs stay; a subquery with LIMIT/OFFSET finds the first run to delete.
        auto& st = s.statement(s.prune,
                               "DELETE FROM sync_run WHERE instance_id = $1 AND run_id <= COALESCE("
                               "(SELECT run_id FROM sync_run WHERE instance_id = $1 ORDER BY run_id DESC"
                               " LIMIT 1 OFFSET $2), -1)",
                               [&](Poco::Data::Statement& x) { x, use(s.instance_id), use(s.limit); });
        s.limit = static_cast<Poco::Int64>(keep);
        return static_cast<std::int64_t>(st.execute());
    });
}

} // namespace jd::store
