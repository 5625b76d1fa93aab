#include "instance/client_settings.hpp"

namespace jd::instance {

jedeclare::client_config client_settings(const store::instance_config& config, const jedeclare::secret& password,
                                         jedeclare::log_hook log, client_purpose purpose) {
    jedeclare::client_config settings;
    settings.soap_url = config.soap_url;
    settings.gestion_url = config.gestion_url;
    settings.ca_file = config.ca_bundle;
    settings.credentials.login = config.login;
    settings.credentials.password = password;
    settings.credentials.gestion_account_id = config.gestion_account_id;
    settings.identification.editeur = config.editeur;
    settings.identification.logiciel = config.logiciel;
    settings.identification.version = config.version;
    settings.log = std::move(log);
    if (purpose == client_purpose::admin) {
        using std::chrono::milliseconds;
        settings.max_connections = 2;
        settings.retry.max_attempts = 2;
        settings.retry.base_delay = milliseconds(500);
        settings.retry.max_delay = milliseconds(2000);
        settings.retry.max_jitter = milliseconds(250);
        settings.retry.retry_after_cap = milliseconds(5000);
        settings.timeouts.connect = milliseconds(10000);
        settings.timeouts.handshake = milliseconds(10000);
        settings.timeouts.write = milliseconds(20000);
        settings.timeouts.read = milliseconds(30000);
        settings.timeouts.call = milliseconds(45000);
    }
    return settings;
}

} // namespace jd::instance
