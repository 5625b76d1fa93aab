#pragma once
// host_sdk::loader: the host side. Finds plugins by their manifests, checks them before running any of
// their code, loads them with Boost.DLL and creates instances.
//
// For each `<name>.plugin.json`, in this order (the first failure refuses the plugin, with one message
// naming the file, what was expected and what was found):
//   1. read and parse the manifest (line/column of a JSON error);
//   2. validate it against the embedded schema (JSON path of the first violation);
//   3. platform == current_platform();
//   4. ABI: major equal to HS_ABI_MAJOR, minor not newer than HS_ABI_MINOR (hs_abi_compatible);
//   5. the library file exists and its SHA-256 equals the manifest's;
//   6. the entry symbol is exported in section "hostsdk" (read from the file, without loading it);
//   7. load (RTLD_NOW), call the entry with the host's table, check the returned table (size, ABI);
//   8. the manifest compiled into the library equals the file (every field but sha256).
// A library in a scanned directory that no manifest names is refused too ("no manifest").
// One bad plugin never stops the others. Messages are French unless the locale is "en".
//
// Libraries are never unloaded while the process runs (by default they are also pinned in a process-wide
// registry); every object made from a library holds a reference to it.

#include "host_sdk/c/host_api_v1.h"
#include "host_sdk/c/provider_api_v1.h"
#include "host_sdk/error.hpp"
#include "host_sdk/manifest.hpp"
#include "host_sdk/provider_handle.hpp"

#include <boost/json.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace boost::dll {
class shared_library;
}

namespace host_sdk {

/// One plugin that passed every check and whose entry accepted the host.
class loaded_plugin {
public:
    loaded_plugin(manifest info, std::filesystem::path manifest_path, std::filesystem::path library_path,
                  std::shared_ptr<boost::dll::shared_library> library, const hs_provider_api_v1* api,
                  const hs_host_api_v1* host_api, std::string locale);

    [[nodiscard]] const manifest& info() const noexcept { return info_; }
    [[nodiscard]] const std::string& id() const noexcept { return info_.id; }
    [[nodiscard]] const std::filesystem::path& manifest_path() const noexcept { return manifest_path_; }
    [[nodiscard]] const std::filesystem::path& library_path() const noexcept { return library_path_; }
    [[nodiscard]] const std::shared_ptr<boost::dll::shared_library>& library() const noexcept { return library_; }
    [[nodiscard]] const hs_provider_api_v1* api() const noexcept { return api_; }

    /// The manifest compiled into the library (manifest_json()), as text.
    [[nodiscard]] std::string compiled_manifest_json() const;
    /// The descriptor (descriptor_json()): {"id","display_name","menu":{…},"configuration_schema":{…}}.
    [[nodiscard]] std::string descriptor_json() const;
    /// The descriptor, parsed. Throws host_sdk::error(HS_E_INCOMPATIBLE) if it is not a JSON object.
    [[nodiscard]] boost::json::object descriptor() const;

    /// Creates an aggregator instance. settings_json: node-level settings (see hs_instance_v1), "{}" if none.
    /// Throws host_sdk::error with the plugin's status and message when create() fails.
    [[nodiscard]] provider_handle create_instance(const std::string& instance_id,
                                                  const std::string& settings_json = "{}") const;

private:
    manifest info_;
    std::filesystem::path manifest_path_;
    std::filesystem::path library_path_;
    std::shared_ptr<boost::dll::shared_library> library_;
    const hs_provider_api_v1* api_;
    const hs_host_api_v1* host_api_;
    std::string locale_;
};

/// A refused plugin: the file at fault (manifest or library) and one message.
struct load_failure {
    std::filesystem::path file;
    hs_status status = HS_E_INCOMPATIBLE;
    std::string message;
};

struct scan_result {
    std::vector<std::shared_ptr<loaded_plugin>> plugins; ///< in manifest path order
    std::vector<load_failure> failures;
};

struct loader_options {
    /// Keep every loaded library in a process-wide registry, so it is never unloaded (the production rule).
    /// Tests turn it off to observe that handles alone keep a library alive.
    bool pin_libraries = true;
};

class loader {
public:
    /// `host_api` must outlive every plugin and instance made through this loader. locale "en" gives
    /// English messages, anything else French.
    loader(const hs_host_api_v1* host_api, std::string locale = "fr", loader_options options = {});

    /// Every `*.plugin.json` of every directory (not recursive; a missing directory is a failure), plus a
    /// failure for each library (`*.so`) that no manifest names. Sorted by path; never throws for a plugin.
    [[nodiscard]] scan_result scan(const std::vector<std::filesystem::path>& directories) const;

    /// Loads the plugin a manifest describes. Throws host_sdk::error whose what() is the refusal message.
    [[nodiscard]] std::shared_ptr<loaded_plugin> load(const std::filesystem::path& manifest_path) const;

    [[nodiscard]] const std::string& locale() const noexcept { return locale_; }

private:
    const hs_host_api_v1* host_api_;
    std::string locale_;
    loader_options options_;
};

/// Lowercase hex SHA-256 of a file's bytes. Throws host_sdk::error(HS_E_NOT_FOUND) if it cannot be read.
[[nodiscard]] std::string sha256_file(const std::filesystem::path& file);

} // namespace host_sdk
