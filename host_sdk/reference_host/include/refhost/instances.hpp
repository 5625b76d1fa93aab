#pragma once
// Aggregator instances: one configured account of a provider (e.g. one JeDéclare « compte de flux »).

#include <Poco/Data/Session.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace refhost {

struct instance_record {
    std::string instance_id;
    std::string provider_id;
    bool enabled = true;
    std::int64_t interval_seconds = 3600;
    std::string settings_json = "{}";
    std::string created_by;
    std::string created_at;
};

namespace instances {

/// Inserts the instance and its scheduler row; throws failure(HS_E_CONFLICT) when the id exists.
void insert(Poco::Data::Session& session, const instance_record& instance);
[[nodiscard]] std::optional<instance_record> get(Poco::Data::Session& session, const std::string& instance_id);
[[nodiscard]] std::vector<instance_record> list(Poco::Data::Session& session);
/// Removes the instance and its scheduler row; true when it existed.
bool remove(Poco::Data::Session& session, const std::string& instance_id);
void set_enabled(Poco::Data::Session& session, const std::string& instance_id, bool enabled);
void set_interval(Poco::Data::Session& session, const std::string& instance_id, std::int64_t interval_seconds);

} // namespace instances
} // namespace refhost
