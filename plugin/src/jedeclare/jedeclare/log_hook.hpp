#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jd::jedeclare {

// Same order and values as the host's hs_log_level, so the plugin can pass them through.
enum class log_level { debug = 0, info = 1, warning = 2, error = 3 };

using log_fields = std::vector<std::pair<std::string, std::string>>;

// Optional hook the plugin wires to the host logger. The client only ever passes operation names, hosts,
// paths, attempt numbers, delays, error kinds and redacted details: never a password, a login, a body or a header
// value. It may be called from the client's I/O thread(s); it must be thread-safe and must not throw.
using log_hook = std::function<void(log_level level, std::string_view event, const log_fields& fields)>;

} // namespace jd::jedeclare
