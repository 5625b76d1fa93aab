#pragma once
// The scheduler's state per instance, in the database so that it is shared by every host process: the
// last run, the next one, and a running flag that is the one lock guaranteeing runs never overlap.

#include <Poco/Data/Session.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace refhost {

struct schedule_state {
    std::string instance_id;
    std::int64_t last_started_ms = 0;  ///< 0: never ran
    std::int64_t last_finished_ms = 0;
    std::string last_outcome;          ///< "ok", a provider state or a status name
    std::string last_message;
    std::int64_t next_run_ms = 0;      ///< 0: as soon as possible
    bool running = false;
    std::string running_owner;         ///< "<hostname>:<pid>:<n>" of the process running it
    std::int64_t running_since_ms = 0;
};

namespace schedule {

[[nodiscard]] std::optional<schedule_state> get(Poco::Data::Session& session, const std::string& instance_id);
[[nodiscard]] std::vector<schedule_state> list(Poco::Data::Session& session);

/// Sets the running flag if it is clear, in one UPDATE (atomic across processes); false when a run holds it.
bool try_claim(Poco::Data::Session& session, const std::string& instance_id, const std::string& owner,
               std::int64_t now_ms);

/// Clears the flag held by `owner` and records the run and the next one.
void release(Poco::Data::Session& session, const std::string& instance_id, const std::string& owner,
             std::int64_t started_ms, std::int64_t finished_ms, const std::string& outcome,
             const std::string& message, std::int64_t next_run_ms);

/// Clears flags whose owner process is gone (a crash leaves the flag set); returns how many.
std::size_t recover_abandoned(Poco::Data::Session& session,
                              const std::function<bool(const std::string& owner)>& owner_alive);

/// A new owner name for this process, unique within it.
[[nodiscard]] std::string new_owner_name();

/// False only when the owner names this machine and its process no longer exists.
[[nodiscard]] bool owner_process_alive(const std::string& owner);

} // namespace schedule
} // namespace refhost
