#pragma once
// The services the host gives its plugins: everything an hs_host_api_v1 table needs, in one place.

#include "refhost/home.hpp"

namespace refhost {

class clock;
class database;
class logger;
class progress_display;
class secret_store;

struct host_services {
    home_layout home;
    database& db;
    secret_store& secrets;
    logger& log;
    progress_display& progress;
    const clock& time;
};

/// "aggregator-host <version>", given to plugins for their logs.
[[nodiscard]] const char* host_name_and_version() noexcept;

} // namespace refhost
