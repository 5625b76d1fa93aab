#pragma once
// What a run did, as the `sync` operation answers it (see the operations contract) and as the store keeps it
// with the run. Counters only: the report never holds a movement, a piece or a secret.

#include "store/runs.hpp"
#include "store/states.hpp"
#include "store/time.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace jd::sync {

using trigger = store::run_trigger;

/// How the run ended, whatever the instance's health.
enum class run_outcome {
    completed,       ///< every phase ran (the state may still report a problem, e.g. a piece illisible)
    failed,          ///< a remote or local failure cut it short; what was done is kept
    cancelled,       ///< the host asked it to stop
    already_running, ///< another run of this compte de flux holds the lease: nothing done
};

[[nodiscard]] std::string_view to_string(run_outcome outcome) noexcept;

struct piece_counts {
    std::int64_t listed = 0;          ///< pieces not yet retrieved (statut 00) listed by JeDéclare
    std::int64_t downloaded = 0;      ///< new pieces stored by this run (recovered ones included)
    std::int64_t recovered = 0;       ///< of which found by the recovery pass
    std::int64_t already_stored = 0;  ///< listed or downloaded again, already in the store
    std::int64_t download_failed = 0; ///< downloads that failed after the client's retries
    std::int64_t parsed = 0;          ///< pieces parsed by this run
    std::int64_t parse_failed = 0;    ///< pieces that could not be read (kept, retried by later runs)
    std::int64_t recovery_listed = 0; ///< retrieved pieces listed by the recovery pass
};

struct movement_counts {
    std::int64_t parsed = 0;          ///< movements read from the pieces parsed by this run
    std::int64_t inserted = 0;        ///< new in the store
    std::int64_t duplicates = 0;      ///< already in the store (overlapping or re-sent pieces)
    std::int64_t quarantined = 0;     ///< new and kept back (RIB not linked, company inactive, before deliver_from)
    std::int64_t rejected = 0;        ///< unusable (no booking date, malformed account): kept in the raw piece only
    std::int64_t delivered = 0;       ///< acknowledged by the host in this run
    std::int64_t host_already_stored = 0; ///< of which the host already had (a run that died before marking)
    std::int64_t released = 0;        ///< delivered now although stored by an earlier run (released or left over)
    std::int64_t pending_left = 0;    ///< still waiting for delivery at the end (host refusal, cancel, failure)
    std::int64_t quarantined_total = 0; ///< kept back in the store at the end of the run
};

struct run_report {
    std::string instance_id;
    std::int64_t run_id = 0;          ///< 0 when the run was not recorded (already running)
    trigger triggered_by = trigger::scheduler;
    std::string user_id;              ///< "" for the scheduler
    store::epoch_ms started_at = 0;
    store::epoch_ms finished_at = 0;

    piece_counts pieces;
    movement_counts movements;
    std::int64_t balance_warnings = 0; ///< statements whose balances do not add up (or break the chain)
    std::map<std::string, std::int64_t> errors; ///< by type: wire error kinds, "parse", "host_<status>", "store_<code>"…

    run_outcome outcome = run_outcome::completed;
    store::health_state state = store::health_state::ok;
    std::string message;              ///< for the admin, in the call's language

    bool recovery_ran = false;
    bool recovery_needed = false;     ///< the next run must run the recovery pass
    std::optional<store::epoch_ms> last_recovery_at;
    std::map<std::string, std::int64_t> durations_ms; ///< by phase: lease, list, download, recover, parse, deliver

    void count_error(const std::string& type, std::int64_t n = 1) { errors[type] += n; }
};

/// The operations contract's run report, plus the outcome, the message and the details above.
/// Timestamps are ISO-8601 UTC.
[[nodiscard]] boost::json::object to_json(const run_report& report);

/// Reads back what to_json wrote (the store keeps it); missing members keep their defaults.
[[nodiscard]] run_report run_report_from_json(std::string_view text);

/// The state a report puts in its "state" member: the health state, or "deja_en_cours" for a run that did not
/// start because another one holds the lease.
[[nodiscard]] std::string report_state_code(const run_report& report);

} // namespace jd::sync
