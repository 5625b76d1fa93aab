#include "admin/configuration_service.hpp"

#include "admin/configuration_form.hpp"
#include "admin/json_input.hpp"
#include "admin/remote_failure.hpp"
#include "admin/rights.hpp"

#include "store/error.hpp"
#include "store/states.hpp"
#include "store/time.hpp"

#include <host_sdk/error.hpp>

#include <boost/json.hpp>

namespace jd::admin {

namespace json = boost::json;

namespace {

std::string connection_summary(const connection_check& check, bool english) {
    if (english)
        return "connection checked: " + std::to_string(check.dossiers) + " client dossier(s), " +
               std::to_string(check.pieces_available) + " statement file(s) waiting.";
    return "connexion vérifiée : " + std::to_string(check.dossiers) + " dossier(s) client, " +
           std::to_string(check.pieces_available) + " pièce(s) en attente.";
}

// The password a configure or a test uses: the form's, else the saved one (read from the secret store).
jedeclare::secret password_for(admin_context& context, const configuration_form& form,
                               const std::optional<store::instance_config>& saved, const host_sdk::call_context& call) {
    if (form.password) return *form.password;
    if (saved && !saved->password_ref.empty()) {
        if (auto value = context.services.secret_get(saved->password_ref)) return jedeclare::secret(std::move(*value));
    }
    invalid_input("password",
                  "requis : le mot de passe du compte de flux (aucun mot de passe n'est enregistré pour cette instance)",
                  "required: the compte de flux password (none is saved for this instance)", call);
}

} // namespace

connection_check configuration_service::check_connection(jedeclare::client& client) {
    connection_check check;
    check.dossiers = client.list_dossiers().size();
    jedeclare::list_query query; // statutPiece 00: what is waiting; listing consumes nothing
    check.pieces_available = client.list_pieces(query).size();
    return check;
}

json::object configuration_service::configuration_view(const std::optional<store::instance_config>& config,
                                                       const host_sdk::call_context& call) const {
    const bool english = call.english();
    json::object view;
    view["instance_id"] = context_.instance_id();
    view["configured"] = config.has_value();
    const bool password_set = config && !config->password_ref.empty();
    view["password"] = password_set ? (english ? "set" : "défini") : (english ? "not set" : "non défini");
    if (!config) {
        // What the form starts from.
        view["login"] = "";
        view["gestion_account_id"] = "";
        view["editeur"] = default_editeur;
        view["logiciel"] = default_logiciel;
        view["version"] = default_version;
        view["soap_url"] = std::string(jedeclare::default_soap_url);
        view["gestion_url"] = std::string(jedeclare::default_gestion_url);
        view["ca_bundle"] = "";
        return view;
    }
    view["login"] = config->login;
    view["gestion_account_id"] = config->gestion_account_id;
    view["editeur"] = config->editeur;
    view["logiciel"] = config->logiciel;
    view["version"] = config->version;
    view["soap_url"] = config->soap_url;
    view["gestion_url"] = config->gestion_url;
    view["ca_bundle"] = config->ca_bundle;
    view["updated_at"] = store::to_iso8601_utc(config->updated_at);
    view["updated_by"] = config->updated_by;
    return view;
}

json::value configuration_service::get_configuration(const host_sdk::call_context& call, const json::value& input) {
    require_platform_rights(context_.services, call);
    (void)input_object(input, "get_configuration", call);
    return configuration_view(context_.saved_configuration(), call);
}

json::value configuration_service::configure(const host_sdk::call_context& call, const json::value& input) {
    require_platform_rights(context_.services, call);
    const bool english = call.english();
    const auto form = read_configuration_form(input_object(input, "configure", call), call);
    const auto saved = context_.saved_configuration();
    auto config = merge_configuration(form, saved, call);
    const auto password = password_for(context_, form, saved, call);

    // The test, before anything is saved.
    connection_check check;
    try {
        auto client = context_.remote.client_for(config, password);
        check = check_connection(*client);
    } catch (const jedeclare::wire_error& error) {
        const auto failure = describe_failure(error, english);
        context_.log(HS_LOG_WARNING, "configuration_refused",
                     {{"user_id", call.user_id}, {"kind", failure.kind}, {"state", store::to_string(failure.state)}});
        throw to_host_error(failure, english ? "Nothing was saved." : "Rien n'a été enregistré.");
    }

    // The password goes to the host's secret store; the database keeps only its key.
    const std::string key = password_secret_key(context_.instance_id());
    std::optional<std::string> previous_secret;
    const bool password_changes = form.password.has_value();
    if (password_changes) {
        previous_secret = context_.services.secret_get(key);
        context_.services.secret_put(key, form.password->reveal());
    }
    config.password_ref = key;
    config.updated_at = context_.now();
    config.updated_by = call.user_id;
    const auto now = config.updated_at;
    int changed = 0;
    try {
        changed = context_.store.with([&](store::instance_store& s) {
            const int fields = s.config().save(config);
            s.states().set_instance_state(store::health_state::ok,
                                          (english ? "Configuration saved; " : "Configuration enregistrée ; ") +
                                              connection_summary(check, english),
                                          now);
            return fields;
        });
    } catch (...) {
        // Saving nothing means the secret store too.
        try {
            if (password_changes) {
                if (previous_secret)
                    context_.services.secret_put(key, *previous_secret);
                else
                    context_.services.secret_erase(key);
            }
        } catch (...) {
        }
        throw;
    }
    if (password_changes) context_.audit(call, "config.password_changed", "instance:" + context_.instance_id());
    context_.log(HS_LOG_INFO, "configuration_saved",
                 {{"user_id", call.user_id},
                  {"fields_changed", changed},
                  {"password_changed", password_changes},
                  {"dossiers", check.dossiers},
                  {"pieces_available", check.pieces_available}});

    auto view = configuration_view(context_.saved_configuration(), call);
    view["connection"] = json::object{{"ok", true},
                                      {"dossiers", check.dossiers},
                                      {"pieces_available", check.pieces_available},
                                      {"message", connection_summary(check, english)}};
    return view;
}

json::value configuration_service::test_connection(const host_sdk::call_context& call, const json::value& input) {
    require_platform_rights(context_.services, call);
    const bool english = call.english();
    const auto form = read_configuration_form(input_object(input, "test_connection", call), call);
    const auto saved = context_.saved_configuration();
    if (form.empty() && !saved) (void)context_.require_configuration(call);
    const auto config = merge_configuration(form, saved, call);
    const auto password = password_for(context_, form, saved, call);

    json::object answer;
    try {
        auto client = context_.remote.client_for(config, password);
        const auto check = check_connection(*client);
        answer = {{"ok", true},
                  {"dossiers", check.dossiers},
                  {"pieces_available", check.pieces_available},
                  {"message", connection_summary(check, english)}};
    } catch (const jedeclare::wire_error& error) {
        const auto failure = describe_failure(error, english);
        if (failure.status == HS_E_CANCELLED) throw to_host_error(failure);
        answer = {{"ok", false},
                  {"state", store::to_string(failure.state)},
                  {"error", failure.kind},
                  {"message", failure.message}};
    }
    context_.audit(call, "connection.tested", "instance:" + context_.instance_id(),
                   {{"ok", answer.at("ok")}, {"saved_configuration", form.empty()}});
    return answer;
}

} // namespace jd::admin
