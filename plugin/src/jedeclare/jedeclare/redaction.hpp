#pragma once

#include "jedeclare/secret.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jd::jedeclare {

// Cleans text that came from the server (faultstring, message) before it goes into an error or a log:
// removes the login, the password (raw, XML-escaped, inside a Basic header), control characters, and cuts it.
class redactor {
public:
    explicit redactor(const account_credentials& credentials);
    std::string clean(std::string_view text, std::size_t max_length = 300) const;

private:
    std::vector<std::string> needles_;
};

} // namespace jd::jedeclare
