#pragma once
// The JSON form of what the statement engine produces.

#include "json_writer.hpp"

#include "jd/statement/diagnostic.hpp"
#include "jd/statement/parser.hpp"
#include "jd/statement/statement.hpp"

namespace jd::tools {

void write_statement(json_writer& out, const statement::bank_statement& s);
void write_diagnostic(json_writer& out, const statement::diagnostic& d, statement::language lang);
void write_summary(json_writer& out, const statement::parse_summary& summary);

} // namespace jd::tools
