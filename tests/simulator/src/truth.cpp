#include "jdsim/truth.hpp"

#include <boost/json.hpp>

namespace jdsim {

boost::json::object build_truth(const dataset& ds, const host_plan& host) {
    const firm& f = ds.firm_model();
    const statement_generator& st = ds.statements();
    const int days = st.day_count();

    boost::json::array ribs;
    std::int64_t total = 0, linked_total = 0, linked_sum_count = 0;
    for (std::uint32_t ri = 0; ri < f.ribs.size(); ++ri) {
        const rib_account& r = f.ribs[ri];
        const delivery_group& g = f.groups[r.group];
        if (!f.comptes[g.compte].receives_statements()) continue;

        std::int64_t count = 0;
        int first = -1, last = -1;
        for (int d = 0; d < days; ++d) {
            const int n = st.movement_count(ri, d);
            if (n == 0) continue;
            count += n;
            if (first < 0) first = d;
            last = d;
        }
        const std::int64_t opening = st.opening(ri, 0);
        const std::int64_t closing = days > 0 ? st.closing(ri, days - 1) : opening;

        boost::json::object o;
        o["rib_key"] = r.rib_key();
        o["iban"] = r.iban;
        o["currency"] = r.currency;
        o["decimals"] = r.decimals;
        o["compte"] = f.comptes[g.compte].login;
        boost::json::value company = nullptr, account = nullptr, intended_company = nullptr, intended_account = nullptr;
        if (r.dossier >= 0) {
            const auto di = static_cast<std::size_t>(r.dossier);
            o["dossier_id"] = f.dossiers[di].id;
            const link_kind link = host.dossier_link[di];
            o["link"] = to_string(link);
            if (!host.dossier_quirk[di].empty()) o["quirk"] = host.dossier_quirk[di];
            const std::int32_t ci = host.dossier_company[di];
            if (ci >= 0) {
                const auto cidx = static_cast<std::size_t>(ci);
                intended_company = host.companies[cidx].id;
                const host_bank_account* a = host.account_for_rib(cidx, ri);
                if (a) intended_account = a->id;
                if (link == link_kind::exact) {
                    company = intended_company;
                    account = intended_account;
                }
            }
        } else {
            o["dossier_id"] = nullptr;
            o["link"] = "no_dossier";
        }
        o["company_id"] = company;
        o["bank_account_id"] = account;
        o["intended_company_id"] = intended_company;
        o["intended_bank_account_id"] = intended_account;
        o["movements"] = count;
        o["sum_minor"] = closing - opening;
        o["opening_minor"] = opening;
        o["closing_minor"] = closing;
        o["statements"] = days;
        if (first >= 0) {
            o["first_date"] = st.days()[static_cast<std::size_t>(first)].iso();
            o["last_date"] = st.days()[static_cast<std::size_t>(last)].iso();
        } else {
            o["first_date"] = nullptr;
            o["last_date"] = nullptr;
        }
        total += count;
        if (!account.is_null()) {
            linked_total += count;
            ++linked_sum_count;
        }
        ribs.push_back(std::move(o));
    }
    boost::json::object t;
    t["ribs"] = std::move(ribs);
    t["movements_total"] = total;
    t["movements_auto_linked_total"] = linked_total;
    t["ribs_auto_linked"] = linked_sum_count;
    t["pieces_total"] = ds.pieces().size();
    if (!st.days().empty()) {
        t["first_statement_day"] = st.days().front().iso();
        t["last_statement_day"] = st.days().back().iso();
    }
    return t;
}

}  // namespace jdsim
