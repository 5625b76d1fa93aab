#pragma once
// Small builders shared by the store tests.

#include "store/instance_store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace store_test {

// bank (5) + guichet (5) + account (11)
inline const std::string rib_a = "300040000100012345678";
inline const std::string rib_b = "300040000200098765432";
inline const std::string rib_c = "1020700001000ABCDEF12";

inline constexpr jd::store::epoch_ms t0 = 1767225600000; // 2026-01-01T00:00:00Z

inline jd::store::movement make_movement(const std::string& identity, const std::string& rib_key,
                                         const std::string& booking_date, std::int64_t amount_minor,
                                         const std::string& piece = "P1") {
    jd::store::movement m;
    m.identity = identity;
    m.rib_key = rib_key;
    m.booking_date = booking_date;
    m.value_date = booking_date;
    m.amount_minor = amount_minor;
    m.label = "PRLV SEPA " + identity;
    m.details = "REF:" + identity + "\nNOM:TEST";
    m.reference = "R" + identity.substr(0, 6);
    m.operation_code = "01";
    m.entry_number = "E1";
    m.piece_numero = piece;
    return m;
}

// Stores a small piece so movements may refer to it.
inline void put_piece(jd::store::instance_store& store, const std::string& numero) {
    store.pieces().put(numero, "03", "0130004....CFONB " + numero, t0);
}

inline jd::store::company_activation make_activation(std::int64_t company_id, bool active,
                                                std::optional<std::string> from = std::nullopt) {
    jd::store::company_activation a;
    a.company_id = company_id;
    a.active = active;
    a.deliver_from = std::move(from);
    a.changed_by = "admin-1";
    a.changed_at = t0;
    return a;
}

inline jd::store::bank_link make_link(const std::string& rib_key, std::int64_t company_id,
                                      std::int64_t bank_account_id, std::optional<std::string> from = std::nullopt) {
    jd::store::bank_link link;
    link.rib_key = rib_key;
    link.company_id = company_id;
    link.bank_account_id = bank_account_id;
    link.deliver_from = std::move(from);
    link.linked_by = "admin-1";
    link.linked_at = t0;
    return link;
}

} // namespace store_test
