#include "refhost/schedule_state.hpp"

#include <Poco/Data/Statement.h>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

using namespace Poco::Data::Keywords;

namespace refhost::schedule {

namespace {

std::vector<schedule_state> select(Poco::Data::Session& session, const std::optional<std::string>& only) {
    std::string wanted = only.value_or("");
    int all = only ? 0 : 1;
    std::vector<std::string> ids, outcomes, messages, owners;
    std::vector<Poco::Int64> started, finished, next, since;
    std::vector<int> running;
    session << "SELECT instance_id, last_started_at, last_finished_at, last_outcome, last_message, next_run_at, "
               "running, running_owner, running_since FROM scheduler_state "
               "WHERE instance_id = $1 OR $2 = 1 ORDER BY instance_id",
        into(ids), into(started), into(finished), into(outcomes), into(messages), into(next), into(running),
        into(owners), into(since), use(wanted), use(all), now;
    std::vector<schedule_state> rows;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        rows.push_back(schedule_state{ids[i], started[i], finished[i], outcomes[i], messages[i], next[i],
                                      running[i] != 0, owners[i], since[i]});
    }
    return rows;
}

std::string host_name() {
    char buffer[256] = {};
    if (::gethostname(buffer, sizeof buffer - 1) != 0) return "localhost";
    return buffer;
}

} // namespace

std::optional<schedule_state> get(Poco::Data::Session& session, const std::string& instance_id) {
    auto rows = select(session, instance_id);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::vector<schedule_state> list(Poco::Data::Session& session) { return select(session, std::nullopt); }

bool try_claim(Poco::Data::Session& session, const std::string& instance_id, const std::string& owner,
               std::int64_t now_ms) {
    std::string id = instance_id;
    std::string holder = owner;
    Poco::Int64 since = now_ms;
    // INSERT OR IGNORE keeps instances created by an older host (without a state row) schedulable.
    session << "INSERT OR IGNORE INTO scheduler_state (instance_id) "
               "SELECT instance_id FROM aggregator_instances WHERE instance_id = $1",
        use(id), now;
    Poco::Data::Statement statement(session);
    statement << "UPDATE scheduler_state SET running = 1, running_owner = $1, running_since = $2 "
                 "WHERE instance_id = $3 AND running = 0",
        use(holder), use(since), use(id);
    return statement.execute() == 1;
}

void release(Poco::Data::Session& session, const std::string& instance_id, const std::string& owner,
             std::int64_t started_ms, std::int64_t finished_ms, const std::string& outcome,
             const std::string& message, std::int64_t next_run_ms) {
    std::string id = instance_id;
    std::string holder = owner;
    Poco::Int64 started = started_ms;
    Poco::Int64 finished = finished_ms;
    std::string outcome_value = outcome;
    std::string message_value = message;
    Poco::Int64 next = next_run_ms;
    session << "UPDATE scheduler_state SET running = 0, running_owner = '', running_since = 0, last_started_at = $1, "
               "last_finished_at = $2, last_outcome = $3, last_message = $4, next_run_at = $5 "
               "WHERE instance_id = $6 AND running_owner = $7",
        use(started), use(finished), use(outcome_value), use(message_value), use(next), use(id), use(holder), now;
}

std::size_t recover_abandoned(Poco::Data::Session& session,
                              const std::function<bool(const std::string& owner)>& owner_alive) {
    std::vector<std::string> ids, owners;
    session << "SELECT instance_id, running_owner FROM scheduler_state WHERE running = 1", into(ids), into(owners), now;
    std::size_t cleared = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (owner_alive(owners[i])) continue;
        std::string id = ids[i];
        std::string holder = owners[i];
        std::string outcome = "abandoned";
        Poco::Data::Statement statement(session);
        statement << "UPDATE scheduler_state SET running = 0, running_owner = '', running_since = 0, "
                     "last_outcome = $1 WHERE instance_id = $2 AND running = 1 AND running_owner = $3",
            use(outcome), use(id), use(holder);
        cleared += statement.execute();
    }
    return cleared;
}

std::string new_owner_name() {
    static std::atomic<unsigned> counter{0};
    return host_name() + ":" + std::to_string(::getpid()) + ":" + std::to_string(++counter);
}

bool owner_process_alive(const std::string& owner) {
    const auto first = owner.find(':');
    const auto second = owner.find(':', first == std::string::npos ? first : first + 1);
    if (first == std::string::npos || second == std::string::npos) return false;
    if (owner.substr(0, first) != host_name()) return true; // another machine: cannot tell, assume alive
    const auto pid_text = owner.substr(first + 1, second - first - 1);
    long pid = 0;
    try {
        pid = std::stol(pid_text);
    } catch (...) {
        return false;
    }
    if (pid <= 0) return false;
    if (pid == ::getpid()) return true;
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

} // namespace refhost::schedule
