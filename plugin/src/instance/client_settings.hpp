#pragma once
// The wire client's settings for one use: the saved configuration (URLs, identification, CA bundle), the
// password, the log hook, and a retry budget that suits the caller. An administrator waiting on a form gets
// a quick answer (two attempts, short deadlines); the scheduled sync is patient (the client's defaults).
#include "jedeclare/client_config.hpp"
#include "store/config.hpp"

namespace jd::instance {

enum class client_purpose { admin, sync };

[[nodiscard]] jedeclare::client_config client_settings(const store::instance_config& config,
                                                       const jedeclare::secret& password, jedeclare::log_hook log,
                                                       client_purpose purpose);

} // namespace jd::instance
