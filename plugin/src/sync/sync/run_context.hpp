#pragma once
// Everything one run's phases share: the host, the instance's store, the JeDéclare client, the options, the
// cancel flag, the lease, the progress and the report being filled. Built by the service for each run and
// passed to each phase, so that the phases stay free functions and small classes of their own.

#include "sync/cancellation.hpp"
#include "sync/lease_guard.hpp"
#include "sync/progress_reporter.hpp"
#include "sync/run_report.hpp"
#include "sync/sync_options.hpp"

#include "jedeclare/client.hpp"
#include "store/instance_store.hpp"

#include <host_sdk/host.hpp>

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace jd::sync {

struct run_context {
    host_sdk::host services;
    store::instance_store& store;
    jedeclare::client& client;
    const sync_options& options;
    const cancellation& cancel;
    lease_guard& lease;
    progress_reporter& progress;
    run_report& report;
    std::string locale = "fr";

    /// The host's clock (run timestamps, acknowledgements).
    [[nodiscard]] store::epoch_ms now() const { return services.now_ms(); }

    /// Between two units of work: stops a cancelled run and keeps the lease alive.
    void step() {
        cancel.throw_if_requested();
        lease.keep_alive();
    }

    /// A named point of the run, for tests that stop the process at an exact place.
    void checkpoint(std::string_view point) {
        if (!options.checkpoint) return;
        auto& count = checkpoint_counts[std::string(point)];
        options.checkpoint(point, ++count);
    }

    void log(hs_log_level level, std::string_view event, boost::json::object fields = {}) const {
        fields["instance_id"] = store.instance_id();
        if (report.run_id != 0) fields["run_id"] = report.run_id;
        services.log(level, "sync", event, fields);
    }

    std::map<std::string, std::uint64_t> checkpoint_counts;
};

} // namespace jd::sync
