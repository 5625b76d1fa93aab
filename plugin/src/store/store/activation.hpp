#pragma once
// Company activation: whether movements are delivered to a company, and from which booking date.

#include "store/routing.hpp"
#include "store/time.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jd::store {

class database;

struct company_activation {
    std::int64_t company_id = 0;
    bool active = false;
    std::optional<std::string> deliver_from; // "YYYY-MM-DD": movements booked before are kept, not delivered
    std::string changed_by;
    epoch_ms changed_at = 0;
};

class activation_repository {
public:
    activation_repository(database& db, std::string instance_id);
    ~activation_repository();
    activation_repository(const activation_repository&) = delete;
    activation_repository& operator=(const activation_repository&) = delete;

    // Creates or updates the company's activation, audits "activation.changed" and re-routes the company's
    // movements not yet delivered, all in one transaction. A company without a row is inactive.
    route_change set(const company_activation& activation);

    [[nodiscard]] std::optional<company_activation> find(std::int64_t company_id);
    [[nodiscard]] std::vector<company_activation> list();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace jd::store
