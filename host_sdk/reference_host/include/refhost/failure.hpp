#pragma once
// How the host reports a refused or failed operation (host_sdk::error, carrying an hs_status), and a bad
// command line (usage_error, exit code 2).

#include "host_sdk/error.hpp"

#include <stdexcept>
#include <string>

namespace refhost {

using failure = host_sdk::error;

class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace refhost
