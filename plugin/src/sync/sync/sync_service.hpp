#pragma once
// The sync service of one aggregator instance (one JeDéclare « compte de flux »): the scheduled job.
//
// A run, in order (each step idempotent, so a crash anywhere repeats only what is safe to repeat):
//   lease (one run per compte de flux, across processes and host nodes)
//   → list the pieces not yet retrieved (statutPiece 00) → note them as consumed (audit) → download and
//     store each raw piece durably
//   → recovery pass when needed (pieces consumed but not stored; statutPiece 01 over the recent window)
//   → parse each stored piece (lenient), insert its movements (identity-unique; routed or quarantined)
//   → deliver pending movements to the host in batches (identity = idempotency key) → mark delivered
//   → state of the instance, run report, lease released.
//
// Wiring (provider): one sync_service per instance, built on a store::instance_store whose database is used
// by this service only (a store::database is one connection for one thread: give admin operations and
// `status` another one), and on the instance's jedeclare::client.
//
//   jd::sync::sync_service sync(host, sync_store, client);
//   provider::sync(call, input)   → return sync.sync_operation(call, input);
//   provider::cancel()            → sync.cancel();
//   provider::status(call, input) → return jd::sync::status_operation(host, admin_store, call, input, configured);
//   not configured yet            → return jd::sync::unconfigured_sync_operation(host, admin_store, call, input);

#include "sync/cancellation.hpp"
#include "sync/run_report.hpp"
#include "sync/status_view.hpp"
#include "sync/sync_options.hpp"

#include "jedeclare/client.hpp"
#include "store/instance_store.hpp"

#include <host_sdk/call_context.hpp>
#include <host_sdk/host.hpp>

#include <boost/json/value.hpp>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace jd::sync {

class sync_service {
public:
    sync_service(host_sdk::host services, store::instance_store& store, jedeclare::client& client,
                 sync_options options = {});
    ~sync_service();
    sync_service(const sync_service&) = delete;
    sync_service& operator=(const sync_service&) = delete;

    /// One run. Remote failures, unreadable pieces, host refusals, cancellation and "already running" are
    /// in the report (outcome, state, message, errors), never thrown; only a failure to record the run at
    /// all (the store unreachable from the start) throws store::store_error.
    run_report run(const host_sdk::call_context& call, trigger why);

    /// The `sync` operation: {"trigger":"scheduler"|"manual"} → the run report as JSON. A call with a user
    /// (a manual sync) needs both platform rights (HS_E_PERMISSION_DENIED otherwise); the scheduler's call
    /// (user_id "") needs none. A cancelled run answers HS_E_CANCELLED (host_sdk::error) with its message.
    boost::json::value sync_operation(const host_sdk::call_context& call, const boost::json::value& input);

    /// The host's cancel: the running run stops promptly, leaving a consistent store. Any thread.
    void cancel() noexcept;

    /// True while run() is running in this process.
    [[nodiscard]] bool running() const noexcept { return running_.load(); }

    /// Puts pieces that failed to parse back to pending (all of them, or one numero), for a reprocess after
    /// a fix; each run also retries them by itself. Returns how many. Not while a run is going
    /// (store::store_error usage then).
    std::int64_t requeue_failed_pieces(const std::optional<std::string>& numero = std::nullopt);

    [[nodiscard]] const sync_options& options() const noexcept { return options_; }

private:
    void execute(run_report& report, const host_sdk::call_context& call);

    host_sdk::host services_;
    store::instance_store& store_;
    jedeclare::client& client_;
    sync_options options_;
    cancellation cancel_;
    std::mutex run_mutex_;
    std::atomic<bool> running_{false};
};

/// Both platform rights (configuration and administration), else host_sdk::error(HS_E_PERMISSION_DENIED).
void require_admin_rights(const host_sdk::host& services, const host_sdk::call_context& call);

/// The `status` operation (rights checked). `store` must not be the one a running sync_service uses.
boost::json::value status_operation(const host_sdk::host& services, store::instance_store& store,
                                    const host_sdk::call_context& call, const boost::json::value& input,
                                    bool configured = true);

/// The `sync` operation of an instance with no configuration yet: rights checked, the state non_configure
/// recorded, and a report saying so (never a silent « 0 mouvement »).
boost::json::value unconfigured_sync_operation(const host_sdk::host& services, store::instance_store& store,
                                               const host_sdk::call_context& call, const boost::json::value& input);

/// Reads {"trigger":"scheduler"|"manual"}; anything else: host_sdk::error(HS_E_INVALID_ARGUMENT).
[[nodiscard]] trigger parse_trigger(const boost::json::value& input, const host_sdk::call_context& call);

} // namespace jd::sync
