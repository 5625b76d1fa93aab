#include "refhost/instances.hpp"

#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;

namespace refhost::instances {

namespace {

std::vector<instance_record> select(Poco::Data::Session& session, const std::optional<std::string>& only) {
    std::vector<std::string> ids, providers, settings, creators, created;
    std::vector<int> enabled;
    std::vector<Poco::Int64> intervals;
    std::string wanted = only.value_or("");
    int all = only ? 0 : 1;
    session << "SELECT instance_id, provider_id, enabled, interval_seconds, settings_json, created_by, created_at "
               "FROM aggregator_instances WHERE instance_id = $1 OR $2 = 1 ORDER BY instance_id",
        into(ids), into(providers), into(enabled), into(intervals), into(settings), into(creators), into(created),
        use(wanted), use(all), now;
    std::vector<instance_record> rows;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        rows.push_back(instance_record{ids[i], providers[i], enabled[i] != 0, intervals[i], settings[i], creators[i],
                                       created[i]});
    }
    return rows;
}

} // namespace

void insert(Poco::Data::Session& session, const instance_record& instance) {
    if (get(session, instance.instance_id)) {
        throw failure(HS_E_CONFLICT, tr("l'instance « ", "instance \"") + instance.instance_id +
                                         tr(" » existe déjà", "\" already exists"));
    }
    std::string id = instance.instance_id;
    std::string provider = instance.provider_id;
    int enabled = instance.enabled ? 1 : 0;
    Poco::Int64 interval = instance.interval_seconds;
    std::string settings = instance.settings_json;
    std::string created_by = instance.created_by;
    std::string created_at = instance.created_at;
    session << "INSERT INTO aggregator_instances (instance_id, provider_id, enabled, interval_seconds, settings_json, "
               "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        use(id), use(provider), use(enabled), use(interval), use(settings), use(created_by), use(created_at), now;
    session << "INSERT INTO scheduler_state (instance_id) VALUES ($1)", use(id), now;
}

std::optional<instance_record> get(Poco::Data::Session& session, const std::string& instance_id) {
    auto rows = select(session, instance_id);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::vector<instance_record> list(Poco::Data::Session& session) { return select(session, std::nullopt); }

bool remove(Poco::Data::Session& session, const std::string& instance_id) {
    std::string id = instance_id;
    session << "DELETE FROM scheduler_state WHERE instance_id = $1", use(id), now;
    Poco::Data::Statement statement(session);
    statement << "DELETE FROM aggregator_instances WHERE instance_id = $1", use(id);
    return statement.execute() > 0;
}

void set_enabled(Poco::Data::Session& session, const std::string& instance_id, bool enabled) {
    std::string id = instance_id;
    int value = enabled ? 1 : 0;
    session << "UPDATE aggregator_instances SET enabled = $1 WHERE instance_id = $2", use(value), use(id), now;
}

void set_interval(Poco::Data::Session& session, const std::string& instance_id, std::int64_t interval_seconds) {
    std::string id = instance_id;
    Poco::Int64 value = interval_seconds;
    session << "UPDATE aggregator_instances SET interval_seconds = $1 WHERE instance_id = $2", use(value), use(id), now;
}

} // namespace refhost::instances
