#pragma once
// jd::instance::instance_context: everything one JeDeclare.com aggregator instance (one « compte de flux »)
// holds while the host keeps it: its store (opened on create), the admin service, and the way to reach
// JeDéclare.com (a client per operation, built from the saved configuration; the password is read from the
// host's secret store only then). The destructor cancels what is running and waits for it.
//
// Connections: the admin operations and `status` share one database connection (locked per use); each sync
// run opens its own, as the sync service requires. Runs of one compte de flux are kept apart by the store's
// lease, across processes and host nodes.
#include "instance/cancel_registry.hpp"
#include "instance/storage_settings.hpp"

#include "admin/admin_service.hpp"
#include "admin/locked_store.hpp"
#include "admin/remote_clients.hpp"
#include "store/database.hpp"
#include "store/instance_store.hpp"

#include <host_sdk/call_context.hpp>
#include <host_sdk/host.hpp>
#include <host_sdk/provider.hpp>

#include <boost/json/value.hpp>

#include <condition_variable>
#include <memory>
#include <mutex>

namespace jd::instance {

class instance_context final : public admin::remote_clients {
public:
    /// Opens the store (creating and migrating it if needed). Throws host_sdk::error.
    instance_context(host_sdk::host services, const host_sdk::instance_info& instance);
    ~instance_context() override;
    instance_context(const instance_context&) = delete;
    instance_context& operator=(const instance_context&) = delete;

    [[nodiscard]] admin::admin_service& admin() noexcept { return *admin_; }

    /// The `status` operation: both platform rights, then the states the sync recorded.
    boost::json::value status(const host_sdk::call_context& call, const boost::json::value& input);

    /// The `sync` operation: a run of the sync service on a connection of its own (a manual run needs both
    /// platform rights; the scheduler's needs none).
    boost::json::value sync(const host_sdk::call_context& call, const boost::json::value& input);

    /// Stops every running remote call and sync run of the instance promptly. Any thread.
    void cancel() noexcept { cancels_.cancel_all(); }

    /// Counts a running operation, so that the destructor waits for it.
    class operation_scope {
    public:
        explicit operation_scope(instance_context& owner);
        ~operation_scope();
        operation_scope(const operation_scope&) = delete;
        operation_scope& operator=(const operation_scope&) = delete;

    private:
        instance_context& owner_;
    };

    // admin::remote_clients
    std::shared_ptr<jedeclare::client> client_for(const store::instance_config& config,
                                                  const jedeclare::secret& password) override;
    std::shared_ptr<jedeclare::client> saved_client(const store::instance_config& config,
                                                    const host_sdk::call_context& call) override;

private:
    [[nodiscard]] jedeclare::secret saved_password(const store::instance_config& config,
                                                   const host_sdk::call_context& call);
    // Records a state outside a run, so that `status` shows why a run could not even start.
    void record_failed_run(store::health_state state, const std::string& message);

    host_sdk::host services_;
    std::string instance_id_;
    storage_settings storage_;
    std::unique_ptr<store::database> admin_db_;
    std::unique_ptr<store::instance_store> admin_store_;
    std::unique_ptr<admin::locked_store> locked_;
    std::unique_ptr<admin::admin_service> admin_;
    cancel_registry cancels_;

    std::mutex running_mutex_;
    std::condition_variable running_changed_;
    int running_ = 0;
};

} // namespace jd::instance
