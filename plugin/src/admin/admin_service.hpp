#pragma once
// jd::admin::admin_service: the admin operations of one JeDeclare.com instance, as the provider dispatches
// them (configuration form, connection test, company matching, activation, bank links). Rights are checked
// through the host on every call. The instance context gives the store and the way to reach JeDéclare.com.
#include "admin/activation_service.hpp"
#include "admin/admin_context.hpp"
#include "admin/bank_links_service.hpp"
#include "admin/company_links_service.hpp"
#include "admin/configuration_service.hpp"

#include <boost/json/value.hpp>

namespace jd::admin {

class admin_service {
public:
    admin_service(host_sdk::host services, locked_store& store, remote_clients& remote)
        : context_{services, store, remote} {}
    admin_service(const admin_service&) = delete;
    admin_service& operator=(const admin_service&) = delete;

    boost::json::value configure(const host_sdk::call_context& call, const boost::json::value& input) {
        return configuration_.configure(call, input);
    }
    boost::json::value get_configuration(const host_sdk::call_context& call, const boost::json::value& input) {
        return configuration_.get_configuration(call, input);
    }
    boost::json::value test_connection(const host_sdk::call_context& call, const boost::json::value& input) {
        return configuration_.test_connection(call, input);
    }
    boost::json::value match_companies(const host_sdk::call_context& call, const boost::json::value& input) {
        return companies_.match_companies(call, input);
    }
    boost::json::value confirm_company_match(const host_sdk::call_context& call, const boost::json::value& input) {
        return companies_.confirm_company_match(call, input);
    }
    boost::json::value set_activation(const host_sdk::call_context& call, const boost::json::value& input) {
        return activation_.set_activation(call, input);
    }
    boost::json::value list_bank_links(const host_sdk::call_context& call, const boost::json::value& input) {
        return bank_links_.list_bank_links(call, input);
    }
    boost::json::value set_bank_link(const host_sdk::call_context& call, const boost::json::value& input) {
        return bank_links_.set_bank_link(call, input);
    }

    /// True once a configuration is saved.
    [[nodiscard]] bool configured() { return context_.saved_configuration().has_value(); }

private:
    admin_context context_;
    configuration_service configuration_{context_};
    company_links_service companies_{context_};
    activation_service activation_{context_};
    bank_links_service bank_links_{context_};
};

} // namespace jd::admin
