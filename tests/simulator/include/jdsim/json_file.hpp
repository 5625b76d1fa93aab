#pragma once
// Writing JSON files readably (indented) and atomically (temporary file, then rename).
#include <boost/json/value.hpp>

#include <filesystem>
#include <string>

namespace jdsim {

std::string pretty_json(const boost::json::value& v);
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

}  // namespace jdsim
