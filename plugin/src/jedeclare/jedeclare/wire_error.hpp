#pragma once

#include "jedeclare/error_kind.hpp"

#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace jd::jedeclare {

// The one exception type the client throws. Its texts never hold a password, a login, a request body or an
// Authorization header: details come from status lines, return codes and server messages that went through
// redaction.
class wire_error : public std::exception {
public:
    wire_error(error_kind kind, std::string detail);

    error_kind kind() const noexcept { return kind_; }
    bool transient() const noexcept { return is_transient(kind_); }

    // Sentence for an administrator: what happened, what to do, plus the technical detail.
    std::string message(std::string_view locale = "fr") const;
    const char* what() const noexcept override { return what_.c_str(); }

    // Technical detail (HTTP status, return code, TLS reason, redacted server message).
    const std::string& detail() const noexcept { return detail_; }
    // Which protocol call failed: "ListeDisponibiliteV2", "DemandeAccuse", "gestion.dossierClient", ...
    const std::string& operation() const noexcept { return operation_; }
    // HTTP status of the failing answer, 0 when there was none.
    unsigned http_status() const noexcept { return http_status_; }
    // codeRetour of the failing answer, empty when there was none.
    const std::string& return_code() const noexcept { return return_code_; }
    // How many attempts were made before giving up (0 when the call never got to the network).
    unsigned attempts() const noexcept { return attempts_; }
    // Raw Retry-After header of the failing answer (used by the retry policy).
    const std::optional<std::string>& retry_after() const noexcept { return retry_after_; }

    wire_error& with_operation(std::string operation);
    wire_error& with_http_status(unsigned status);
    wire_error& with_return_code(std::string code);
    wire_error& with_attempts(unsigned attempts);
    wire_error& with_retry_after(std::optional<std::string> value);

private:
    void refresh_what();

    error_kind kind_;
    std::string detail_;
    std::string operation_;
    unsigned http_status_ = 0;
    std::string return_code_;
    unsigned attempts_ = 0;
    std::optional<std::string> retry_after_;
    std::string what_;
};

} // namespace jd::jedeclare
