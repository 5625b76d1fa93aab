#include "sync/route_snapshot.hpp"

namespace jd::sync {

route_snapshot route_snapshot::load(store::instance_store& store) {
    route_snapshot snapshot;
    const auto company = [&](std::int64_t id) -> company_routes& {
        auto& entry = snapshot.companies_[id];
        entry.company_id = id;
        return entry;
    };
    for (const auto& activation : store.activations().list()) {
        auto& entry = company(activation.company_id);
        entry.active = activation.active;
        entry.deliver_from = activation.deliver_from;
    }
    for (const auto& link : store.links().list()) company(link.company_id).dossier_id = link.dossier_id;
    for (const auto& link : store.bank_links().list()) {
        company(link.company_id).bank_links.push_back(link);
        snapshot.by_rib_[link.rib_key] = link;
    }
    return snapshot;
}

route_snapshot::decision route_snapshot::route(const std::string& rib_key, const std::string& booking_date) const {
    decision out;
    const auto link = by_rib_.find(rib_key);
    if (link == by_rib_.end()) {
        out.reason = store::quarantine_reason::no_bank_link;
        return out;
    }
    const auto company = companies_.find(link->second.company_id);
    if (company == companies_.end() || !company->second.active) {
        out.reason = store::quarantine_reason::company_inactive;
        return out;
    }
    if ((link->second.deliver_from && booking_date < *link->second.deliver_from) ||
        (company->second.deliver_from && booking_date < *company->second.deliver_from)) {
        out.reason = store::quarantine_reason::before_deliver_from;
        return out;
    }
    out.route = store::delivery_route{link->second.company_id, link->second.bank_account_id};
    return out;
}

} // namespace jd::sync
