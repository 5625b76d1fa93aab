#include "jd/statement/qualifier.hpp"

#include <cstdint>

namespace jd::statement {
namespace {

constexpr std::uint32_t code(const char* three) noexcept {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(three[0])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(three[1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(three[2]));
}

} // namespace

qualifier_kind classify_qualifier(const char* three) noexcept {
    switch (code(three)) {
    case code("LIB"): return qualifier_kind::free_label;
    case code("NPY"): return qualifier_kind::payer_name;
    case code("IPY"): return qualifier_kind::payer_id;
    case code("NBE"): return qualifier_kind::beneficiary_name;
    case code("IBE"): return qualifier_kind::beneficiary_id;
    case code("NPO"): return qualifier_kind::ultimate_debtor_name;
    case code("IPO"): return qualifier_kind::ultimate_debtor_id;
    case code("NBU"): return qualifier_kind::ultimate_creditor_name;
    case code("IBU"): return qualifier_kind::ultimate_creditor_id;
    case code("LCC"): return qualifier_kind::remittance_line1;
    case code("LC2"): return qualifier_kind::remittance_line2;
    case code("LCS"): return qualifier_kind::structured_remittance;
    case code("RCN"): return qualifier_kind::end_to_end;
    case code("REF"): return qualifier_kind::payment_reference;
    case code("MMO"): return qualifier_kind::original_amount;
    case code("CBE"): return qualifier_kind::beneficiary_account;
    case code("RUM"): return qualifier_kind::mandate;
    case code("CPY"): return qualifier_kind::payer_account;
    case code("FEE"): return qualifier_kind::fee;
    case code("   "): return qualifier_kind::blank;
    default: return qualifier_kind::unknown;
    }
}

zone_layout layout_of(qualifier_kind kind) noexcept {
    switch (kind) {
    case qualifier_kind::payer_id:
    case qualifier_kind::beneficiary_id:
    case qualifier_kind::ultimate_debtor_id:
    case qualifier_kind::ultimate_creditor_id:
    case qualifier_kind::end_to_end:
    case qualifier_kind::payment_reference: return zone_layout::pair35;
    case qualifier_kind::structured_remittance:
    case qualifier_kind::beneficiary_account:
    case qualifier_kind::payer_account: return zone_layout::text35;
    case qualifier_kind::mandate: return zone_layout::mandate;
    case qualifier_kind::original_amount:
    case qualifier_kind::fee: return zone_layout::amount;
    default: return zone_layout::text70;
    }
}

std::string_view kind_name(qualifier_kind kind) noexcept {
    switch (kind) {
    case qualifier_kind::free_label: return "free_label";
    case qualifier_kind::payer_name: return "payer_name";
    case qualifier_kind::payer_id: return "payer_id";
    case qualifier_kind::beneficiary_name: return "beneficiary_name";
    case qualifier_kind::beneficiary_id: return "beneficiary_id";
    case qualifier_kind::ultimate_debtor_name: return "ultimate_debtor_name";
    case qualifier_kind::ultimate_debtor_id: return "ultimate_debtor_id";
    case qualifier_kind::ultimate_creditor_name: return "ultimate_creditor_name";
    case qualifier_kind::ultimate_creditor_id: return "ultimate_creditor_id";
    case qualifier_kind::remittance_line1: return "remittance_line1";
    case qualifier_kind::remittance_line2: return "remittance_line2";
    case qualifier_kind::structured_remittance: return "structured_remittance";
    case qualifier_kind::end_to_end: return "end_to_end";
    case qualifier_kind::payment_reference: return "payment_reference";
    case qualifier_kind::original_amount: return "original_amount";
    case qualifier_kind::beneficiary_account: return "beneficiary_account";
    case qualifier_kind::mandate: return "mandate";
    case qualifier_kind::payer_account: return "payer_account";
    case qualifier_kind::fee: return "fee";
    case qualifier_kind::blank: return "blank";
    case qualifier_kind::unknown: return "unknown";
    case qualifier_kind::legacy: return "legacy";
    }
    return "unknown";
}

std::string_view standard_code(qualifier_kind kind) noexcept {
    switch (kind) {
    case qualifier_kind::free_label: return "LIB";
    case qualifier_kind::payer_name: return "NPY";
    case qualifier_kind::payer_id: return "IPY";
    case qualifier_kind::beneficiary_name: return "NBE";
    case qualifier_kind::beneficiary_id: return "IBE";
    case qualifier_kind::ultimate_debtor_name: return "NPO";
    case qualifier_kind::ultimate_debtor_id: return "IPO";
    case qualifier_kind::ultimate_creditor_name: return "NBU";
    case qualifier_kind::ultimate_creditor_id: return "IBU";
    case qualifier_kind::remittance_line1: return "LCC";
    case qualifier_kind::remittance_line2: return "LC2";
    case qualifier_kind::structured_remittance: return "LCS";
    case qualifier_kind::end_to_end: return "RCN";
    case qualifier_kind::payment_reference: return "REF";
    case qualifier_kind::original_amount: return "MMO";
    case qualifier_kind::beneficiary_account: return "CBE";
    case qualifier_kind::mandate: return "RUM";
    case qualifier_kind::payer_account: return "CPY";
    case qualifier_kind::fee: return "FEE";
    default: return "";
    }
}

} // namespace jd::statement
