#pragma once
// The configuration form of a JeDeclare.com instance (the descriptor's JSON Schema): read, checked field by
// field with messages that name the field, and merged over the saved configuration (a field left out of an
// update keeps its saved value; the password too).
#include "jedeclare/secret.hpp"
#include "store/config.hpp"

#include <host_sdk/call_context.hpp>

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace jd::admin {

inline constexpr const char* default_editeur = "jedeclare-aggregator";
inline constexpr const char* default_logiciel = "jedeclare-aggregator";
inline constexpr const char* default_version = "1.0";

struct configuration_form {
    std::optional<std::string> login;
    std::optional<jedeclare::secret> password;
    std::optional<std::string> gestion_account_id;
    std::optional<std::string> editeur;
    std::optional<std::string> logiciel;
    std::optional<std::string> version;
    std::optional<std::string> soap_url;
    std::optional<std::string> gestion_url;
    std::optional<std::string> ca_bundle; // "" (or null in the form) clears it: the system trust store

    [[nodiscard]] bool empty() const noexcept;
};

/// Reads and checks every member present (unknown members are refused). Throws host_sdk::error
/// (HS_E_INVALID_ARGUMENT) naming the field: "login : …".
[[nodiscard]] configuration_form read_configuration_form(const boost::json::object& input,
                                                         const host_sdk::call_context& call);

/// The configuration the form describes over `saved` (defaults for a first configuration). Throws
/// host_sdk::error(HS_E_INVALID_ARGUMENT) when a required field is still missing (login, gestion account).
/// password_ref, updated_at and updated_by are left as in `saved`.
[[nodiscard]] store::instance_config merge_configuration(const configuration_form& form,
                                                         const std::optional<store::instance_config>& saved,
                                                         const host_sdk::call_context& call);

} // namespace jd::admin
