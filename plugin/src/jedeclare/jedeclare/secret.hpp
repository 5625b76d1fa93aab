#pragma once

#include <string>
#include <utility>

namespace jd::jedeclare {

// A password held so that it cannot be printed by accident: no stream operator, no implicit conversion.
// Code that really needs the value (the SOAP body, the Basic header) calls reveal().
class secret {
public:
    secret() = default;
    explicit secret(std::string value) : value_(std::move(value)) {}

    const std::string& reveal() const noexcept { return value_; }
    bool empty() const noexcept { return value_.empty(); }

private:
    std::string value_;
};

// The credentials of one compte de flux.
struct account_credentials {
    std::string login;              // e-mail of the compte de flux (kept out of errors and logs as well)
    secret password;
    std::string gestion_account_id; // numeric {idCompte} of the gestion API; empty when gestion is not used
};

} // namespace jd::jedeclare
