#pragma once
// set_activation: tick or untick companies (deliveries on or off), with an optional first booking date.
// Only a company linked to a JeDéclare dossier can be activated. The whole request is checked before
// anything changes; then every change is made in one transaction, each audited (who, what, when).
// Activating releases the company's quarantined movements (the store re-routes them at once); the next sync
// delivers them.
#include "admin/admin_context.hpp"

#include <boost/json/value.hpp>

namespace jd::admin {

class activation_service {
public:
    explicit activation_service(admin_context& context) : context_(context) {}

    boost::json::value set_activation(const host_sdk::call_context& call, const boost::json::value& input);

private:
    admin_context& context_;
};

} // namespace jd::admin
