#pragma once
// One hs_host_api_v1 table and its context. The host makes one per plugin instance, so that the instance's
// secrets, data directory and deliveries are its own; and one without instance for the loader (the
// plugin's entry point), which offers the shared services (rights, companies, log, progress, clock) and
// refuses the per-instance ones.
//
// Every callback is an exception firewall: it returns a status and fills hs_error, never throws.

#include "refhost/host_services.hpp"

#include "host_sdk/c/host_api_v1.h"

#include <string>

namespace refhost {

class host_table {
public:
    /// `provider_id` and `instance_id` are "" for the loader's table.
    host_table(host_services& services, std::string provider_id, std::string instance_id);
    host_table(const host_table&) = delete;
    host_table& operator=(const host_table&) = delete;

    [[nodiscard]] const hs_host_api_v1* api() const noexcept { return &api_; }
    [[nodiscard]] host_services& services() const noexcept { return services_; }
    [[nodiscard]] const std::string& provider_id() const noexcept { return provider_id_; }
    [[nodiscard]] const std::string& instance_id() const noexcept { return instance_id_; }

private:
    host_services& services_;
    std::string provider_id_;
    std::string instance_id_;
    hs_host_api_v1 api_{};
};

} // namespace refhost
