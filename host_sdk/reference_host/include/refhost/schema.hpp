#pragma once
// The host database's numbered schema. Each step runs once, in order, inside a transaction, and is
// recorded in schema_migrations; a database newer than this program is refused.

#include <Poco/Data/Session.h>

#include <string_view>
#include <vector>

namespace refhost {

struct migration {
    int version;
    std::string_view name;
    std::vector<std::string_view> statements;
};

/// All steps, in order.
[[nodiscard]] const std::vector<migration>& schema_migrations();

/// Applies the missing steps; returns the resulting version.
int migrate(Poco::Data::Session& session);

} // namespace refhost
