#pragma once
// The audit trail: who changed what, when. Append-only (the database refuses UPDATE and DELETE on it).
// The store appends the events of its own admin repositories (config, links, activation, bank links) in the
// same transaction as the change; callers append the others (e.g. "sync.manual", "connection.tested").

#include "store/time.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jd::store {

class database;

struct audit_event {
    std::int64_t event_id = 0; // set by the store, increasing
    epoch_ms at = 0;
    std::string actor;         // host user id; "" = the plugin itself (scheduler)
    std::string action;        // dotted name, e.g. "bank_link.linked"
    std::string subject;       // what it is about, e.g. "rib:30004000010001234567X" or "company:12"
    std::string details;       // JSON object text (never a secret)
};

struct audit_query {
    std::optional<epoch_ms> since;        // at >= since
    std::optional<epoch_ms> until;        // at < until
    std::optional<std::int64_t> before_id; // paging: events older than this id
    std::string action_prefix;            // "" = all; "bank_link." = bank link events
    std::size_t limit = 100;
};

class audit_repository {
public:
    audit_repository(database& db, std::string instance_id);
    ~audit_repository();
    audit_repository(const audit_repository&) = delete;
    audit_repository& operator=(const audit_repository&) = delete;

    // Appends an event (event_id is ignored) and returns its id. `details` "" is stored as "{}".
    std::int64_t append(const audit_event& event);

    // Newest first.
    [[nodiscard]] std::vector<audit_event> list(const audit_query& query = {});

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace jd::store
