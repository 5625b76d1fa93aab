#pragma once
// Turning Poco Data exceptions into store_error, with what the store was doing.

#include "store/error.hpp"

#include <Poco/Exception.h>

#include <string>
#include <string_view>
#include <utility>

namespace jd::store::detail {

// Classifies a database message: unique → conflict; check, foreign key, not null, encoding → invalid_argument;
// locks → busy; the rest → database.
[[nodiscard]] error_code classify_database_message(std::string_view text);

// Classifies by exception type and by the database's message: constraint failures → conflict (unique) or
// invalid_argument (check, foreign key, not null), locks → busy, the rest → database.
[[noreturn]] void throw_from_poco(const Poco::Exception& error, std::string_view doing);

// Runs `work`; a Poco exception becomes a store_error saying what was being done.
template <typename Work>
auto guarded(std::string_view doing, Work&& work) -> decltype(work()) {
    try {
        return std::forward<Work>(work)();
    } catch (const Poco::Exception& error) {
        throw_from_poco(error, doing);
    }
}

} // namespace jd::store::detail
