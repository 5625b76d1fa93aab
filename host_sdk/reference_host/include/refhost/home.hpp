#pragma once
// The host's home directory and the files in it.

#include <filesystem>
#include <optional>
#include <string>

namespace refhost {

struct home_layout {
    std::filesystem::path root;

    [[nodiscard]] std::filesystem::path database() const { return root / "host.db"; }
    [[nodiscard]] std::filesystem::path secrets_key() const { return root / "secrets.key"; }
    [[nodiscard]] std::filesystem::path log_file() const { return root / "host.log"; }
    [[nodiscard]] std::filesystem::path plugins_data() const { return root / "plugins-data"; }

    /// --home DIR, else env AGGREGATOR_HOST_HOME, else ./aggregator-host-home; made absolute.
    static home_layout resolve(const std::optional<std::string>& from_command_line);

    /// Creates the directory (mode 0700) when missing.
    void ensure() const;
};

} // namespace refhost
