#pragma once
// An owning bank movement and its view as an hs_movement_v1, for plugins that build deliveries.

#include "host_sdk/c/host_api_v1.h"

#include <cstdint>
#include <string>

namespace host_sdk {

struct movement {
    std::string idempotency_key; ///< stable across re-deliveries
    std::string booking_date;    ///< YYYY-MM-DD
    std::string value_date;      ///< YYYY-MM-DD or ""
    std::int64_t amount_minor = 0; ///< credit > 0, debit < 0, in minor units
    std::int32_t decimals = 2;
    std::string currency = "EUR";
    std::string label;
    std::string details;         ///< complementary lines joined by '\n'
    std::string reference;
    std::string operation_code;
    std::string entry_number;

    /// A view for the C boundary; valid while *this lives unchanged.
    [[nodiscard]] hs_movement_v1 to_c() const noexcept {
        hs_movement_v1 view{};
        view.header.struct_size = sizeof(hs_movement_v1);
        view.header.abi_major = HS_ABI_MAJOR;
        view.header.abi_minor = HS_ABI_MINOR;
        view.idempotency_key = idempotency_key.c_str();
        view.booking_date = booking_date.c_str();
        view.value_date = value_date.c_str();
        view.amount_minor = amount_minor;
        view.decimals = decimals;
        view.currency = currency.c_str();
        view.label = label.c_str();
        view.details = details.c_str();
        view.reference = reference.c_str();
        view.operation_code = operation_code.c_str();
        view.entry_number = entry_number.c_str();
        return view;
    }
};

} // namespace host_sdk
