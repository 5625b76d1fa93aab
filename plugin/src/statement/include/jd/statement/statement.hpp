#pragma once
// What the engine produces: one bank_statement per 01…07 block of the file, with its movements (04) and their
// complements (05). All text is UTF-8. Views (std::string_view, std::span) point into storage owned by the
// bank_statement: they stay valid as long as that object lives, including after it is moved.

#include "jd/statement/calendar_date.hpp"
#include "jd/statement/qualifier.hpp"
#include "jd/statement/text_arena.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jd::statement {

/// An amount with its own currency and scale (MMO original amount, FEE).
struct foreign_amount {
    std::string_view currency;     ///< ISO 4217 as written
    int decimals = 0;
    std::int64_t amount_minor = 0; ///< unsigned in the record, so >= 0
};

/// MMO exchange rate: rate_mantissa / 10^decimals.
struct exchange_rate {
    int decimals = 0;
    std::int64_t mantissa = 0;
};

/// One 05 record.
struct complement {
    std::string_view qualifier;  ///< the three characters as written, trimmed ("LIB", "NPY", "" when blank)
    qualifier_kind kind = qualifier_kind::blank;
    /// First part of the zone, trimmed: the name, the identifier (IPY/IBE/IPO/IBU), the end-to-end id (RCN),
    /// the remittance id (REF), the mandate reference (RUM), the account (CBE/CPY) or the free text.
    std::string_view text;
    /// Second part, trimmed: identifier type, purpose (RCN), instruction id (REF), sequence type (RUM); else "".
    std::string_view second;
    /// The whole zone as written (positions 49-118, or 41-120 for the legacy layout), decoded, not trimmed.
    std::string_view raw;
    std::optional<foreign_amount> amount;       ///< MMO original amount, FEE amount
    std::optional<exchange_rate> rate;          ///< MMO
    std::uint64_t line = 0;

    /// Building state for identities: bit 0 / bit 1 set when text / second hold blanks to fold (a tab, a NUL or
    /// two blanks in a row); fold_unknown when not known (the texts are then scanned).
    std::uint8_t fold = fold_unknown;
    static constexpr std::uint8_t fold_unknown = 0x80;
};

/// One 04 record and its 05 complements.
struct movement {
    /// Stable identity for de-duplication: 32 hex characters of SHA-256 over the canonical content, a dash
    /// and the occurrence number ("…-1", "…-2" for identical twins). See identity.hpp.
    std::string_view id;
    std::uint32_t occurrence = 1;
    calendar_date booking_date;   ///< date de comptabilisation (positions 35-40)
    calendar_date value_date;     ///< date de valeur (43-48); invalid() when blank or unreadable
    std::int64_t amount_minor = 0;///< signed: credit > 0, debit < 0
    int decimals = 2;             ///< scale of amount_minor, as the record says
    std::string_view currency;    ///< as the record says (or inherited when blank)
    std::string_view operation_code; ///< code opération interbancaire (33-34), e.g. "05", "B1"
    std::string_view internal_code;  ///< code opération interne (8-11)
    std::string_view reject_code;    ///< code motif de rejet (41-42), usually ""
    std::string_view label;          ///< libellé (49-79), trimmed
    std::string_view entry_number;   ///< numéro d'écriture (82-88), trimmed
    std::string_view exemption;      ///< indice d'exonération (89): "0", "1" or ""
    std::string_view unavailability; ///< indice d'indisponibilité (90): "0", "1" or ""
    std::string_view reference;      ///< zone référence (105-120), trimmed
    std::span<const complement> complements; ///< the 05 records that follow it, in file order
    std::uint64_t line = 0;          ///< where the 04 is
    std::uint64_t offset = 0;
    std::uint64_t record = 0;

    // Building state, used by the parser: the complements are a slice of the statement's storage; label_fold
    // is like complement::fold for the label.
    std::uint32_t first_complement = 0;
    std::uint32_t complement_count = 0;
    std::uint8_t label_fold = complement::fold_unknown;
};

struct balance {
    calendar_date date;           ///< may be invalid() when the record's date is unreadable
    std::int64_t amount_minor = 0;
    int decimals = 2;
    std::uint64_t line = 0;
};

enum class chain_status : std::uint8_t {
    first,       ///< the account's first statement in the file
    continuous,  ///< its opening equals the previous statement's closing
    broken,      ///< it differs (see previous_closing_minor)
    unknown,     ///< a balance needed for the comparison is missing
};

class bank_statement {
public:
    bank_statement() = default;
    bank_statement(bank_statement&&) noexcept = default;
    bank_statement& operator=(bank_statement&&) noexcept = default;
    bank_statement(const bank_statement&) = delete;
    bank_statement& operator=(const bank_statement&) = delete;

    // The account, from the 01 record.
    std::string bank;        ///< code banque, 5 characters
    std::string branch;      ///< code guichet, 5 characters
    std::string account;     ///< numéro de compte, 11 characters (may contain letters)
    std::string currency;    ///< ISO 4217; inherited from the movements (or EUR) when the 01 leaves it blank
    int decimals = 2;        ///< of the balances
    std::string rib_key;     ///< bank + branch + account: 21 characters, the key accounts are matched on
    std::string rib_check_digits; ///< the clé RIB (2 digits), "" when it cannot be computed
    std::string iban;        ///< French IBAN rebuilt from the RIB, "" when it cannot be computed

    std::optional<balance> opening; ///< 01; absent when its amount is unreadable
    std::optional<balance> closing; ///< 07; absent when missing (file cut short) or unreadable
    std::vector<movement> movements;

    /// opening + Σ movements == closing, to the minor unit (movements of another scale are rescaled).
    bool balanced = false;
    /// closing - opening - Σ movements, in units of 10^-decimals (0 when balanced or not computable).
    std::int64_t difference_minor = 0;
    chain_status chain = chain_status::first;
    std::int64_t previous_closing_minor = 0; ///< meaningful when chain != first
    std::uint32_t skipped_records = 0;       ///< records of this statement that could not be used

    std::uint64_t first_line = 0;   ///< the 01
    std::uint64_t last_line = 0;    ///< the 07 (or the last record read)
    std::uint64_t first_offset = 0;

    /// All complements, in file order; each movement's `complements` is a slice of this.
    [[nodiscard]] std::span<const complement> all_complements() const noexcept { return complements_; }
    /// Empties the statement but keeps its storage for the next one.
    void clear() noexcept;

    // Building interface used by the parser.
    text_arena& arena() noexcept { return arena_; }
    std::vector<complement>& complement_storage() noexcept { return complements_; }
    /// Points each movement's `complements` at its slice (done once the statement is complete).
    void link_complements() noexcept;

private:
    text_arena arena_;
    std::vector<complement> complements_;
};

} // namespace jd::statement
