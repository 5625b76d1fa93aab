#pragma once
// From what went wrong to what the admin sees: the health state of the instance, and whether a failure
// stops the whole run or concerns one piece only.

#include "jedeclare/error_kind.hpp"
#include "store/states.hpp"

#include <string_view>

namespace jd::sync {

/// The admin-visible state a remote failure of this kind puts the instance in.
///  invalid_credentials → identifiants_refuses, procedure_not_subscribed → procedure_non_souscrite,
///  unknown_account → compte_inconnu, tls_certificate/tls_failure → erreur_certificat,
///  configuration → non_configure, everything else (transient ones after the client's retries, protocol
///  surprises) → erreur_reseau.
[[nodiscard]] store::health_state health_of(jedeclare::error_kind kind) noexcept;

/// What a failed download means for the rest of the run.
enum class download_failure_scope {
    piece,    ///< this piece only, for good (unavailable, not ours, refused): skip it, go on with the others
    service,  ///< transient (network, 5xx, 429, code 99, bad answer) after the client's retries: go on a
              ///< little, stop after a few in a row (the service is unwell; the next run carries on)
    instance, ///< nothing will work for this compte de flux (credentials, subscription, TLS): stop at once
    cancelled,
};

[[nodiscard]] download_failure_scope scope_of_download_failure(jedeclare::error_kind kind) noexcept;

/// Which of two states the admin must see first: permanent remote problems, then network, then
/// unreadable pieces, then ok.
[[nodiscard]] int severity_rank(store::health_state state) noexcept;
[[nodiscard]] store::health_state worse(store::health_state a, store::health_state b) noexcept;

} // namespace jd::sync
