#include "jd/statement/statement.hpp"

namespace jd::statement {

void bank_statement::clear() noexcept {
    bank.clear();
    branch.clear();
    account.clear();
    currency.clear();
    decimals = 2;
    rib_key.clear();
    rib_check_digits.clear();
    iban.clear();
    opening.reset();
    closing.reset();
    movements.clear();
    balanced = false;
    difference_minor = 0;
    chain = chain_status::first;
    previous_closing_minor = 0;
    skipped_records = 0;
    first_line = 0;
    last_line = 0;
    first_offset = 0;
    arena_.clear();
    complements_.clear();
}

void bank_statement::link_complements() noexcept {
    const complement* base = complements_.data();
    for (movement& m : movements) {
        m.complements = std::span<const complement>(base + m.first_complement, m.complement_count);
    }
}

} // namespace jd::statement
