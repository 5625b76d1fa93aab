// dropin-host: the smallest host. It scans a plugin directory and its immediate sub-folders with the SDK's
// loader, then prints one line per plugin loaded and one per plugin refused (the loader's message).
//   dropin-host [--lang fr|en] [DIR]      DIR defaults to the installed host's plugin directory.
// Exit status: 0 when every plugin found was loaded, 1 when one was refused or none was found.
#include <host_sdk/c/host_api_v1.h>
#include <host_sdk/loader.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace {

// The loader and a plugin's entry point only need the table; this host offers its clock and nothing else
// (a plugin that calls another service gets HS_E_NOT_IMPLEMENTED from the SDK's C++ face).
std::int64_t now_ms(void*) {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::vector<std::filesystem::path> with_subfolders(const std::filesystem::path& root) {
    std::vector<std::filesystem::path> directories{root}, subfolders;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
        if (std::error_code kind; it->is_directory(kind)) subfolders.push_back(it->path());
    std::sort(subfolders.begin(), subfolders.end());
    directories.insert(directories.end(), subfolders.begin(), subfolders.end());
    return directories;
}

} // namespace

int main(int argc, char** argv) {
    std::string locale = "fr";
    std::filesystem::path root = DROPIN_PLUGINS_DIR;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--lang" && i + 1 < argc) locale = argv[++i];
        else root = arg;
    }

    hs_host_api_v1 table{};
    table.header = {static_cast<std::uint32_t>(sizeof table), HS_ABI_MAJOR, HS_ABI_MINOR};
    table.host_name = "dropin-host";
    table.now_ms = &now_ms;

    const host_sdk::loader loader(&table, locale);
    const auto result = loader.scan(with_subfolders(root));
    for (const auto& plugin : result.plugins)
        std::cout << "plugin: " << plugin->info().display_name << " (" << plugin->id() << " "
                  << plugin->info().version << ", ABI " << plugin->info().abi.major << "." << plugin->info().abi.minor
                  << ") " << plugin->library_path().string() << "\n";
    for (const auto& failure : result.failures) std::cout << "refused: " << failure.message << "\n";
    return !result.plugins.empty() && result.failures.empty() ? 0 : 1;
}
