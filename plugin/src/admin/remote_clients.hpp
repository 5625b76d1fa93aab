#pragma once
// What the admin service asks of the instance for its calls to JeDéclare.com: a client for the saved
// configuration (the password is read from the host's secret store then, and only then) or for a
// configuration being tested. The instance context implements it (it owns the log hook, the cancel
// registry and the client settings).
#include "jedeclare/client.hpp"
#include "jedeclare/secret.hpp"
#include "store/config.hpp"

#include <host_sdk/call_context.hpp>

#include <memory>

namespace jd::admin {

class remote_clients {
public:
    virtual ~remote_clients() = default;

    /// A client for `config` with `password`; it is registered for cancel() while it lives.
    /// Throws jedeclare::wire_error(configuration) for a bad URL or an unreadable CA bundle.
    [[nodiscard]] virtual std::shared_ptr<jedeclare::client> client_for(const store::instance_config& config,
                                                                        const jedeclare::secret& password) = 0;

    /// A client for the saved configuration: the password is read from the host's secret store under
    /// config.password_ref. Throws host_sdk::error, in the call's language, when the secret is missing.
    [[nodiscard]] virtual std::shared_ptr<jedeclare::client> saved_client(const store::instance_config& config,
                                                                          const host_sdk::call_context& call) = 0;
};

} // namespace jd::admin
