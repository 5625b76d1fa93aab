#pragma once
// The configuration form a command sends to a provider (configure, test_connection): --form FILE.json,
// then --set key=value pairs, then --password-stdin. A password is never taken from the command line,
// where every user of the machine could read it in the process list.

#include "cli/arguments.hpp"

#include <boost/json/object.hpp>

#include <iosfwd>
#include <vector>

namespace refhost::cli {

/// The options that describe a form, for the commands that take one.
[[nodiscard]] std::vector<option_spec> form_options();

/// True when any form option was given.
[[nodiscard]] bool has_form(const parsed_options& parsed);

/// Builds the form. Throws usage_error for "--set password=…" or a malformed --set, and failure with the
/// file, line and column for a bad --form file.
[[nodiscard]] boost::json::object build_form(const parsed_options& parsed, std::istream& in, std::ostream& prompt_to);

/// Overwrites the password held in a form (after the call that needed it).
void wipe_form(boost::json::object& form) noexcept;

} // namespace refhost::cli
