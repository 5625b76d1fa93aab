#pragma once
// The aggregators the host offers: plugins found by the SDK loader in the plugin directories, and the
// instances created from them. Each instance gets its own host table (see host_table.hpp), so the host
// calls the provider's create() itself and wraps the result in the SDK's provider_handle.

#include "refhost/host_table.hpp"
#include "refhost/instances.hpp"

#include "host_sdk/loader.hpp"
#include "host_sdk/provider_handle.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace refhost {

/// A created provider instance and the host table it was given; the table outlives the instance.
class open_instance {
public:
    open_instance(std::shared_ptr<host_sdk::loaded_plugin> plugin, std::unique_ptr<host_table> table,
                  instance_record record);
    open_instance(const open_instance&) = delete;
    open_instance& operator=(const open_instance&) = delete;
    ~open_instance();

    [[nodiscard]] const host_sdk::provider_handle& handle() const noexcept { return handle_; }
    [[nodiscard]] host_sdk::provider_handle& handle() noexcept { return handle_; }
    [[nodiscard]] const instance_record& record() const noexcept { return record_; }
    [[nodiscard]] const host_sdk::loaded_plugin& plugin() const noexcept { return *plugin_; }

private:
    std::shared_ptr<host_sdk::loaded_plugin> plugin_;
    std::unique_ptr<host_table> table_;
    instance_record record_;
    host_sdk::provider_handle handle_;
};

class plugin_catalog {
public:
    /// Scans `directories` now. Directories listed in `optional_directories` are scanned only when they exist
    /// (the built-in default); a missing explicit one is reported as a load failure.
    plugin_catalog(host_services& services, std::vector<std::filesystem::path> directories,
                   std::vector<std::filesystem::path> optional_directories = {});
    plugin_catalog(const plugin_catalog&) = delete;
    plugin_catalog& operator=(const plugin_catalog&) = delete;

    [[nodiscard]] const host_sdk::scan_result& scan() const noexcept { return scan_; }
    [[nodiscard]] const std::vector<std::filesystem::path>& directories() const noexcept { return directories_; }

    /// The loaded plugin with this id; throws failure(HS_E_NOT_FOUND) listing what is available (and the load
    /// failures, which often explain why a plugin is missing).
    [[nodiscard]] std::shared_ptr<host_sdk::loaded_plugin> find(const std::string& provider_id) const;

    /// Creates the provider instance for `record`. Throws failure with the provider's status and message.
    [[nodiscard]] std::unique_ptr<open_instance> open(const instance_record& record) const;

private:
    host_services& services_;
    std::vector<std::filesystem::path> directories_;
    std::unique_ptr<host_table> loader_table_;
    std::unique_ptr<host_sdk::loader> loader_;
    host_sdk::scan_result scan_;
};

} // namespace refhost
