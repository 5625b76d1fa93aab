#include "jdsim/firm.hpp"

#include "jdsim/check_digits.hpp"
#include "jdsim/french_text.hpp"
#include "jdsim/rng.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <unordered_set>

namespace jdsim {
namespace {

struct bank_info {
    const char* code;
    double weight;
};

// Real French bank codes, weighted roughly by their share of business accounts.
constexpr bank_info banks[] = {
    {"30004", 14}, {"30003", 12}, {"30002", 9}, {"10278", 8}, {"11306", 6}, {"20041", 6}, {"18206", 5},
    {"10107", 5}, {"30066", 6}, {"17515", 4}, {"14445", 3}, {"13335", 3}, {"16606", 3}, {"13507", 3},
    {"10096", 3}, {"42559", 2}, {"30076", 2}, {"12548", 2}, {"15589", 2}, {"16807", 2},
};

constexpr const char* xpf_bank = "12149";

std::string digits(rng& r, int n) {
    std::string s(static_cast<std::size_t>(n), '0');
    for (auto& c : s) c = static_cast<char>('0' + r.below(10));
    return s;
}

const char* pick_bank(rng& r) {
    double total = 0;
    for (const auto& b : banks) total += b.weight;
    double x = r.unit() * total;
    for (const auto& b : banks) {
        if (x < b.weight) return b.code;
        x -= b.weight;
    }
    return banks[0].code;
}

// Letters, accents, punctuation and the legal form do not make two names different enough.
std::string name_key(const company_name& n) {
    std::string k = strip_accents(upper_fr(n.core));
    std::string out;
    for (std::size_t i = 0; i < k.size(); ++i) {
        if (k.compare(i, 3, "ET ") == 0 && (i == 0 || k[i - 1] == ' ')) {
            out += '&';
            i += 2;
            continue;
        }
        const char c = k[i];
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '&') out += c;
    }
    return out;
}

std::string make_siren(rng& r, std::unordered_set<std::string>& used) {
    for (;;) {
        std::string payload = std::to_string(r.between(3, 9)) + digits(r, 7);
        std::string siren = payload + luhn_check_digit(payload);
        if (used.insert(siren).second) return siren;
    }
}

std::string make_nic(rng& r, const std::string& siren) {
    // Head office NICs are small numbers: 00010, 00012, 00027...
    std::string payload = "000" + std::to_string(r.between(1, 9));
    const char check = luhn_check_digit(siren + payload);
    return payload + check;
}

std::vector<std::uint32_t> group_sizes(rng& r, std::size_t rib_count) {
    const std::size_t cap = std::max<std::size_t>(1, rib_count / 4);
    std::vector<std::uint32_t> sizes;
    std::size_t left = rib_count;
    while (left > 0) {
        const double x = r.unit();
        std::int64_t size;
        if (x < 0.41)
            size = 1;
        else if (x < 0.71)
            size = r.between(2, 8);
        else if (x < 0.885)
            size = r.between(9, 24);
        else
            size = r.between(25, 45);
        std::size_t s = std::min<std::size_t>(static_cast<std::size_t>(size), std::min(cap, left));
        sizes.push_back(static_cast<std::uint32_t>(s));
        left -= s;
    }
    return sizes;
}

std::uint32_t pick_compte(rng& r, const std::vector<compte_config>& comptes) {
    double total = 0;
    for (const auto& c : comptes)
        if (c.receives_statements()) total += c.weight;
    double x = r.unit() * total;
    std::uint32_t last = 0;
    for (std::uint32_t i = 0; i < comptes.size(); ++i) {
        if (!comptes[i].receives_statements()) continue;
        last = i;
        if (x < comptes[i].weight) return i;
        x -= comptes[i].weight;
    }
    return last;
}

std::string account_number(rng& r) {
    // Some banks (La Poste, a few regional ones) put a letter in the account number.
    if (r.chance(0.05)) {
        std::string s = digits(r, 7);
        s += static_cast<char>('A' + r.below(26));
        s += digits(r, 3);
        return s;
    }
    return "000" + digits(r, 8);
}

const char* account_label(rng& r, std::size_t k) {
    static constexpr const char* labels[] = {"Compte courant", "Compte professionnel", "Compte de dépôt",
                                             "Compte d'exploitation", "Compte travaux", "Compte séquestre"};
    if (k == 0) return r.chance(0.7) ? labels[0] : labels[1];
    return labels[1 + r.below(5)];
}

}  // namespace

