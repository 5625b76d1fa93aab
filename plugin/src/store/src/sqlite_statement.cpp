#include "sqlite_statement.hpp"

#include "errors_from_poco.hpp"
#include "store/error.hpp"

#include <Poco/Data/SQLite/Utility.h>

#include <sqlite3.h>

namespace jd::store::detail {

sqlite_statement::sqlite_statement(database::impl& db, std::string_view text)
    : handle_(Poco::Data::SQLite::Utility::dbHandle(db.session)) {
    const std::string sql = db.sql(text);
    const int rc = sqlite3_prepare_v3(handle_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &statement_, nullptr);
    if (rc != SQLITE_OK) {
        throw store_error(error_code::database,
                          std::string("preparing a statement: ") + sqlite3_errmsg(handle_) + " in: " + sql);
    }
}

sqlite_statement::~sqlite_statement() {
    sqlite3_finalize(statement_);
}

void sqlite_statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(statement_, index, value);
}

void sqlite_statement::bind(int index, std::string_view text) {
    sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void sqlite_statement::bind_null(int index) {
    sqlite3_bind_null(statement_, index);
}

bool sqlite_statement::step(std::string_view doing) {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    const std::string message = std::string(doing) + ": " + sqlite3_errmsg(handle_);
    sqlite3_reset(statement_);
    const int primary = rc & 0xFF;
    throw store_error(primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? error_code::busy
                                                                          : classify_database_message(message),
                      message);
}

std::int64_t sqlite_statement::run(std::string_view doing) {
    while (step(doing)) {
    }
    const auto changed = static_cast<std::int64_t>(sqlite3_changes64(handle_));
    sqlite3_reset(statement_);
    return changed;
}

void sqlite_statement::reset() noexcept {
    sqlite3_reset(statement_);
}

std::int64_t sqlite_statement::column_int64(int column) const {
    return sqlite3_column_int64(statement_, column);
}

std::string sqlite_statement::column_text(int column) const {
    const auto* text = sqlite3_column_text(statement_, column);
    const int size = sqlite3_column_bytes(statement_, column);
    return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

bool sqlite_statement::column_is_null(int column) const {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

} // namespace jd::store::detail
