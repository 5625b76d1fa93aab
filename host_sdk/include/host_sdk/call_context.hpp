#pragma once
// Who calls an operation, in which language, and under which id progress is reported (hs_call_v1).

#include "host_sdk/c/provider_api_v1.h"

#include <string>

namespace host_sdk {

struct call_context {
    std::string user_id;      ///< the acting user; "" when the host scheduler calls
    std::string locale = "fr"; ///< "fr" (default) or "en"
    std::string operation_id; ///< passed back to host::progress

    /// True when messages and reports must be in English; anything but "en" means French.
    [[nodiscard]] bool english() const noexcept { return locale == "en"; }
    /// Picks the message of the call's language.
    [[nodiscard]] const char* pick(const char* french, const char* english_text) const noexcept {
        return english() ? english_text : french;
    }

    /// Reads an hs_call_v1 of any size (NULL, a member outside struct_size or NULL reads as the default).
    static call_context from_c(const hs_call_v1* call) {
        call_context context;
        if (HS_HAS_FIELD(hs_call_v1, call, user_id) && call->user_id != nullptr) context.user_id = call->user_id;
        if (HS_HAS_FIELD(hs_call_v1, call, locale) && call->locale != nullptr && call->locale[0] != '\0')
            context.locale = call->locale;
        if (HS_HAS_FIELD(hs_call_v1, call, operation_id) && call->operation_id != nullptr)
            context.operation_id = call->operation_id;
        return context;
    }

    /// A view of this context for the C boundary; valid while *this lives unchanged.
    [[nodiscard]] hs_call_v1 to_c() const noexcept {
        hs_call_v1 call{};
        call.header.struct_size = sizeof(hs_call_v1);
        call.header.abi_major = HS_ABI_MAJOR;
        call.header.abi_minor = HS_ABI_MINOR;
        call.user_id = user_id.c_str();
        call.locale = locale.c_str();
        call.operation_id = operation_id.c_str();
        return call;
    }
};

} // namespace host_sdk
