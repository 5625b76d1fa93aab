#pragma once
// Reads a password from standard input: on a terminal with a prompt and without echo, otherwise the
// first line of the stream (for scripts: `printf '%s\n' "$pw" | aggregator-host … --password-stdin`).

#include <iosfwd>
#include <string>

namespace refhost::cli {

/// Throws failure(HS_E_INVALID_ARGUMENT) when nothing was read. `prompt_to` receives the prompt on a terminal.
[[nodiscard]] std::string read_password(std::istream& in, std::ostream& prompt_to);

/// Overwrites the bytes of a string that held a secret before it is released.
void wipe(std::string& secret) noexcept;

} // namespace refhost::cli
