#include "store/audit.hpp"

#include "audit_writer.hpp"
#include "errors_from_poco.hpp"
#include "store/database.hpp"
#include "text_rules.hpp"

namespace jd::store {
namespace detail {

using namespace Poco::Data::Keywords;

audit_writer::audit_writer(database::impl& db, const std::string& instance_id) : db_(db), instance_id_(instance_id) {}

std::int64_t audit_writer::append(epoch_ms at, const std::string& actor, const std::string& action,
                                  const std::string& subject, const std::string& details_json) {
    return guarded("appending an audit event", [&] {
        if (!insert_) {
            insert_.emplace(db_.prepare("INSERT INTO audit_event (instance_id, at, actor, action, subject, details)"
                                        " VALUES ($1, $2, $3, $4, $5, $6) RETURNING event_id"));
            *insert_, use(instance_id_), use(at_), use(actor_), use(action_), use(subject_), use(details_),
                into(event_id_);
        }
        at_ = at;
        actor_ = actor;
        action_ = action;
        subject_ = subject;
        details_ = details_json.empty() ? std::string("{}") : details_json;
        insert_->execute();
        return static_cast<std::int64_t>(event_id_);
    });
}

} // namespace detail

using namespace Poco::Data::Keywords;

struct audit_repository::impl {
    impl(database& db_, std::string instance) : db(db_.internals()), instance_id(std::move(instance)), writer(db, instance_id) {}

    database::impl& db;
    std::string instance_id;
    detail::audit_writer writer;
};

audit_repository::audit_repository(database& db, std::string instance_id)
    : impl_(std::make_unique<impl>(db, std::move(instance_id))) {
    detail::require_nonempty_text(impl_->instance_id, "instance_id", "audit trail");
}

audit_repository::~audit_repository() = default;

std::int64_t audit_repository::append(const audit_event& event) {
    const std::string where = "audit event \"" + event.action + "\"";
    detail::require_text(event.actor, "actor", "audit event");
    detail::require_nonempty_text(event.action, "action", "audit event");
    detail::require_text(event.subject, "subject", where);
    detail::require_text(event.details, "details", where);
    return impl_->writer.append(event.at, event.actor, event.action, event.subject, event.details);
}

std::vector<audit_event> audit_repository::list(const audit_query& query) {
    // Built per call: the filters vary and listing the trail is not a hot path.
    std::string sql = "SELECT event_id, at, actor, action, subject, details FROM audit_event WHERE instance_id = $1";
    std::string instance = impl_->instance_id;
    Poco::Int64 since = query.since.value_or(0);
    Poco::Int64 until = query.until.value_or(0);
    Poco::Int64 before = query.before_id.value_or(0);
    std::string prefix = query.action_prefix;
    detail::require_text(prefix, "action_prefix", "audit query");
    std::size_t prefix_chars = 0; // characters, as substr() counts them on both engines
    for (const char c : prefix) {
        prefix_chars += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1U : 0U;
    }
    auto limit = static_cast<Poco::Int64>(query.limit);
    std::size_t next = 2;
    const auto param = [&] { return "$" + std::to_string(next++); };
    if (query.since) {
        sql += " AND at >= " + param();
    }
    if (query.until) {
        sql += " AND at < " + param();
    }
    if (query.before_id) {
        sql += " AND event_id < " + param();
    }
    if (!query.action_prefix.empty()) {
        sql += " AND substr(action, 1, " + std::to_string(prefix_chars) + ") = " + param();
    }
    sql += " ORDER BY event_id DESC LIMIT " + param();

    std::vector<Poco::Int64> ids;
    std::vector<Poco::Int64> ats;
    std::vector<std::string> actors;
    std::vector<std::string> actions;
    std::vector<std::string> subjects;
    std::vector<std::string> details;
    detail::guarded("listing the audit trail", [&] {
        auto statement = impl_->db.prepare(sql);
        statement, use(instance);
        if (query.since) {
            statement, use(since);
        }
        if (query.until) {
            statement, use(until);
        }
        if (query.before_id) {
            statement, use(before);
        }
        if (!query.action_prefix.empty()) {
            statement, use(prefix);
        }
        statement, use(limit), into(ids), into(ats), into(actors), into(actions), into(subjects), into(details);
        statement.execute();
    });
    std::vector<audit_event> events;
    events.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        events.push_back({ids[i], ats[i], std::move(actors[i]), std::move(actions[i]), std::move(subjects[i]),
                          std::move(details[i])});
    }
    return events;
}

} // namespace jd::store
