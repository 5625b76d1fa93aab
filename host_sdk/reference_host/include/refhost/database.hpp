#pragma once
// The host's SQLite database (Poco Data): one session shared by every thread of the process behind a
// mutex (plugins call host services from their own threads), WAL + synchronous=FULL so that an
// acknowledged delivery survives a power cut, and the numbered schema applied at opening.

#include <Poco/Data/Session.h>

#include <filesystem>
#include <mutex>

namespace refhost {

class database {
public:
    /// Opens (creating if needed) and migrates the database at `file`.
    explicit database(const std::filesystem::path& file);
    database(const database&) = delete;
    database& operator=(const database&) = delete;

    /// Runs `work(session)` while holding the database lock; returns what it returns.
    template <class Work>
    decltype(auto) with_session(Work&& work) {
        std::lock_guard<std::recursive_mutex> guard(mutex_);
        return work(session_);
    }

    [[nodiscard]] const std::filesystem::path& file() const noexcept { return file_; }
    /// The highest schema version applied.
    [[nodiscard]] int schema_version();

private:
    std::filesystem::path file_;
    std::recursive_mutex mutex_;
    Poco::Data::Session session_;
};

/// A write transaction: BEGIN IMMEDIATE takes SQLite's write lock up front, so a read-then-write
/// sequence inside it cannot fail half-way with SQLITE_BUSY when another process writes; rolls back
/// in the destructor unless committed.
class write_transaction {
public:
    explicit write_transaction(Poco::Data::Session& session);
    write_transaction(const write_transaction&) = delete;
    write_transaction& operator=(const write_transaction&) = delete;
    ~write_transaction();

    void commit();

private:
    Poco::Data::Session& session_;
    bool finished_ = false;
};

} // namespace refhost
