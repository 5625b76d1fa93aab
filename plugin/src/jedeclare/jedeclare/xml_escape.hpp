#pragma once

#include <string>
#include <string_view>

namespace jd::jedeclare {

// Escapes a value for XML element content or attribute text: & < > " ' and CR (as &#13;, so that a CR survives
// the parser's end-of-line normalisation). Characters XML 1.0 cannot carry (other C0 controls) make it throw
// wire_error(configuration) without quoting the value, since it may be a password.
std::string xml_escape(std::string_view value);
void append_xml_escaped(std::string& out, std::string_view value);

} // namespace jd::jedeclare
