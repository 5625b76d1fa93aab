#include "store/routing.hpp"

namespace jd::store {

std::string_view to_string(quarantine_reason reason) noexcept {
    switch (reason) {
    case quarantine_reason::no_bank_link: return "no_bank_link";
    case quarantine_reason::company_inactive: return "company_inactive";
    case quarantine_reason::before_deliver_from: return "before_deliver_from";
    }
    return "no_bank_link";
}

std::optional<quarantine_reason> parse_quarantine_reason(std::string_view text) noexcept {
    for (const auto reason : {quarantine_reason::no_bank_link, quarantine_reason::company_inactive,
                              quarantine_reason::before_deliver_from}) {
        if (to_string(reason) == text) {
            return reason;
        }
    }
    return std::nullopt;
}

} // namespace jd::store
