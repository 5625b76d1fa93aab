// The dispatcher from the host's operations to the plugin's services.
//
// When the admin wing (jd_admin) and the sync wing (jd_sync) are linked in, their services are created in
// the constructor (from services() and instance()) and each method below forwards to one of them; the
// destructor stops them (destroy() must stop and join everything the instance runs).
#include "provider.hpp"

namespace jd {

using host_sdk::call_context;
using host_sdk::operation;
namespace json = boost::json;

provider::provider(host_sdk::host services, host_sdk::instance_info instance)
    : host_sdk::provider(services, std::move(instance)) {
    this->services().log(HS_LOG_INFO, "provider", "instance_created", {{"instance_id", this->instance().instance_id}});
}

provider::~provider() = default;

// Admin operations (jd_admin).
json::value provider::configure(const call_context& call, const json::value&) {
    not_implemented(call, operation::configure);
}
json::value provider::get_configuration(const call_context& call, const json::value&) {
    not_implemented(call, operation::get_configuration);
}
json::value provider::test_connection(const call_context& call, const json::value&) {
    not_implemented(call, operation::test_connection);
}
json::value provider::match_companies(const call_context& call, const json::value&) {
    not_implemented(call, operation::match_companies);
}
json::value provider::confirm_company_match(const call_context& call, const json::value&) {
    not_implemented(call, operation::confirm_company_match);
}
json::value provider::set_activation(const call_context& call, const json::value&) {
    not_implemented(call, operation::set_activation);
}
json::value provider::list_bank_links(const call_context& call, const json::value&) {
    not_implemented(call, operation::list_bank_links);
}
json::value provider::set_bank_link(const call_context& call, const json::value&) {
    not_implemented(call, operation::set_bank_link);
}
json::value provider::status(const call_context& call, const json::value&) {
    not_implemented(call, operation::status);
}

// The scheduled job (jd_sync).
json::value provider::sync(const call_context& call, const json::value&) {
    not_implemented(call, operation::sync);
}

void provider::cancel() {}

} // namespace jd
