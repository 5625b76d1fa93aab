#pragma once
// Bank movements parsed from pieces, their routing and their delivery to the host.
//
// Life of a movement: insert_batch stores it once per identity (the statement engine's stable id) and routes
// it: "pending" (deliverable on a route) or "quarantined" (kept with a reason, see routing.hpp). The sync
// delivers pending movements route by route: pending_routes → next_batch → host → mark_delivered. Link and
// activation changes move movements between pending and quarantined by themselves (route_change).
//
// Typical sync loop:
//   for (auto& backlog : repo.pending_routes())
//       while (true) {
//           auto batch = repo.next_batch(backlog.route, 1000);
//           if (batch.empty()) break;
//           … deliver to the host, collect acknowledgements …
//           repo.mark_delivered(backlog.route, acks, now);   // stop the route if the host refused some
//       }

#include "store/routing.hpp"
#include "store/time.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jd::store {

class database;

// A movement as parsed. Dates are "YYYY-MM-DD"; text fields valid UTF-8 without NUL.
struct movement {
    std::string identity;       // stable id from the statement engine, unique per instance
    std::string rib_key;        // 21 characters
    std::string currency = "EUR";
    std::int32_t decimals = 2;
    std::string booking_date;   // required
    std::string value_date;     // "" when absent
    std::int64_t amount_minor = 0; // credit > 0, debit < 0
    std::string label;
    std::string details;        // complementary lines joined by '\n'
    std::string reference;
    std::string operation_code;
    std::string entry_number;
    std::string piece_numero;   // the piece it was first seen in (must be stored)
};

enum class movement_state { pending, quarantined, delivered };
enum class delivery_outcome { stored, already_stored };

[[nodiscard]] std::string_view to_string(movement_state state) noexcept;
[[nodiscard]] std::string_view to_string(delivery_outcome outcome) noexcept;

struct stored_movement {
    std::int64_t id = 0;        // the store's id (use it in delivery_ack)
    movement data;
    epoch_ms stored_at = 0;
    movement_state state = movement_state::pending;
    std::optional<quarantine_reason> reason;    // quarantined
    std::optional<delivery_route> route;        // pending and delivered
    std::optional<epoch_ms> acknowledged_at;    // delivered
    std::optional<delivery_outcome> outcome;    // delivered
};

struct insert_outcome {
    std::int64_t received = 0;
    std::int64_t inserted = 0;    // = pending + quarantined
    std::int64_t duplicates = 0;  // identity already stored (or twice in the batch): no-op
    std::int64_t pending = 0;     // inserted and deliverable
    std::int64_t quarantined = 0; // inserted and kept
};

struct route_backlog {
    delivery_route route;
    std::int64_t pending = 0;
};

struct delivery_ack {
    std::int64_t movement_id = 0;
    delivery_outcome outcome = delivery_outcome::stored;
};

struct state_counts {
    std::int64_t pending = 0;
    std::int64_t quarantined = 0;
    std::int64_t delivered = 0;
};

struct quarantine_group {
    std::string rib_key;
    quarantine_reason reason = quarantine_reason::no_bank_link;
    std::int64_t count = 0;
    std::string first_booking_date;
    std::string last_booking_date;
};

class movement_repository {
public:
    movement_repository(database& db, std::string instance_id);
    ~movement_repository();
    movement_repository(const movement_repository&) = delete;
    movement_repository& operator=(const movement_repository&) = delete;

    // Validates every movement first (store_error invalid_argument naming the identity and the field; nothing
    // stored), then inserts with INSERT … ON CONFLICT DO NOTHING, routes each new movement, and records the
    // RIBs seen (source statement), in one transaction. Feed thousands of movements per call.
    // Every piece_numero must be stored (store_error invalid_argument otherwise).
    insert_outcome insert_batch(const std::vector<movement>& movements, epoch_ms stored_at);

    // Routes with pending movements, by company then bank account (pending movements are always on the
    // current bank link of their RIB; check_integrity reports any that are not).
    [[nodiscard]] std::vector<route_backlog> pending_routes();

    // Up to `limit` pending movements of a route, by booking date then insertion order. The same movements
    // come back until they are marked delivered (or re-routed).
    [[nodiscard]] std::vector<stored_movement> next_batch(const delivery_route& route, std::size_t limit);

    // Marks acknowledged movements delivered on `route`, in one transaction. Acks for movements that are not
    // pending on that route (already delivered, re-routed meanwhile, unknown) are skipped. Returns how many
    // were marked.
    std::int64_t mark_delivered(const delivery_route& route, const std::vector<delivery_ack>& acks,
                                epoch_ms acknowledged_at);

    // Recompute pending/quarantined from the current links and activations (the store does it by itself on
    // every change; these are for repair and for tests). Released = quarantined → pending.
    route_change reroute_rib(const std::string& rib_key);
    route_change reroute_company(std::int64_t company_id);
    route_change reroute_all();

    [[nodiscard]] std::optional<stored_movement> find(const std::string& identity);
    [[nodiscard]] state_counts count_by_state();
    [[nodiscard]] std::vector<quarantine_group> quarantine_summary();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace jd::store
