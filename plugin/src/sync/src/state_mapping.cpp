#include "sync/state_mapping.hpp"

namespace jd::sync {

using jedeclare::error_kind;
using store::health_state;

health_state health_of(error_kind kind) noexcept {
    switch (kind) {
    case error_kind::invalid_credentials: return health_state::identifiants_refuses;
    case error_kind::procedure_not_subscribed: return health_state::procedure_non_souscrite;
    case error_kind::unknown_account: return health_state::compte_inconnu;
    case error_kind::tls_certificate:
    case error_kind::tls_failure: return health_state::erreur_certificat;
    case error_kind::configuration: return health_state::non_configure;
    default: return health_state::erreur_reseau;
    }
}

download_failure_scope scope_of_download_failure(error_kind kind) noexcept {
    switch (kind) {
    case error_kind::cancelled: return download_failure_scope::cancelled;
    case error_kind::invalid_credentials:
    case error_kind::procedure_not_subscribed:
    case error_kind::unknown_account:
    case error_kind::tls_certificate:
    case error_kind::tls_failure:
    case error_kind::configuration: return download_failure_scope::instance;
    case error_kind::piece_not_owned:
    case error_kind::piece_unavailable:
    case error_kind::malformed_request:
    case error_kind::compression_unsupported:
    case error_kind::unexpected_return_code:
    case error_kind::unexpected_response:
    case error_kind::http_error: return download_failure_scope::piece;
    default: return download_failure_scope::service;
    }
}

int severity_rank(health_state state) noexcept {
    switch (state) {
    case health_state::ok: return 0;
    case health_state::piece_illisible: return 1;
    case health_state::erreur_reseau: return 2;
    case health_state::compte_inconnu: return 3;
    case health_state::erreur_certificat: return 4;
    case health_state::procedure_non_souscrite: return 5;
    case health_state::identifiants_refuses: return 6;
    case health_state::non_configure: return 7;
    }
    return 0;
}

health_state worse(health_state a, health_state b) noexcept { return severity_rank(b) > severity_rank(a) ? b : a; }

} // namespace jd::sync
