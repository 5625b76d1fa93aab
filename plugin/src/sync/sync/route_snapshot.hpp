#pragma once
// The router's view, read once from the store: which company and bank account each RIB is linked to, which
// companies are active and from which date. The store applies the same rule when it inserts movements and
// when links change (see store/routing.hpp); this snapshot explains it to the admin (status) and lets tests
// check it.

#include "store/bank_links.hpp"
#include "store/instance_store.hpp"
#include "store/routing.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jd::sync {

struct company_routes {
    std::int64_t company_id = 0;
    bool active = false;
    std::optional<std::string> deliver_from; ///< from the activation
    std::optional<std::string> dossier_id;   ///< the JeDéclare dossier linked to the company
    std::vector<store::bank_link> bank_links;
};

class route_snapshot {
public:
    [[nodiscard]] static route_snapshot load(store::instance_store& store);

    /// Every company the instance knows something about (activation, dossier link or bank link), by id.
    [[nodiscard]] const std::map<std::int64_t, company_routes>& companies() const noexcept { return companies_; }

    /// Where a movement of `rib_key` booked on `booking_date` ("YYYY-MM-DD") goes, or why it is kept.
    struct decision {
        std::optional<store::delivery_route> route;
        std::optional<store::quarantine_reason> reason;
    };
    [[nodiscard]] decision route(const std::string& rib_key, const std::string& booking_date) const;

private:
    std::map<std::int64_t, company_routes> companies_;
    std::map<std::string, store::bank_link> by_rib_;
};

} // namespace jd::sync
