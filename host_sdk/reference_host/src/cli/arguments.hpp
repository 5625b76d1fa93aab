#pragma once
// Command-line parsing: the global options (valid anywhere on the line) and each command's own options.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace refhost::cli {

struct global_options {
    std::optional<std::string> home;
    std::optional<std::string> user;
    std::optional<std::string> language;
    std::vector<std::string> plugin_directories;
    bool json = false;
    bool verbose = false;
    bool help = false;
    bool version = false;
};

/// Takes the global options out of `args` (wherever they are) and returns them; `args` keeps the rest in
/// order. Throws usage_error for a global option without its value.
global_options extract_global_options(std::vector<std::string>& args);

struct option_spec {
    std::string name;   ///< with its dashes: "--instance"
    bool takes_value = false;
    bool repeatable = false;
};

struct parsed_options {
    std::vector<std::string> positionals;
    std::map<std::string, std::vector<std::string>> values;

    [[nodiscard]] bool has(const std::string& name) const { return values.count(name) != 0; }
    [[nodiscard]] std::optional<std::string> value(const std::string& name) const;
    [[nodiscard]] std::vector<std::string> all(const std::string& name) const;
};

/// Parses a command's arguments: "--name value", "--name=value", flags, and positionals ("--" ends the
/// options). Throws usage_error naming an unknown option, a missing value or a repeated option.
parsed_options parse_options(const std::vector<std::string>& args, const std::vector<option_spec>& specs);

/// Throws usage_error unless there are exactly `count` positionals (`names` describe them for the message).
void expect_positionals(const parsed_options& parsed, std::size_t count, const std::string& names);

/// Whole numbers; throws usage_error naming `what` otherwise.
[[nodiscard]] std::int64_t parse_integer(const std::string& text, const std::string& what);
/// A positive id (company, bank account).
[[nodiscard]] std::int64_t parse_id(const std::string& text, const std::string& what);

} // namespace refhost::cli
