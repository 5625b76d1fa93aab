#pragma once
// Where a movement goes, and why one does not go anywhere yet.
//
// A movement of RIB r booked on day d is deliverable ("pending") when
//   - a bank link r → (company c, bank account b) exists,
//   - company c is activated, and
//   - d >= the bank link's deliver_from and d >= the activation's deliver_from (when set).
// Otherwise it is kept "quarantined" with the first failing reason below. Delivered movements never move.
// The store keeps this true on every change: inserting movements routes them, and changing a bank link or an
// activation re-routes the movements concerned in the same transaction (see route_change).

#include <cstdint>
#include <optional>
#include <string_view>

namespace jd::store {

struct delivery_route {
    std::int64_t company_id = 0;
    std::int64_t bank_account_id = 0;
    friend bool operator==(const delivery_route&, const delivery_route&) = default;
};

enum class quarantine_reason {
    no_bank_link,        // the RIB is not linked to a bank account
    company_inactive,    // the linked company is not activated
    before_deliver_from, // booked before the deliver_from date of the bank link or of the activation
};

[[nodiscard]] std::string_view to_string(quarantine_reason reason) noexcept;
[[nodiscard]] std::optional<quarantine_reason> parse_quarantine_reason(std::string_view text) noexcept;

// What a link or activation change did to the movements not yet delivered.
struct route_change {
    std::int64_t released = 0;    // quarantined → pending
    std::int64_t quarantined = 0; // pending → quarantined
    friend bool operator==(const route_change&, const route_change&) = default;
};

} // namespace jd::store
