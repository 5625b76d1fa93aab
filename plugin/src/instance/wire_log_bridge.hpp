#pragma once
// The wire client's log hook, wired to the host's logger (component "jedeclare"). The client passes only
// operation names, hosts, paths, attempts, delays, error kinds and redacted details: no secret.
#include "jedeclare/log_hook.hpp"

#include <host_sdk/host.hpp>

#include <string>

namespace jd::instance {

/// A hook that forwards to `services.log`, adding the instance id. Thread-safe, never throws.
[[nodiscard]] jedeclare::log_hook host_log_hook(host_sdk::host services, std::string instance_id);

} // namespace jd::instance
