#pragma once
// Run reports: one row per sync run, with its JSON report once finished.

#include "store/states.hpp"
#include "store/time.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jd::store {

class database;

enum class run_trigger { scheduler, manual };

[[nodiscard]] std::string_view to_string(run_trigger trigger) noexcept;

struct run_record {
    std::int64_t run_id = 0;
    run_trigger trigger = run_trigger::scheduler;
    std::string triggered_by;           // host user id, "" for the scheduler
    epoch_ms started_at = 0;
    std::optional<epoch_ms> finished_at; // empty while running (or if the process died)
    std::optional<health_state> state;   // set when finished
    std::string report_json;             // "" until finished
};

class run_repository {
public:
    run_repository(database& db, std::string instance_id);
    ~run_repository();
    run_repository(const run_repository&) = delete;
    run_repository& operator=(const run_repository&) = delete;

    // Records the start of a run and returns its id.
    std::int64_t begin(run_trigger trigger, const std::string& triggered_by, epoch_ms started_at);

    // Records the end. store_error not_found for an unknown run id.
    void finish(std::int64_t run_id, epoch_ms finished_at, health_state state, const std::string& report_json);

    [[nodiscard]] std::optional<run_record> find(std::int64_t run_id);
    [[nodiscard]] std::vector<run_record> latest(std::size_t limit = 20); // newest first
    [[nodiscard]] std::optional<run_record> last_finished();

    // Deletes all but the newest `keep` runs; returns how many were deleted.
    std::int64_t prune(std::size_t keep);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace jd::store
