#include "admin/admin_context.hpp"

#include <host_sdk/error.hpp>

#include <boost/json.hpp>

namespace jd::admin {

namespace json = boost::json;

std::string password_secret_key(std::string_view instance_id) {
    return "jedeclare/" + std::string(instance_id) + "/password";
}

std::optional<store::instance_config> admin_context::saved_configuration() {
    return store.with([](store::instance_store& s) { return s.config().get(); });
}

store::instance_config admin_context::require_configuration(const host_sdk::call_context& call) {
    auto config = saved_configuration();
    if (!config)
        throw host_sdk::error(HS_E_CONFLICT,
                              call.pick("JeDeclare.com n'est pas encore configuré pour cette instance : enregistrez "
                                        "d'abord la configuration (compte de flux, mot de passe, compte de gestion).",
                                        "JeDeclare.com is not configured for this instance yet: save the configuration "
                                        "first (compte de flux, password, management account)."));
    return *config;
}

std::shared_ptr<jedeclare::client> admin_context::saved_client(const host_sdk::call_context& call) {
    return remote.saved_client(require_configuration(call), call);
}

void admin_context::audit(const host_sdk::call_context& call, std::string_view action, std::string_view subject,
                          const json::object& details) {
    store::audit_event event;
    event.at = now();
    event.actor = call.user_id;
    event.action = std::string(action);
    event.subject = std::string(subject);
    event.details = json::serialize(details);
    store.with([&](store::instance_store& s) { s.audit().append(event); });
}

void admin_context::log(hs_log_level level, std::string_view event, json::object fields) const {
    fields["instance_id"] = store.instance_id();
    services.log(level, "admin", event, fields);
}

} // namespace jd::admin
