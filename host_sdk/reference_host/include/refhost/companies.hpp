#pragma once
// Companies and their bank accounts (the SDK's host_sdk::company is the record and its JSON form).

#include "host_sdk/company.hpp"

#include <Poco/Data/Session.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace refhost::companies {

[[nodiscard]] std::optional<host_sdk::company> get(Poco::Data::Session& session, std::int64_t company_id);

/// Companies whose legal name equals `legal_name` byte for byte, ordered by id.
[[nodiscard]] std::vector<host_sdk::company> find_by_legal_name(Poco::Data::Session& session,
                                                               const std::string& legal_name);

/// At most `limit` companies from `offset`, ordered by id.
[[nodiscard]] std::vector<host_sdk::company> list(Poco::Data::Session& session, std::uint32_t offset,
                                                 std::uint32_t limit);
[[nodiscard]] std::int64_t count(Poco::Data::Session& session);

/// The company that owns bank account `bank_account_id`, if any.
[[nodiscard]] std::optional<std::int64_t> owner_of_bank_account(Poco::Data::Session& session,
                                                                std::int64_t bank_account_id);

/// Inserts or updates the company and each of its bank accounts by id. Accounts the record does not
/// name are kept: the ledger may refer to them. Call inside a transaction.
void upsert(Poco::Data::Session& session, const host_sdk::company& company);

} // namespace refhost::companies
