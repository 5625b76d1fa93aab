#include "errors_from_poco.hpp"

#include <Poco/Data/SQLite/SQLiteException.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace jd::store::detail {
namespace {

bool contains_ci(std::string_view text, std::string_view needle) {
    const auto it = std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != text.end();
}

} // namespace

error_code classify_database_message(std::string_view text) {
    if (contains_ci(text, "database is locked") || contains_ci(text, "lock timeout") ||
        contains_ci(text, "deadlock detected")) {
        return error_code::busy;
    }
    constexpr std::array unique_markers{std::string_view{"UNIQUE constraint failed"},
                                        std::string_view{"duplicate key value"},
                                        std::string_view{"PRIMARY KEY constraint failed"}};
    for (const auto marker : unique_markers) {
        if (contains_ci(text, marker)) {
            return error_code::conflict;
        }
    }
    constexpr std::array invalid_markers{
        std::string_view{"CHECK constraint failed"}, std::string_view{"violates check constraint"},
        std::string_view{"FOREIGN KEY constraint failed"}, std::string_view{"violates foreign key constraint"},
        std::string_view{"NOT NULL constraint failed"}, std::string_view{"violates not-null constraint"},
        std::string_view{"invalid byte sequence"}, std::string_view{"append-only"}};
    for (const auto marker : invalid_markers) {
        if (contains_ci(text, marker)) {
            return error_code::invalid_argument;
        }
    }
    return error_code::database;
}

namespace {

error_code classify(const Poco::Exception& error, std::string_view text) {
    if (dynamic_cast<const Poco::Data::SQLite::DBLockedException*>(&error) != nullptr ||
        dynamic_cast<const Poco::Data::SQLite::TableLockedException*>(&error) != nullptr) {
        return error_code::busy;
    }
    return classify_database_message(text);
}

} // namespace

void throw_from_poco(const Poco::Exception& error, std::string_view doing) {
    const std::string text = error.displayText();
    std::string message(doing);
    message += ": ";
    message += text;
    throw store_error(classify(error, text), message);
}

} // namespace jd::store::detail
