#include "instance/instance_context.hpp"

#include "instance/client_settings.hpp"
#include "instance/store_opening.hpp"
#include "instance/wire_log_bridge.hpp"

#include "admin/remote_failure.hpp"
#include "admin/rights.hpp"
#include "sync/sync_service.hpp"

#include <host_sdk/error.hpp>

#include <boost/json.hpp>

namespace jd::instance {

namespace json = boost::json;

namespace {

// A client and its cancel registration, destroyed together (the registration first).
struct registered_client {
    std::unique_ptr<jedeclare::client> client;
    cancel_registry::token token;
};

// One sync run's own connection, client and service; destroyed in the reverse order of its members.
struct sync_session {
    std::unique_ptr<store::database> db;
    std::unique_ptr<store::instance_store> store;
    std::unique_ptr<jedeclare::client> client;
    std::unique_ptr<sync::sync_service> service;
};

} // namespace

instance_context::operation_scope::operation_scope(instance_context& owner) : owner_(owner) {
    std::lock_guard<std::mutex> lock(owner_.running_mutex_);
    ++owner_.running_;
}

instance_context::operation_scope::~operation_scope() {
    std::lock_guard<std::mutex> lock(owner_.running_mutex_);
    --owner_.running_;
    owner_.running_changed_.notify_all();
}

instance_context::instance_context(host_sdk::host services, const host_sdk::instance_info& instance)
    : services_(services), instance_id_(instance.instance_id), storage_(read_storage_settings(instance.settings)) {
    admin_db_ = open_store(services_, storage_);
    admin_store_ = std::make_unique<store::instance_store>(*admin_db_, instance_id_);
    locked_ = std::make_unique<admin::locked_store>(*admin_store_);
    admin_ = std::make_unique<admin::admin_service>(services_, *locked_, *this);
    services_.log(HS_LOG_INFO, "instance", "instance_opened",
                  {{"instance_id", instance_id_},
                   {"storage", std::string(store::to_string(admin_db_->kind()))},
                   {"schema_version", admin_db_->schema_version()}});
}

instance_context::~instance_context() {
    cancel();
    // The host should not destroy an instance with operations running; if it does, they stop promptly.
    std::unique_lock<std::mutex> lock(running_mutex_);
    running_changed_.wait(lock, [this] { return running_ == 0; });
}

jedeclare::secret instance_context::saved_password(const store::instance_config& config,
                                                   const host_sdk::call_context& call) {
    std::optional<std::string> value;
    if (!config.password_ref.empty()) value = services_.secret_get(config.password_ref);
    if (!value)
        throw host_sdk::error(HS_E_NOT_FOUND,
                              call.pick("Le mot de passe du compte de flux est absent du coffre de secrets de la "
                                        "plateforme : enregistrez à nouveau la configuration avec son mot de passe.",
                                        "The compte de flux password is missing from the platform's secret store: "
                                        "save the configuration again with its password."));
    return jedeclare::secret(std::move(*value));
}

std::shared_ptr<jedeclare::client> instance_context::client_for(const store::instance_config& config,
                                                                const jedeclare::secret& password) {
    auto holder = std::make_shared<registered_client>();
    holder->client = std::make_unique<jedeclare::client>(
        client_settings(config, password, host_log_hook(services_, instance_id_), client_purpose::admin));
    std::shared_ptr<jedeclare::client> client(holder, holder->client.get());
    holder->token = cancels_.add([weak = std::weak_ptr<jedeclare::client>(client)] {
        if (auto alive = weak.lock()) alive->cancel();
    });
    return client;
}

std::shared_ptr<jedeclare::client> instance_context::saved_client(const store::instance_config& config,
                                                                  const host_sdk::call_context& call) {
    return client_for(config, saved_password(config, call));
}

void instance_context::record_failed_run(store::health_state state, const std::string& message) {
    try {
        locked_->with([&](store::instance_store& s) { s.states().record_instance_run(state, message, services_.now_ms()); });
    } catch (...) {
        // The failure itself is what the caller reports.
    }
}

json::value instance_context::status(const host_sdk::call_context& call, const json::value& input) {
    admin::require_platform_rights(services_, call);
    const bool configured = admin_->configured();
    auto answer = locked_->with([&](store::instance_store& s) {
        return sync::status_operation(services_, s, call, input, configured);
    });
    // Messages are recorded in the language of the run that wrote them; the state's label is the caller's.
    const auto add_label = [&](json::value& entry) {
        if (!entry.is_object()) return;
        auto& object = entry.get_object();
        const auto* state = object.if_contains("state");
        if (state == nullptr || !state->is_string()) return;
        if (const auto parsed = store::parse_health_state(state->get_string()))
            object["label"] = admin::state_headline(*parsed, call.english());
    };
    if (answer.is_object()) {
        if (auto* instance = answer.get_object().if_contains("instance")) add_label(*instance);
        if (auto* companies = answer.get_object().if_contains("companies"); companies != nullptr && companies->is_array())
            for (auto& company : companies->get_array()) add_label(company);
    }
    return answer;
}

json::value instance_context::sync(const host_sdk::call_context& call, const json::value& input) {
    // Only the host's scheduler runs without a user; a manual run, or any run a user asks for, needs both
    // platform rights.
    const auto why = sync::parse_trigger(input, call);
    if (!call.user_id.empty() || why == sync::trigger::manual) admin::require_platform_rights(services_, call);
    const auto config = locked_->with([](store::instance_store& s) { return s.config().get(); });
    if (!config) {
        return locked_->with([&](store::instance_store& s) {
            return sync::unconfigured_sync_operation(services_, s, call, input);
        });
    }

    jedeclare::secret password;
    try {
        password = saved_password(*config, call);
    } catch (const host_sdk::error& error) {
        record_failed_run(store::health_state::identifiants_refuses, error.what());
        throw;
    }

    auto session = std::make_shared<sync_session>();
    session->db = open_store(services_, storage_);
    session->store = std::make_unique<store::instance_store>(*session->db, instance_id_);
    try {
        session->client = std::make_unique<jedeclare::client>(
            client_settings(*config, password, host_log_hook(services_, instance_id_), client_purpose::sync));
    } catch (const jedeclare::wire_error& error) {
        const auto failure = admin::describe_failure(error, call.english());
        record_failed_run(failure.state, failure.message);
        throw admin::to_host_error(failure);
    }
    session->service = std::make_unique<sync::sync_service>(services_, *session->store, *session->client);
    const auto token = cancels_.add([weak = std::weak_ptr<sync_session>(session)] {
        if (auto alive = weak.lock()) alive->service->cancel();
    });
    return session->service->sync_operation(call, input);
}

} // namespace jd::instance
