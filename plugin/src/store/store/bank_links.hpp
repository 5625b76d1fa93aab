#pragma once
// Bank links: which host bank account (of which company) receives the movements of a RIB. A RIB goes to at
// most one bank account and a bank account receives at most one RIB (per instance).

#include "store/routing.hpp"
#include "store/time.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jd::store {

class database;

struct bank_link {
    std::string rib_key;                     // 21 characters, see is_rib_key
    std::int64_t company_id = 0;
    std::int64_t bank_account_id = 0;
    std::optional<std::string> deliver_from; // "YYYY-MM-DD"
    std::string linked_by;
    epoch_ms linked_at = 0;
};

class bank_link_repository {
public:
    bank_link_repository(database& db, std::string instance_id);
    ~bank_link_repository();
    bank_link_repository(const bank_link_repository&) = delete;
    bank_link_repository& operator=(const bank_link_repository&) = delete;

    // Links a RIB to a bank account (or updates deliver_from of that same link), audits "bank_link.linked"
    // and re-routes the RIB's movements not yet delivered, in one transaction.
    // Throws link_conflict: rib_already_linked (the RIB goes to another bank account: unlink it first) or
    // bank_account_already_linked (the account already receives another RIB).
    route_change set(const bank_link& link);

    // Unlinks a RIB, audits "bank_link.unlinked" and quarantines its pending movements, in one transaction.
    // Returns {0, 0} and does nothing if the RIB was not linked.
    route_change remove(const std::string& rib_key, const std::string& actor, epoch_ms at);

    [[nodiscard]] std::optional<bank_link> find(const std::string& rib_key);
    [[nodiscard]] std::optional<bank_link> find_by_bank_account(std::int64_t bank_account_id);
    [[nodiscard]] std::vector<bank_link> list();
    [[nodiscard]] std::vector<bank_link> list_for_company(std::int64_t company_id);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace jd::store
