#pragma once
// Each plugin instance owns <home>/plugins-data/<instance_id>/ (hs_host_api_v1.data_directory).

#include "refhost/home.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace refhost {

/// True for ids usable as directory names and in commands: 1 to 64 of [A-Za-z0-9._-], not starting with
/// '.' or '-'.
[[nodiscard]] bool is_valid_instance_id(std::string_view id);

/// The directory of `instance_id`, created (mode 0700) when missing.
std::filesystem::path ensure_data_directory(const home_layout& home, const std::string& instance_id);

/// Removes the instance's directory and everything in it; returns false when there was none.
bool remove_data_directory(const home_layout& home, const std::string& instance_id);

} // namespace refhost
