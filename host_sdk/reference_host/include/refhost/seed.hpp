#pragma once
// The seed file (contract A): users with their rights, companies with their bank accounts. Seeding is
// an idempotent upsert by id, in one transaction; a bad field is reported with its JSON path
// ("$.companies[2].bank_accounts[0].iban").

#include "refhost/database.hpp"
#include "refhost/users.hpp"

#include "host_sdk/company.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace refhost {

struct seed_data {
    std::vector<user_record> users;
    std::vector<host_sdk::company> companies;
    /// Paths of members that were not understood and were ignored (e.g. "$.users[0].email").
    std::vector<std::string> ignored;
};

struct seed_result {
    std::size_t users_created = 0;
    std::size_t users_updated = 0;
    std::size_t companies_created = 0;
    std::size_t companies_updated = 0;
    std::size_t bank_accounts_created = 0;
    std::size_t bank_accounts_updated = 0;
};

/// Parses and checks a seed document. `origin` names it in messages (a file name). Throws
/// failure(HS_E_INVALID_ARGUMENT) with the origin, and the line and column or the JSON path.
[[nodiscard]] seed_data parse_seed(std::string_view text, const std::string& origin);

/// Checks what the document refers to in the database (company rights on companies neither in the file
/// nor stored), then upserts everything in one write transaction.
seed_result apply_seed(database& db, const seed_data& data);

} // namespace refhost
