#pragma once
// Routing of movements (the rule is in store/routing.hpp), shared by the movement, bank-link and activation
// repositories so that every change keeps pending/quarantined right in the same transaction.
//
// Serialisation: every transaction that routes or re-routes first takes the instance's row in routing_guard
// (lock()). On PostgreSQL that row lock orders a sync inserting movements and an admin changing a link, so
// neither routes with a stale view; on SQLite BEGIN IMMEDIATE already does.

#include "database_impl.hpp"
#include "store/routing.hpp"

#include <Poco/Data/Statement.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace jd::store::detail {

struct route_rule {
    std::int64_t company_id = 0;
    std::int64_t bank_account_id = 0;
    std::string link_from;       // "" = none
    bool active = false;
    std::string activation_from; // "" = none
};

struct route_decision {
    bool deliverable = false;
    delivery_route route;
    quarantine_reason reason = quarantine_reason::no_bank_link;
};

// The rule, for one movement (the SQL of reroute() says the same).
[[nodiscard]] route_decision decide(const route_rule* rule, const std::string& booking_date);

enum class reroute_scope { rib, company, all };

class router {
public:
    router(database::impl& db, const std::string& instance_id);
    router(const router&) = delete;
    router& operator=(const router&) = delete;

    // Must run inside a transaction (store_error usage otherwise). `changing` = this transaction changes
    // links or activations (bumps the generation). Returns the generation.
    std::int64_t lock(bool changing);

    // The bank links and activations of the instance, reloaded only when the generation moved. Call lock()
    // first in the same transaction.
    const std::unordered_map<std::string, route_rule>& rules(std::int64_t generation);

    // Re-routes the movements not yet delivered in a scope. Call lock(true) first in the same transaction.
    route_change reroute(reroute_scope scope, const std::string& rib_key, std::int64_t company_id);

private:
    Poco::Data::Statement& step(reroute_scope scope, int which);

    database::impl& db_;
    std::string instance_id_;
    Poco::Int64 bump_ = 0;
    Poco::Int64 generation_ = 0;
    std::string rib_param_;
    Poco::Int64 company_param_ = 0;
    std::optional<Poco::Data::Statement> lock_;
    std::optional<Poco::Data::Statement> load_rules_;
    std::array<std::optional<Poco::Data::Statement>, 9> steps_;
    std::unordered_map<std::string, route_rule> rules_;
    std::int64_t rules_generation_ = -1;

    std::vector<std::string> rule_ribs_;
    std::vector<Poco::Int64> rule_companies_;
    std::vector<Poco::Int64> rule_accounts_;
    std::vector<std::string> rule_link_from_;
    std::vector<Poco::Int64> rule_active_;
    std::vector<std::string> rule_activation_from_;
};

} // namespace jd::store::detail
