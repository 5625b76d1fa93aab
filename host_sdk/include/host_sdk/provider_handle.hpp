#pragma once
// host_sdk::provider_handle: the host's C++ view of one aggregator instance created by a plugin.
//
// Each operation takes the caller and the input JSON text and returns the output JSON text; a non-OK
// status becomes host_sdk::error (status + the plugin's message). The handle owns the instance (destroy()
// on destruction) and a reference to the library, so the code of the instance cannot be unmapped while
// the handle lives — even after the loader and the loaded_plugin are gone.

#include "host_sdk/c/provider_api_v1.h"
#include "host_sdk/call_context.hpp"
#include "host_sdk/error.hpp"
#include "host_sdk/operation.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace boost::dll {
class shared_library;
}

namespace host_sdk {

class provider_handle {
public:
    /// Takes ownership of `self`, created by `api->create`.
    provider_handle(std::shared_ptr<boost::dll::shared_library> library, const hs_provider_api_v1* api, void* self,
                    std::string instance_id);
    provider_handle(provider_handle&& other) noexcept;
    provider_handle& operator=(provider_handle&& other) noexcept;
    provider_handle(const provider_handle&) = delete;
    provider_handle& operator=(const provider_handle&) = delete;
    ~provider_handle();

    /// Calls `op` with `input_json` ("{}" when the operation takes nothing) and returns its JSON answer.
    /// Throws host_sdk::error on a non-OK status (HS_E_NOT_IMPLEMENTED when the table lacks the member).
    std::string call(operation op, const call_context& call, std::string_view input_json = "{}") const;

    std::string configure(const call_context& c, std::string_view input_json) const { return call(operation::configure, c, input_json); }
    std::string get_configuration(const call_context& c, std::string_view input_json = "{}") const { return call(operation::get_configuration, c, input_json); }
    std::string test_connection(const call_context& c, std::string_view input_json = "{}") const { return call(operation::test_connection, c, input_json); }
    std::string match_companies(const call_context& c, std::string_view input_json = "{}") const { return call(operation::match_companies, c, input_json); }
    std::string confirm_company_match(const call_context& c, std::string_view input_json) const { return call(operation::confirm_company_match, c, input_json); }
    std::string set_activation(const call_context& c, std::string_view input_json) const { return call(operation::set_activation, c, input_json); }
    std::string list_bank_links(const call_context& c, std::string_view input_json) const { return call(operation::list_bank_links, c, input_json); }
    std::string set_bank_link(const call_context& c, std::string_view input_json) const { return call(operation::set_bank_link, c, input_json); }
    std::string status(const call_context& c, std::string_view input_json = "{}") const { return call(operation::status, c, input_json); }
    std::string sync(const call_context& c, std::string_view input_json) const { return call(operation::sync, c, input_json); }

    /// Asks the instance's running operations to stop (thread-safe on the plugin side; never throws).
    void cancel() const noexcept;

    /// Destroys the instance now (stops and joins its work); further calls throw. Idempotent.
    void reset() noexcept;

    [[nodiscard]] bool valid() const noexcept { return self_ != nullptr; }
    [[nodiscard]] const std::string& instance_id() const noexcept { return instance_id_; }
    [[nodiscard]] const std::shared_ptr<boost::dll::shared_library>& library() const noexcept { return library_; }

private:
    std::shared_ptr<boost::dll::shared_library> library_; // released after destroy(self_)
    const hs_provider_api_v1* api_ = nullptr;
    void* self_ = nullptr;
    std::string instance_id_;
};

} // namespace host_sdk
