// The dispatcher from the host's operations to the instance's services.
#include "provider.hpp"

#include "instance/instance_context.hpp"

namespace jd {

using host_sdk::call_context;
using instance::instance_context;
namespace json = boost::json;

provider::provider(host_sdk::host services, host_sdk::instance_info instance)
    : host_sdk::provider(services, std::move(instance)),
      context_(std::make_unique<instance_context>(this->services(), this->instance())) {}

provider::~provider() = default;

// Admin operations.
json::value provider::configure(const call_context& call, const json::value& input) {
    const instance_context::operation_scope scope(*context_);
    return context_->admin().configure(call, input);
}
json::value provider::get_configuration(const call_context& call, const json::value& input) {
    const instance_context::operation_scope scope(*context_);
    return context_->admin().get_configuration(call, input);
}
json::value provider::test_connection(const call_context& call, const json::value& input) {
    const instance_context::operation_scope scope(*context_);
    return context_->admin().test_connection(call, input);
}
json::value provider::match_companies(const call_context& call, const json::value& input) {
    const instance_context::operation_scope scope(*context_);
    return context_->admin().match_companies(call, input);
}
json::value provider::confirm_company_match(const call_context& call, const json::value& input) {
    const instance_context::operation_scope scope(*context_);
    return context_->admin().confirm_company_match(call, input);
}
json::value provider::set_activation(const call_context& call, const json::value& input) {
    const instance_context::operation_scope scope(*context_);
    return context_->admin().set_activation(call, input);
}
json::value provider::list_bank_links(const call_context& call, const json::value& input) {
    const instance_context::operation_scope scope(*context_);
    return context_->admin().list_bank_links(call, input);
}
json::value provider::set_bank_link(const call_context& call, const json::value& input) {
    const instance_context::operation_scope scope(*context_);
    return context_->admin().set_bank_link(call, input);
}

// The sync side.
json::value provider::status(const call_context& call, const json::value& input) {
    const instance_context::operation_scope scope(*context_);
    return context_->status(call, input);
}
json::value provider::sync(const call_context& call, const json::value& input) {
    const instance_context::operation_scope scope(*context_);
    return context_->sync(call, input);
}

void provider::cancel() { context_->cancel(); }

} // namespace jd