firm firm::build(std::uint64_t seed, int dossier_count, std::vector<compte_config> comptes) {
    if (dossier_count < 0 || dossier_count > 200000) throw std::invalid_argument("dossiers must be in 0..200000");
    if (comptes.empty()) throw std::invalid_argument("at least one compte de flux is needed");
    const bool any_statements =
        std::any_of(comptes.begin(), comptes.end(), [](const compte_config& c) { return c.receives_statements(); });
    if (!any_statements) throw std::invalid_argument("no compte de flux subscribes RELEVE with a positive weight");

    firm f;
    f.comptes = std::move(comptes);
    const auto n = static_cast<std::size_t>(dossier_count);

    // --- Dossiers: unique names, except the planned near- and exact duplicates.
    std::unordered_set<std::string> name_keys;
    std::unordered_set<std::string> sirens;
    rng dr = rng_for(seed, stream::dossier);
    std::uint64_t name_index = 0;
    f.dossiers.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        dossier& d = f.dossiers[i];
        for (;;) {
            company_name candidate = make_company_name(seed, name_index++);
            if (name_keys.insert(name_key(candidate)).second) {
                d.name = std::move(candidate);
                break;
            }
        }
        d.id = std::to_string(310000 + i * 3 + dr.below(3));
        d.siren = make_siren(dr, sirens);
        d.nic = make_nic(dr, d.siren);
        d.responsable = make_person_name(seed, i);
    }
    if (n >= 4) {
        // "ALPHA" and "ALPHA 2": two companies whose names differ by a number only.
        rng pr = rng_for(seed, stream::dossier, 0xA1FA);
        const std::size_t a = pr.below(n / 2);
        const std::size_t b = n / 2 + pr.below(n - n / 2);
        f.dossiers[a].name = {"ALPHA", "SAS", form_position::before};
        f.dossiers[b].name = {"ALPHA 2", "SAS", form_position::before};
        f.dossiers[a].planned_near_duplicate = f.dossiers[b].planned_near_duplicate = true;
        // About 1% more near-duplicates: "X" and "X 2" / "X II" / "X HOLDING".
        static constexpr const char* suffixes[] = {" 2", " II", " HOLDING", " BIS"};
        const std::size_t extra = n / 100;
        for (std::size_t k = 0; k < extra; ++k) {
            const std::size_t src = pr.below(n);
            const std::size_t dst = pr.below(n);
            if (src == dst || f.dossiers[src].planned_near_duplicate || f.dossiers[dst].planned_near_duplicate)
                continue;
            f.dossiers[dst].name = f.dossiers[src].name;
            f.dossiers[dst].name.core += suffixes[pr.below(4)];
            f.dossiers[src].planned_near_duplicate = f.dossiers[dst].planned_near_duplicate = true;
        }
        if (n >= 20) {
            // Two dossiers with exactly the same raison sociale (and different SIRENs).
            std::size_t src = pr.below(n), dst = pr.below(n);
            while (src == dst || f.dossiers[src].planned_near_duplicate || f.dossiers[dst].planned_near_duplicate) {
                src = pr.below(n);
                dst = pr.below(n);
            }
            f.dossiers[dst].name = f.dossiers[src].name;
            f.dossiers[src].exact_duplicate = f.dossiers[dst].exact_duplicate = true;
        }
    }
    for (auto& d : f.dossiers) d.rs = d.name.render();

    // --- RIBs: about 1.5 per dossier; 2% match no dossier; 2% of dossiers have none.
    const std::size_t rib_count = n == 0 ? 3 : (n * 3 + 1) / 2;
    rng rr = rng_for(seed, stream::rib);
    f.ribs.resize(rib_count);
    std::vector<std::uint32_t> with_ribs;
    for (std::uint32_t i = 0; i < n; ++i)
        if (!(n >= 10 && rr.chance(0.02))) with_ribs.push_back(i);
    std::size_t orphans = n == 0 ? rib_count : std::max<std::size_t>(n >= 4 ? 1 : 0, rib_count / 50);
    if (orphans >= rib_count) orphans = rib_count - std::min(rib_count, with_ribs.size());
    std::size_t next = 0;
    for (std::uint32_t d : with_ribs) {
        if (next + orphans >= rib_count) break;
        f.ribs[next++].dossier = static_cast<std::int32_t>(d);
    }
    while (next + orphans < rib_count && !with_ribs.empty())
        f.ribs[next++].dossier = static_cast<std::int32_t>(with_ribs[rr.below(with_ribs.size())]);
    for (; next < rib_count; ++next) f.ribs[next].dossier = -1;

    for (std::uint32_t i = 0; i < rib_count; ++i) {
        rib_account& r = f.ribs[i];
        r.id = std::to_string(820000 + i);
        const double a = rr.unit();
        if (a < 0.30)
            r.activity = static_cast<double>(rr.between(1, 3));
        else if (a < 0.80)
            r.activity = static_cast<double>(rr.between(6, 14));
        else
            r.activity = static_cast<double>(rr.between(20, 40));
        r.amount_scale = rr.between(100, 500);  // percent
        r.base_balance = rr.chance(0.1) ? -rr.between(10000, 800000) : rr.between(50000, 12000000);
        if (r.dossier >= 0) f.dossiers[static_cast<std::size_t>(r.dossier)].ribs.push_back(i);
    }

    // --- Delivery groups: shuffle the RIBs, cut them into files of 1 to 45 accounts.
    std::vector<std::uint32_t> order(rib_count);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [seed](std::uint32_t x, std::uint32_t y) {
        return hash_of(seed, static_cast<std::uint64_t>(stream::grouping), x) <
               hash_of(seed, static_cast<std::uint64_t>(stream::grouping), y);
    });
    rng gr = rng_for(seed, stream::grouping, 1);
    const auto sizes = group_sizes(gr, rib_count);
    std::size_t at = 0;
    for (std::uint32_t s : sizes) {
        delivery_group g;
        g.ribs.assign(order.begin() + static_cast<std::ptrdiff_t>(at), order.begin() + static_cast<std::ptrdiff_t>(at + s));
        at += s;
        f.groups.push_back(std::move(g));
    }
    // At least one file holding several accounts.
    if (rib_count >= 2 && std::all_of(f.groups.begin(), f.groups.end(), [](const delivery_group& g) { return g.ribs.size() == 1; })) {
        f.groups[0].ribs.push_back(f.groups[1].ribs[0]);
        f.groups.erase(f.groups.begin() + 1);
    }

    rng cr = rng_for(seed, stream::compte_assignment);
    for (auto& g : f.groups) g.compte = pick_compte(cr, f.comptes);
    // Every compte that should receive statements gets at least one file when there are enough.
    for (std::uint32_t c = 0; c < f.comptes.size(); ++c) {
        if (!f.comptes[c].receives_statements()) continue;
        const bool has = std::any_of(f.groups.begin(), f.groups.end(), [c](const delivery_group& g) { return g.compte == c; });
        if (!has && f.groups.size() >= 2) f.groups.back().compte = c;
    }

    // --- Banks and account numbers, per group (one bank per file, sometimes a second one).
    bool xpf_done = rib_count < 10;
    for (std::uint32_t gi = 0; gi < f.groups.size(); ++gi) {
        delivery_group& g = f.groups[gi];
        rng br = rng_for(seed, stream::rib, 0xBA4C, gi);
        const char* bank = pick_bank(br);
        g.period_in_tail = br.chance(0.4);
        g.quiet_day_banner = br.chance(0.3);
        const bool xpf = !xpf_done && g.ribs.size() == 1 && gi >= 1;
        for (std::uint32_t ri : g.ribs) {
            rib_account& r = f.ribs[ri];
            r.group = gi;
            r.bank = xpf ? xpf_bank : (br.chance(0.9) ? bank : pick_bank(br));
            r.branch = digits(br, 5);
            r.number = account_number(br);
            const int key = rib_key(r.bank, r.branch, r.number);
            r.key = std::string{static_cast<char>('0' + key / 10), static_cast<char>('0' + key % 10)};
            r.iban = iban_fr(r.bank, r.branch, r.number, r.key);
            if (xpf) {
                r.currency = "XPF";
                r.decimals = 0;
                xpf_done = true;
            }
            set_field(r.cfonb.bank, r.bank);
            set_field(r.cfonb.branch, r.branch);
            set_field(r.cfonb.number, r.number);
            set_field(r.cfonb.currency, r.currency);
            r.cfonb.decimals = r.decimals;
            if (r.dossier >= 0) {
                if (std::find(g.dossiers.begin(), g.dossiers.end(), static_cast<std::uint32_t>(r.dossier)) == g.dossiers.end())
                    g.dossiers.push_back(static_cast<std::uint32_t>(r.dossier));
            }
        }
        std::sort(g.dossiers.begin(), g.dossiers.end());
    }
    for (auto& d : f.dossiers) {
        for (std::size_t k = 0; k < d.ribs.size(); ++k) {
            rib_account& r = f.ribs[d.ribs[k]];
            rng lr = rng_for(seed, stream::rib, 0x1AB, d.ribs[k]);
            r.libelle = account_label(lr, k);
            const std::uint32_t c = f.groups[r.group].compte;
            if (std::find(d.comptes.begin(), d.comptes.end(), c) == d.comptes.end()) d.comptes.push_back(c);
        }
        if (d.comptes.empty()) d.comptes.push_back(0);
        std::sort(d.comptes.begin(), d.comptes.end());
    }
    for (auto& r : f.ribs)
        if (r.libelle.empty()) r.libelle = "Compte courant";
    return f;
}

std::int32_t firm::find_dossier(std::string_view id) const {
    for (std::size_t i = 0; i < dossiers.size(); ++i)
        if (dossiers[i].id == id) return static_cast<std::int32_t>(i);
    return -1;
}

}  // namespace jdsim
