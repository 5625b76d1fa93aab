#pragma once
// Readable renderings of the providers' JSON answers and of the host's own records. Every renderer is
// tolerant: a member that is missing or of another type is shown empty rather than failing.

#include <boost/json/value.hpp>

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

namespace refhost::cli {

/// -123456 with 2 decimals → "-1 234,56" (French) or "-1,234.56" (English).
[[nodiscard]] std::string format_amount(std::int64_t minor, int decimals);
/// A member of an object, or nullptr.
[[nodiscard]] const boost::json::value* member(const boost::json::value& object, std::string_view key);
/// A scalar as text: strings as they are, numbers in decimal, booleans as oui/non (yes/no), null as "".
[[nodiscard]] std::string text_of(const boost::json::value* value);
[[nodiscard]] std::string text_at(const boost::json::value& object, std::string_view key);
[[nodiscard]] std::int64_t integer_at(const boost::json::value& object, std::string_view key);
[[nodiscard]] std::string yes_no(bool value);
/// "—" for an empty value.
[[nodiscard]] std::string or_dash(const std::string& text);
/// A readable name for a provider state ("identifiants_refuses" → "identifiants refusés").
[[nodiscard]] std::string state_label(const std::string& state);
/// Parses a provider answer; a malformed answer is a failure(HS_E_INTERNAL) naming the operation.
[[nodiscard]] boost::json::value parse_answer(const std::string& text, std::string_view operation);

void print_configuration(std::ostream& out, const boost::json::value& configuration);
void print_connection_test(std::ostream& out, const boost::json::value& result);
void print_status(std::ostream& out, const boost::json::value& status);
void print_run_report(std::ostream& out, const boost::json::value& report);
/// One line for the scheduler's output.
[[nodiscard]] std::string run_report_line(const std::string& instance_id, const boost::json::value& report);
void print_bank_links(std::ostream& out, const boost::json::value& links);
void print_activation(std::ostream& out, const boost::json::value& changed);
/// The JSON, pretty-printed on several lines, for --json.
void print_json(std::ostream& out, const boost::json::value& value);

} // namespace refhost::cli
