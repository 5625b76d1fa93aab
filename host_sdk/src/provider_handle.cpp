// The host's handle on one plugin instance.
#include "host_sdk/provider_handle.hpp"

#include "host_sdk/sink.hpp"
#include "loader_messages.hpp"

#include <boost/dll/shared_library.hpp>

#include <utility>

namespace host_sdk {
namespace {

// Does the plugin's table reach member `op` (append-only structs: an older plugin may have a shorter one)?
bool table_has(const hs_provider_api_v1* api, operation op) {
    switch (op) {
    case operation::configure: return HS_HAS_FIELD(hs_provider_api_v1, api, configure);
    case operation::get_configuration: return HS_HAS_FIELD(hs_provider_api_v1, api, get_configuration);
    case operation::test_connection: return HS_HAS_FIELD(hs_provider_api_v1, api, test_connection);
    case operation::match_companies: return HS_HAS_FIELD(hs_provider_api_v1, api, match_companies);
    case operation::confirm_company_match: return HS_HAS_FIELD(hs_provider_api_v1, api, confirm_company_match);
    case operation::set_activation: return HS_HAS_FIELD(hs_provider_api_v1, api, set_activation);
    case operation::list_bank_links: return HS_HAS_FIELD(hs_provider_api_v1, api, list_bank_links);
    case operation::set_bank_link: return HS_HAS_FIELD(hs_provider_api_v1, api, set_bank_link);
    case operation::status: return HS_HAS_FIELD(hs_provider_api_v1, api, status);
    case operation::sync: return HS_HAS_FIELD(hs_provider_api_v1, api, sync);
    }
    return false;
}

} // namespace

provider_handle::provider_handle(std::shared_ptr<boost::dll::shared_library> library, const hs_provider_api_v1* api,
                                 void* self, std::string instance_id)
    : library_(std::move(library)), api_(api), self_(self), instance_id_(std::move(instance_id)) {}

provider_handle::provider_handle(provider_handle&& other) noexcept
    // The id is copied, not moved: a moved-from handle still names its (former) instance in errors.
    : library_(std::move(other.library_)), api_(other.api_), self_(std::exchange(other.self_, nullptr)),
      instance_id_(other.instance_id_) {}

provider_handle& provider_handle::operator=(provider_handle&& other) noexcept {
    if (this != &other) {
        reset();
        library_ = std::move(other.library_);
        api_ = other.api_;
        self_ = std::exchange(other.self_, nullptr);
        instance_id_ = other.instance_id_;
    }
    return *this;
}

provider_handle::~provider_handle() { reset(); }

void provider_handle::reset() noexcept {
    // destroy() runs while library_ still holds the code; the reference is dropped only afterwards.
    if (self_ != nullptr && api_ != nullptr && api_->destroy != nullptr) api_->destroy(self_);
    self_ = nullptr;
}

std::string provider_handle::call(operation op, const call_context& call, std::string_view input_json) const {
    const detail::loader_messages text(call.locale);
    if (self_ == nullptr) throw error(HS_E_NOT_FOUND, text.instance_destroyed(instance_id_));
    const hs_operation_fn fn = table_has(api_, op) ? api_->*operation_member(op) : nullptr;
    if (fn == nullptr) throw error(HS_E_NOT_IMPLEMENTED, text.operation_missing(operation_name(op)));
    const hs_call_v1 c_call = call.to_c();
    const std::string input(input_json.empty() ? std::string_view("{}") : input_json);
    string_sink out;
    hs_error err{};
    clear_error(&err);
    const hs_status status = fn(self_, &c_call, input.c_str(), &string_sink::append, &out, &err);
    if (status != HS_OK) throw error::from_c(status_from_code(static_cast<std::int32_t>(status)), err);
    if (out.overflowed) throw error(HS_E_INTERNAL, "out of memory");
    return std::move(out.text);
}

void provider_handle::cancel() const noexcept {
    if (self_ != nullptr && HS_HAS_FIELD(hs_provider_api_v1, api_, cancel) && api_->cancel != nullptr)
        api_->cancel(self_);
}

} // namespace host_sdk
