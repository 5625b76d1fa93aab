#pragma once
// What every admin operation works with: the host's services, the instance's store (locked), the way to
// reach JeDéclare.com, and a few shared steps (the saved configuration, the clock, audit events).
#include "admin/locked_store.hpp"
#include "admin/remote_clients.hpp"

#include "store/audit.hpp"
#include "store/config.hpp"

#include <host_sdk/call_context.hpp>
#include <host_sdk/host.hpp>

#include <boost/json/object.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace jd::admin {

struct admin_context {
    host_sdk::host services;
    locked_store& store;
    remote_clients& remote;

    [[nodiscard]] const std::string& instance_id() const noexcept { return store.instance_id(); }
    [[nodiscard]] std::int64_t now() const noexcept { return services.now_ms(); }

    /// The saved configuration, if any.
    [[nodiscard]] std::optional<store::instance_config> saved_configuration();

    /// The saved configuration; host_sdk::error(HS_E_CONFLICT) « non configuré » when there is none.
    [[nodiscard]] store::instance_config require_configuration(const host_sdk::call_context& call);

    /// A client for the saved configuration (reads the password from the host's secret store).
    [[nodiscard]] std::shared_ptr<jedeclare::client> saved_client(const host_sdk::call_context& call);

    /// Appends an audit event (details: a JSON object).
    void audit(const host_sdk::call_context& call, std::string_view action, std::string_view subject,
               const boost::json::object& details = {});

    /// A log event of component "admin", with the instance id added.
    void log(hs_log_level level, std::string_view event, boost::json::object fields = {}) const;
};

/// The key of the instance's password in the host's secret store: "jedeclare/<instance_id>/password".
[[nodiscard]] std::string password_secret_key(std::string_view instance_id);

} // namespace jd::admin
