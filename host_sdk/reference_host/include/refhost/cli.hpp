#pragma once
// The aggregator-host command line, callable in-process (tests) as well as from main().

#include <iosfwd>
#include <string>
#include <vector>

namespace refhost {

/// Runs one command line (without the program name). Returns the exit code: 0 done, 1 refused or failed,
/// 2 bad usage. Errors are one line on `err`.
int run_cli(std::vector<std::string> args, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace refhost
