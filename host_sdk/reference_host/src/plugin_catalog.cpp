#include "refhost/plugin_catalog.hpp"

#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/logger.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace refhost {

namespace {

host_sdk::provider_handle create_handle(const host_sdk::loaded_plugin& plugin, const host_table& table,
                                        const instance_record& record) {
    const auto* api = plugin.api();
    if (api == nullptr || api->create == nullptr) {
        throw failure(HS_E_INCOMPATIBLE, tr("le plugin « ", "plugin \"") + plugin.id() +
                                             tr(" » ne fournit pas create", "\" has no create"));
    }
    hs_instance_v1 instance{};
    instance.header.struct_size = sizeof(hs_instance_v1);
    instance.header.abi_major = HS_ABI_MAJOR;
    instance.header.abi_minor = HS_ABI_MINOR;
    instance.instance_id = record.instance_id.c_str();
    instance.settings_json = record.settings_json.empty() ? "{}" : record.settings_json.c_str();
    void* self = nullptr;
    hs_error err{};
    host_sdk::clear_error(&err);
    const auto status = api->create(table.api(), &instance, &self, &err);
    if (status != HS_OK) throw host_sdk::error::from_c(status, err);
    if (self == nullptr) {
        throw failure(HS_E_INTERNAL, tr("create a réussi sans rendre d'instance", "create succeeded without an instance"));
    }
    return host_sdk::provider_handle(plugin.library(), api, self, record.instance_id);
}

} // namespace

open_instance::open_instance(std::shared_ptr<host_sdk::loaded_plugin> plugin, std::unique_ptr<host_table> table,
                             instance_record record)
    : plugin_(std::move(plugin)), table_(std::move(table)), record_(std::move(record)),
      handle_(create_handle(*plugin_, *table_, record_)) {}

open_instance::~open_instance() {
    // The instance stops and joins its work before the table it uses goes away.
    handle_.reset();
}

namespace {

// A plugin directory holds manifests itself, or one folder per plugin (plugins/jedeclare/…, the layout of
// the build tree and of packages): its immediate subfolders that hold a manifest are scanned too.
void add_with_plugin_subfolders(std::vector<std::filesystem::path>& out, const std::filesystem::path& directory) {
    out.push_back(directory);
    std::error_code ec;
    if (!std::filesystem::is_directory(directory, ec)) return;
    std::vector<std::filesystem::path> subfolders;
    for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
        std::error_code inner;
        if (!entry.is_directory(inner)) continue;
        for (const auto& file : std::filesystem::directory_iterator(entry.path(), inner)) {
            const auto name = file.path().filename().string();
            if (name.size() > host_sdk::manifest_suffix.size() &&
                name.compare(name.size() - host_sdk::manifest_suffix.size(), std::string::npos,
                             host_sdk::manifest_suffix) == 0) {
                subfolders.push_back(entry.path());
                break;
            }
        }
    }
    std::sort(subfolders.begin(), subfolders.end());
    out.insert(out.end(), subfolders.begin(), subfolders.end());
}

} // namespace

plugin_catalog::plugin_catalog(host_services& services, std::vector<std::filesystem::path> directories,
                               std::vector<std::filesystem::path> optional_directories)
    : services_(services) {
    for (const auto& directory : directories) add_with_plugin_subfolders(directories_, directory);
    for (const auto& directory : optional_directories) {
        std::error_code ec;
        if (std::filesystem::is_directory(directory, ec)) add_with_plugin_subfolders(directories_, directory);
    }
    loader_table_ = std::make_unique<host_table>(services_, "", "");
    loader_ = std::make_unique<host_sdk::loader>(loader_table_->api(), locale_code());
    if (!directories_.empty()) scan_ = loader_->scan(directories_);
    for (const auto& item : scan_.failures) {
        services_.log.log(log_level::warning, "plugins", "load_failed",
                          boost::json::object{{"file", item.file.string()},
                                              {"status", host_sdk::status_name(item.status)},
                                              {"message", item.message}});
    }
}

std::shared_ptr<host_sdk::loaded_plugin> plugin_catalog::find(const std::string& provider_id) const {
    for (const auto& plugin : scan_.plugins)
        if (plugin->id() == provider_id) return plugin;
    std::string message = tr("agrégateur inconnu : « ", "unknown aggregator: \"") + provider_id + tr(" »", "\"");
    if (scan_.plugins.empty()) {
        message += tr(" (aucun plugin chargé", " (no plugin loaded");
    } else {
        message += tr(" (disponibles : ", " (available: ");
        for (std::size_t i = 0; i < scan_.plugins.size(); ++i) message += (i ? ", " : "") + scan_.plugins[i]->id();
    }
    if (!scan_.failures.empty()) {
        message += tr(" ; échecs de chargement : ", "; load failures: ");
        for (std::size_t i = 0; i < scan_.failures.size(); ++i)
            message += (i ? " ; " : "") + scan_.failures[i].message;
    }
    message += ")";
    throw failure(HS_E_NOT_FOUND, message);
}

std::unique_ptr<open_instance> plugin_catalog::open(const instance_record& record) const {
    auto plugin = find(record.provider_id);
    auto table = std::make_unique<host_table>(services_, record.provider_id, record.instance_id);
    return std::make_unique<open_instance>(std::move(plugin), std::move(table), record);
}

} // namespace refhost
