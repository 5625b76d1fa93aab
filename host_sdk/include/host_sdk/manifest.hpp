#pragma once
// The plugin manifest: the sidecar `<name>.plugin.json` the host reads before loading any plugin code,
// and the same JSON (without sha256) compiled into the library (hs_provider_api_v1.manifest_json).
// Its JSON Schema is schema/plugin-manifest.schema.json (manifest_schema_json() below).
//
// {"id":"jedeclare","display_name":"JeDeclare.com","version":"1.0.0","abi":{"major":1,"minor":0},
//  "platform":"linux_x86_64","library":"libjedeclare_aggregator.so","entry":"hs_aggregator_provider_v1",
//  "sha256":"…64 hex…","description":"…","vendor":"…"}

#include "host_sdk/json_schema.hpp"

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace host_sdk {

struct abi_version {
    std::uint16_t major = 0;
    std::uint16_t minor = 0;

    friend bool operator==(const abi_version&, const abi_version&) = default;
};

struct manifest {
    std::string id;           ///< [a-z][a-z0-9_-]*, unique among a host's plugins
    std::string display_name; ///< shown in the aggregator menu, e.g. "JeDeclare.com"
    std::string version;      ///< the plugin's own version, semantic versioning
    abi_version abi;          ///< the ABI the plugin was built against
    std::string platform;     ///< e.g. "linux_x86_64" (see current_platform())
    std::string library;      ///< file name of the library, in the manifest's directory
    std::string entry;        ///< exported symbol: HS_ENTRY_NAME
    std::string sha256;       ///< of the library file, lowercase hex; "" in the compiled-in copy
    std::optional<std::string> description;
    std::optional<std::string> vendor;

    friend bool operator==(const manifest&, const manifest&) = default;
};

/// Reading assumes a value that passed the schema; it throws std::exception otherwise.
void tag_invoke(boost::json::value_from_tag, boost::json::value& json, const manifest& value);
manifest tag_invoke(boost::json::value_to_tag<manifest>, const boost::json::value& json);

/// The platform this code was compiled for, in the manifest's spelling: "<os>_<cpu>", e.g. "linux_x86_64".
[[nodiscard]] std::string_view current_platform() noexcept;

/// The text of schema/plugin-manifest.schema.json, embedded at build time.
[[nodiscard]] std::string_view manifest_schema_json() noexcept;

/// The parsed schema (parsed once).
[[nodiscard]] const boost::json::value& manifest_schema();

/// The file name of the manifest that describes plugin `name`: "<name>.plugin.json".
inline constexpr std::string_view manifest_suffix = ".plugin.json";

} // namespace host_sdk
