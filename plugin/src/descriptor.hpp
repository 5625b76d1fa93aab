#pragma once
// What the host's aggregator menu needs to know about JeDeclare.com: its name, its menu section and the
// JSON Schema of its configuration form (hs_provider_api_v1.descriptor_json).

#include <string_view>

namespace jd {

/// The descriptor as JSON text: {"id","display_name","menu":{…},"configuration_schema":{…}}. Static storage,
/// built on first use.
[[nodiscard]] std::string_view descriptor_json();

/// The configuration form's JSON Schema alone (draft-07), as JSON text. Static storage.
[[nodiscard]] std::string_view configuration_schema_json() noexcept;

inline constexpr std::string_view default_soap_url =
    "https://www.jedeclare.com/webservices/wspid_spring/CommunicationV2Service/";
inline constexpr std::string_view default_gestion_url = "https://www.jedeclare.com/webservice/gestion/";

} // namespace jd
