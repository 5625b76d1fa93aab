#pragma once
// Qualifiers of the 05 ("complément") record, positions 46-48, from the CFONB 2010 SEPA evolution (§4.2),
// plus what real files carry besides: a blank qualifier, FEE, unknown codes and the legacy unqualified layout.

#include <cstdint>
#include <string_view>

namespace jd::statement {

enum class qualifier_kind : std::uint8_t {
    free_label,               ///< LIB: free label (70)
    payer_name,               ///< NPY (70)
    payer_id,                 ///< IPY: identifier (35) + identifier type (35)
    beneficiary_name,         ///< NBE (70)
    beneficiary_id,           ///< IBE: identifier (35) + type (35); the SEPA creditor id (ICS) for direct debits
    ultimate_debtor_name,     ///< NPO (70)
    ultimate_debtor_id,       ///< IPO: identifier (35) + type (35)
    ultimate_creditor_name,   ///< NBU (70)
    ultimate_creditor_id,     ///< IBU: identifier (35) + type (35)
    remittance_line1,         ///< LCC: unstructured remittance information, line 1 (70)
    remittance_line2,         ///< LC2: line 2 (70)
    structured_remittance,    ///< LCS (35)
    end_to_end,               ///< RCN: end-to-end id (35) + purpose (35)
    payment_reference,        ///< REF: payment information id (35) + instruction id (35)
    original_amount,          ///< MMO: currency, decimals, amount, exchange-rate decimals, rate
    beneficiary_account,      ///< CBE (35)
    mandate,                  ///< RUM: mandate reference (35) + sequence type OOFF/FRST/RCUR/FNAL
    payer_account,            ///< CPY (35)
    fee,                      ///< FEE (non-standard, seen at BNP): currency (3) + decimals (1) + amount (14)
    blank,                    ///< "   ": free text, read like LIB
    unknown,                  ///< any other code: passed through as free text
    legacy,                   ///< no qualifier: the older layout with free text at positions 41-81
};

/// How the 70-character zone (positions 49-118) is cut.
enum class zone_layout : std::uint8_t {
    text70,      ///< one text of 70
    text35,      ///< one text of 35 (the rest, if any, is kept as a second part)
    pair35,      ///< two texts of 35
    mandate,     ///< 35 + the rest (the sequence type)
    amount,      ///< structured numbers (MMO, FEE); the text is kept as well
};

/// The kind for a three-character qualifier as written in the record.
[[nodiscard]] qualifier_kind classify_qualifier(const char* three) noexcept;
[[nodiscard]] zone_layout layout_of(qualifier_kind kind) noexcept;
/// A stable snake_case name for the kind ("payer_name"…), used in JSON output.
[[nodiscard]] std::string_view kind_name(qualifier_kind kind) noexcept;
/// The standard three-letter code ("NPY"…), or "" for blank/unknown/legacy.
[[nodiscard]] std::string_view standard_code(qualifier_kind kind) noexcept;

} // namespace jd::statement
