#pragma once
// Users and their rights: platform rights (stored with company_id 0) and rights on one company.

#include <Poco/Data/Session.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace refhost {

struct company_right {
    std::int64_t company_id = 0;
    std::string right;
};

struct user_record {
    std::string id;
    std::string display_name;
    std::vector<std::string> platform_rights;
    std::vector<company_right> company_rights;
};

namespace users {

[[nodiscard]] bool exists(Poco::Data::Session& session, const std::string& user_id);

/// True when `user_id` holds `right` on the platform (company_id 0) or on that company. A platform right
/// does not imply a company right: each is granted on its own, as the platform does.
[[nodiscard]] bool has_right(Poco::Data::Session& session, const std::string& user_id, const std::string& right,
                             std::int64_t company_id);

[[nodiscard]] std::vector<user_record> list(Poco::Data::Session& session);

/// Inserts or updates the user; its rights become exactly those of `user` (the seed file is the
/// authority for the users it names). Call inside a transaction.
void upsert(Poco::Data::Session& session, const user_record& user);

} // namespace users
} // namespace refhost
