#pragma once
// host_sdk::error: an hs_status with a message, on either side of the C boundary.
//
// Both sides turn a non-OK status coming from the other side into a host_sdk::error, and turn a
// host_sdk::error leaving their own code into a status + hs_error. The exception object itself never
// crosses the boundary: each binary has its own copy of this (header-only) type.

#include "host_sdk/c/abi.h"

#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace host_sdk {

/// Stable snake_case name of a status ("ok", "not_implemented", "permission_denied", "not_found",
/// "invalid_argument", "transient", "incompatible", "cancelled", "conflict", "remote_refused", "internal").
/// An unknown value gives "unknown".
[[nodiscard]] constexpr std::string_view status_name(hs_status status) noexcept {
    switch (status) {
    case HS_OK: return "ok";
    case HS_E_NOT_IMPLEMENTED: return "not_implemented";
    case HS_E_PERMISSION_DENIED: return "permission_denied";
    case HS_E_NOT_FOUND: return "not_found";
    case HS_E_INVALID_ARGUMENT: return "invalid_argument";
    case HS_E_TRANSIENT: return "transient";
    case HS_E_INCOMPATIBLE: return "incompatible";
    case HS_E_CANCELLED: return "cancelled";
    case HS_E_CONFLICT: return "conflict";
    case HS_E_REMOTE_REFUSED: return "remote_refused";
    case HS_E_INTERNAL: return "internal";
    }
    return "unknown";
}

/// Inverse of status_name; std::nullopt for a name it does not know.
[[nodiscard]] constexpr std::optional<hs_status> status_from_name(std::string_view name) noexcept {
    for (int code = HS_OK; code <= HS_E_INTERNAL; ++code) {
        const auto status = static_cast<hs_status>(code);
        if (status_name(status) == name) return status;
    }
    return std::nullopt;
}

/// A status read from the wire (an int32 in hs_error.code): unknown values become HS_E_INTERNAL.
[[nodiscard]] constexpr hs_status status_from_code(int32_t code) noexcept {
    return code >= HS_OK && code <= HS_E_INTERNAL ? static_cast<hs_status>(code) : HS_E_INTERNAL;
}

/// The std::error_category of hs_status values (name "host_sdk").
class status_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "host_sdk"; }
    std::string message(int code) const override { return std::string(status_name(status_from_code(code))); }
};

[[nodiscard]] inline const std::error_category& status_category() noexcept {
    static const status_category_impl category;
    return category;
}

[[nodiscard]] inline std::error_code make_error_code(hs_status status) noexcept {
    return {static_cast<int>(status), status_category()};
}

/// The exception both facades throw. what() is the message alone (no status prefix), so it can be shown
/// to an administrator as it is.
class error : public std::runtime_error {
public:
    error(hs_status status, const std::string& message) : std::runtime_error(message), status_(status) {}

    /// Rebuilds the error the other side reported. A missing message is replaced by the status name.
    static error from_c(hs_status status, const hs_error& err) {
        std::string message(err.message, ::strnlen(err.message, sizeof err.message));
        if (message.empty()) message = std::string(status_name(status));
        return error(status, message);
    }

    [[nodiscard]] hs_status status() const noexcept { return status_; }
    [[nodiscard]] std::error_code code() const noexcept { return make_error_code(status_); }

private:
    hs_status status_;
};

/// Fills `err` (may be NULL) with a status and a message, truncated to fit without cutting a UTF-8
/// sequence in half. Never throws: it runs inside the exception firewall.
inline void fill_error(hs_error* err, hs_status status, std::string_view message) noexcept {
    if (err == nullptr) return;
    err->code = static_cast<int32_t>(status);
    std::size_t size = message.size();
    if (size > HS_ERROR_MESSAGE_SIZE - 1) {
        size = HS_ERROR_MESSAGE_SIZE - 1;
        // Step back over continuation bytes (10xxxxxx), then drop the lead byte of the cut sequence.
        while (size > 0 && (static_cast<unsigned char>(message[size]) & 0xC0U) == 0x80U) --size;
    }
    std::memcpy(err->message, message.data(), size);
    err->message[size] = '\0';
}

/// Resets `err` (may be NULL) to HS_OK with an empty message, before handing it to the other side.
inline void clear_error(hs_error* err) noexcept {
    if (err == nullptr) return;
    err->code = HS_OK;
    err->message[0] = '\0';
}

} // namespace host_sdk
