#pragma once
// What the administrator is told when JeDéclare.com cannot be reached or refuses: a status for the host,
// the admin-visible state (identifiants refusés, compte inconnu, procédure non souscrite, erreur réseau,
// erreur certificat; the same mapping as a sync run's, sync/state_mapping.hpp) and one sentence in the caller's
// language. Never a secret: the wire client's texts
// hold none, and nothing else is added but fixed words.
#include "jedeclare/wire_error.hpp"
#include "store/states.hpp"

#include <host_sdk/c/abi.h>
#include <host_sdk/error.hpp>

#include <string>
#include <string_view>

namespace jd::admin {

struct remote_failure {
    hs_status status = HS_E_INTERNAL;
    store::health_state state = store::health_state::erreur_reseau;
    std::string kind;    // the wire error kind ("invalid_credentials", …)
    std::string message; // headline + the wire client's explanation
};

/// The host status for a wire error kind (credentials and subscriptions: HS_E_REMOTE_REFUSED; network:
/// HS_E_TRANSIENT; certificate and configuration: HS_E_INVALID_ARGUMENT; cancel: HS_E_CANCELLED).
[[nodiscard]] hs_status status_of(jedeclare::error_kind kind) noexcept;

/// "Identifiants refusés", "Erreur réseau", … (English: "Credentials refused", "Network error", …).
[[nodiscard]] std::string_view state_headline(store::health_state state, bool english) noexcept;

[[nodiscard]] remote_failure describe_failure(const jedeclare::wire_error& error, bool english);

/// host_sdk::error(status, message + suffix).
[[nodiscard]] host_sdk::error to_host_error(const remote_failure& failure, std::string_view suffix = {});

} // namespace jd::admin
