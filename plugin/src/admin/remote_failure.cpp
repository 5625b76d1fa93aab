#include "admin/remote_failure.hpp"

#include "sync/state_mapping.hpp"

namespace jd::admin {

using jedeclare::error_kind;
using store::health_state;

hs_status status_of(error_kind kind) noexcept {
    switch (kind) {
    case error_kind::invalid_credentials:
    case error_kind::procedure_not_subscribed:
    case error_kind::unknown_account:
    case error_kind::piece_not_owned:
    case error_kind::malformed_request:
    case error_kind::http_error:
        return HS_E_REMOTE_REFUSED;
    case error_kind::tls_certificate:
    case error_kind::configuration:
        return HS_E_INVALID_ARGUMENT;
    case error_kind::cancelled:
        return HS_E_CANCELLED;
    default:
        return HS_E_TRANSIENT;
    }
}

std::string_view state_headline(health_state state, bool english) noexcept {
    switch (state) {
    case health_state::ok: return english ? "OK" : "OK";
    case health_state::non_configure: return english ? "Not configured" : "Non configuré";
    case health_state::identifiants_refuses: return english ? "Credentials refused" : "Identifiants refusés";
    case health_state::procedure_non_souscrite: return english ? "Procedure not subscribed" : "Procédure non souscrite";
    case health_state::compte_inconnu: return english ? "Unknown account" : "Compte inconnu";
    case health_state::erreur_reseau: return english ? "Network error" : "Erreur réseau";
    case health_state::erreur_certificat: return english ? "Certificate error" : "Erreur certificat";
    case health_state::piece_illisible: return english ? "Unreadable piece" : "Pièce illisible";
    }
    return {};
}

remote_failure describe_failure(const jedeclare::wire_error& error, bool english) {
    remote_failure failure;
    failure.status = status_of(error.kind());
    failure.state = sync::health_of(error.kind());
    failure.kind = std::string(jedeclare::to_string(error.kind()));
    const std::string explanation = error.message(english ? "en" : "fr");
    if (error.kind() == error_kind::configuration) {
        failure.message = (english ? "Invalid configuration: " : "Configuration invalide : ") + explanation;
    } else if (error.kind() == error_kind::cancelled) {
        failure.message = explanation;
    } else {
        // The wire client's sentence often starts with the headline already ("Identifiants refusés pour…").
        const std::string_view headline = state_headline(failure.state, english);
        failure.message = std::string_view(explanation).starts_with(headline)
                              ? explanation
                              : std::string(headline) + (english ? ": " : " : ") + explanation;
    }
    return failure;
}

host_sdk::error to_host_error(const remote_failure& failure, std::string_view suffix) {
    std::string message = failure.message;
    if (!suffix.empty()) {
        message += ' ';
        message += suffix;
    }
    return host_sdk::error(failure.status, message);
}

} // namespace jd::admin
