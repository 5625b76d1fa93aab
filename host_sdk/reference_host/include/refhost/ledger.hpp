#pragma once
// The ledger: bank movements received through the sink (hs_host_api_v1.deliver_movements).
//
// Idempotency: a movement is identified by (provider id, idempotency key). A key already stored is
// acknowledged (ALREADY_STORED) and not stored twice. A delivery is atomic: it is validated completely
// first, then written in one transaction; on any error nothing of it is stored.

#include "host_sdk/movement.hpp"

#include <Poco/Data/Session.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace refhost::ledger {

struct delivery {
    std::string provider_id; ///< the provider of the delivering instance (the key's namespace)
    std::string source;      ///< the delivering instance id
    std::int64_t company_id = 0;
    std::int64_t bank_account_id = 0;
    std::vector<host_sdk::movement> movements;
};

enum class outcome : std::uint8_t { stored = 1, already_stored = 2 };

struct delivery_result {
    std::vector<outcome> outcomes; ///< one per movement, in order
    std::size_t stored = 0;
    std::size_t already_stored = 0;
    /// Keys that were already stored with other content (account, date, amount or currency): they are
    /// acknowledged all the same, but the caller logs them because a provider reused a key.
    std::vector<std::string> reused_keys;
};

/// Checks every field; throws failure(HS_E_INVALID_ARGUMENT) naming the movement index and the field.
void validate(const delivery& batch);

/// Validates, checks that the company exists and owns the bank account (HS_E_NOT_FOUND otherwise), then
/// stores the batch in one write transaction. Duplicates inside the batch count as already stored.
delivery_result deliver(Poco::Data::Session& session, const delivery& batch, std::int64_t received_at_ms);

struct summary_row {
    std::int64_t company_id = 0;
    std::string legal_name;
    std::int64_t bank_account_id = 0;
    std::string bank_account_label;
    std::string currency;
    std::int32_t decimals = 2;
    std::int64_t movements = 0;
    std::int64_t sum_minor = 0;
    std::string first_date;
    std::string last_date;
};

/// Per company, bank account and currency: count, sum, first and last booking date.
[[nodiscard]] std::vector<summary_row> summary(Poco::Data::Session& session);

struct stored_movement {
    std::int64_t id = 0;
    std::string source;
    std::int64_t company_id = 0;
    std::int64_t bank_account_id = 0;
    host_sdk::movement movement;
    std::string received_at;
};

/// One company's movements (optionally one bank account), newest booking date first.
[[nodiscard]] std::vector<stored_movement> list(Poco::Data::Session& session, std::int64_t company_id,
                                                std::optional<std::int64_t> bank_account_id, std::int64_t limit);

/// Total number of movements stored.
[[nodiscard]] std::int64_t count(Poco::Data::Session& session);

} // namespace refhost::ledger
