#include "router.hpp"

#include "errors_from_poco.hpp"
#include "store/error.hpp"

namespace jd::store::detail {
namespace {

using namespace Poco::Data::Keywords;

// The routing rule in SQL, for the row being updated (`movement`).
constexpr const char* routable_sql =
    "EXISTS (SELECT 1 FROM bank_link b JOIN company_activation a"
    " ON a.instance_id = b.instance_id AND a.company_id = b.company_id"
    " WHERE b.instance_id = movement.instance_id AND b.rib_key = movement.rib_key AND a.active = 1"
    " AND (b.deliver_from IS NULL OR movement.booking_date >= b.deliver_from)"
    " AND (a.deliver_from IS NULL OR movement.booking_date >= a.deliver_from)";

constexpr const char* same_route_sql =
    " AND b.company_id = movement.company_id AND b.bank_account_id = movement.bank_account_id";

constexpr const char* reason_sql =
    "CASE WHEN NOT EXISTS (SELECT 1 FROM bank_link b"
    " WHERE b.instance_id = movement.instance_id AND b.rib_key = movement.rib_key) THEN 'no_bank_link'"
    " WHEN NOT EXISTS (SELECT 1 FROM bank_link b JOIN company_activation a"
    " ON a.instance_id = b.instance_id AND a.company_id = b.company_id"
    " WHERE b.instance_id = movement.instance_id AND b.rib_key = movement.rib_key AND a.active = 1)"
    " THEN 'company_inactive' ELSE 'before_deliver_from' END";

constexpr const char* linked_route_sql =
    "company_id = (SELECT b.company_id FROM bank_link b"
    " WHERE b.instance_id = movement.instance_id AND b.rib_key = movement.rib_key),"
    " bank_account_id = (SELECT b.bank_account_id FROM bank_link b"
    " WHERE b.instance_id = movement.instance_id AND b.rib_key = movement.rib_key)";

// Which movements a re-route looks at. Pending movements of a company carry its id (pending always matches
// the current link), quarantined ones are found by the RIBs linked to it.
std::string scope_sql(reroute_scope scope, bool pending) {
    switch (scope) {
    case reroute_scope::rib: return " AND rib_key = $2";
    case reroute_scope::company:
        return pending ? " AND company_id = $2"
                       : " AND rib_key IN (SELECT rib_key FROM bank_link WHERE instance_id = $1 AND company_id = $2)";
    case reroute_scope::all: return "";
    }
    return "";
}

// The state conditions are written out literally so both engines pick the partial indexes (pending rows by
// route, quarantined rows by RIB).
std::string step_sql(reroute_scope scope, int which) {
    const std::string scoped = scope_sql(scope, which == 0);
    switch (which) {
    case 0: // pending that may no longer go where they were going → quarantined
        return "UPDATE movement SET state = 'quarantined', quarantine_reason = " + std::string(reason_sql) +
               ", company_id = NULL, bank_account_id = NULL WHERE instance_id = $1 AND state = 'pending'" + scoped +
               " AND NOT " + routable_sql + same_route_sql + ")";
    case 1: // quarantined that may go now → pending, on the RIB's linked route
        return "UPDATE movement SET state = 'pending', quarantine_reason = NULL, " + std::string(linked_route_sql) +
               " WHERE instance_id = $1 AND state = 'quarantined'" + scoped + " AND " + routable_sql + ")";
    default: // still quarantined: keep the reason current
        return "UPDATE movement SET quarantine_reason = " + std::string(reason_sql) +
               " WHERE instance_id = $1 AND state = 'quarantined'" + scoped + " AND quarantine_reason <> " +
               reason_sql;
    }
}

} // namespace

route_decision decide(const route_rule* rule, const std::string& booking_date) {
    route_decision decision;
    if (rule == nullptr) {
        decision.reason = quarantine_reason::no_bank_link;
    } else if (!rule->active) {
        decision.reason = quarantine_reason::company_inactive;
    } else if ((!rule->link_from.empty() && booking_date < rule->link_from) ||
               (!rule->activation_from.empty() && booking_date < rule->activation_from)) {
        decision.reason = quarantine_reason::before_deliver_from;
    } else {
        decision.deliverable = true;
        decision.route = {rule->company_id, rule->bank_account_id};
    }
    return decision;
}

router::router(database::impl& db, const std::string& instance_id) : db_(db), instance_id_(instance_id) {}

std::int64_t router::lock(bool changing) {
    if (db_.depth == 0) {
        throw store_error(error_code::usage, "internal: routing outside a transaction");
    }
    return guarded("locking the routing of instance " + instance_id_, [&] {
        if (!lock_) {
            lock_.emplace(db_.prepare(
                "INSERT INTO routing_guard (instance_id, generation) VALUES ($1, 1)"
                " ON CONFLICT (instance_id) DO UPDATE SET generation = routing_guard.generation + $2"
                " RETURNING generation"));
            *lock_, use(instance_id_), use(bump_), into(generation_);
        }
        bump_ = changing ? 1 : 0;
        lock_->execute();
        return static_cast<std::int64_t>(generation_);
    });
}

const std::unordered_map<std::string, route_rule>& router::rules(std::int64_t generation) {
    if (generation == rules_generation_) {
        return rules_;
    }
    guarded("loading the bank links of instance " + instance_id_, [&] {
        if (!load_rules_) {
            load_rules_.emplace(db_.prepare(
                "SELECT b.rib_key, b.company_id, b.bank_account_id, COALESCE(b.deliver_from, ''),"
                " COALESCE(a.active, 0), COALESCE(a.deliver_from, '')"
                " FROM bank_link b LEFT JOIN company_activation a"
                " ON a.instance_id = b.instance_id AND a.company_id = b.company_id"
                " WHERE b.instance_id = $1"));
            *load_rules_, use(instance_id_), into(rule_ribs_), into(rule_companies_), into(rule_accounts_),
                into(rule_link_from_), into(rule_active_), into(rule_activation_from_);
        }
        rule_ribs_.clear();
        rule_companies_.clear();
        rule_accounts_.clear();
        rule_link_from_.clear();
        rule_active_.clear();
        rule_activation_from_.clear();
        load_rules_->execute();
    });
    rules_.clear();
    for (std::size_t i = 0; i < rule_ribs_.size(); ++i) {
        rules_[rule_ribs_[i]] = route_rule{rule_companies_[i], rule_accounts_[i], rule_link_from_[i],
                                           rule_active_[i] == 1, rule_activation_from_[i]};
    }
    rules_generation_ = generation;
    return rules_;
}

Poco::Data::Statement& router::step(reroute_scope scope, int which) {
    auto& slot = steps_[static_cast<std::size_t>(static_cast<int>(scope) * 3 + which)];
    if (!slot) {
        slot.emplace(db_.prepare(step_sql(scope, which)));
        *slot, use(instance_id_);
        if (scope == reroute_scope::rib) {
            *slot, use(rib_param_);
        } else if (scope == reroute_scope::company) {
            *slot, use(company_param_);
        }
    }
    return *slot;
}

route_change router::reroute(reroute_scope scope, const std::string& rib_key, std::int64_t company_id) {
    return guarded("re-routing the movements of instance " + instance_id_, [&] {
        rib_param_ = rib_key;
        company_param_ = company_id;
        route_change change;
        change.quarantined = static_cast<std::int64_t>(step(scope, 0).execute());
        change.released = static_cast<std::int64_t>(step(scope, 1).execute());
        step(scope, 2).execute();
        return change;
    });
}

} // namespace jd::store::detail
