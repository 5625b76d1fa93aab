#pragma once

#include <iosfwd>
#include <string_view>

namespace jd::jedeclare {

// What went wrong, in terms an administrator (or the scheduler) can act on.
enum class error_kind {
    // transient: retried by the client within its attempt and time budget
    network,                  // connection refused, reset, closed early
    timeout,                  // one step (connect, handshake, write, read) took too long
    server_unavailable,       // HTTP 5xx (or 408)
    rate_limited,             // HTTP 429
    server_technical,         // codeRetour 99
    soap_fault,               // SOAP Fault
    truncated_response,       // body shorter than announced, connection closed mid-body
    malformed_response,       // not XML, wrong base64, corrupt compressed data

    // permanent: never retried, need an administrator or a code change
    invalid_credentials,      // codeRetour 06, HTTP 401
    piece_not_owned,          // codeRetour 08
    procedure_not_subscribed, // codeRetour 11
    unknown_account,          // HTTP 404 on gestion
    malformed_request,        // codeRetour 05
    piece_unavailable,        // codeRetour 07
    compression_unsupported,  // codeRetour 04
    unexpected_return_code,   // a codeRetour this client does not know
    unexpected_response,      // a well-formed answer of a shape this client does not recognise
    http_error,               // any other HTTP status (3xx, 4xx)
    tls_certificate,          // the server's certificate is not trusted or not for this host
    tls_failure,              // TLS could not be set up for another reason (protocol, cipher)
    configuration,            // bad URL, unreadable CA bundle, a value that cannot be sent
    deadline_exceeded,        // the whole call ran out of time
    cancelled,                // cancel() was called
};

// Transient errors are worth retrying; permanent ones are not.
constexpr bool is_transient(error_kind kind) noexcept
{
    switch (kind) {
    case error_kind::network:
    case error_kind::timeout:
    case error_kind::server_unavailable:
    case error_kind::rate_limited:
    case error_kind::server_technical:
    case error_kind::soap_fault:
    case error_kind::truncated_response:
    case error_kind::malformed_response:
        return true;
    default:
        return false;
    }
}

// Stable identifier for reports and logs ("invalid_credentials", ...).
std::string_view to_string(error_kind kind) noexcept;

// Writes to_string(kind).
std::ostream& operator<<(std::ostream& out, error_kind kind);

// One sentence an administrator can act on, in "fr" (default) or "en".
std::string_view describe(error_kind kind, std::string_view locale = "fr") noexcept;

} // namespace jd::jedeclare
