#pragma once
// Appending audit events from inside the store's own repositories (same transaction as the change).

#include "database_impl.hpp"
#include "store/time.hpp"

#include <Poco/Data/Statement.h>

#include <optional>
#include <string>

namespace jd::store::detail {

class audit_writer {
public:
    audit_writer(database::impl& db, const std::string& instance_id);
    audit_writer(const audit_writer&) = delete;
    audit_writer& operator=(const audit_writer&) = delete;

    // Texts must be checked by the caller. Returns the event id.
    std::int64_t append(epoch_ms at, const std::string& actor, const std::string& action,
                        const std::string& subject, const std::string& details_json);

private:
    database::impl& db_;
    std::string instance_id_;
    Poco::Int64 at_ = 0;
    std::string actor_;
    std::string action_;
    std::string subject_;
    std::string details_;
    Poco::Int64 event_id_ = 0;
    std::optional<Poco::Data::Statement> insert_;
};

} // namespace jd::store::detail
