#include "jdsim/host_seed.hpp"

#include "jdsim/check_digits.hpp"
#include "jdsim/rng.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <unordered_set>

namespace jdsim {
namespace {

constexpr name_quirk all_quirks[] = {name_quirk::letter_case, name_quirk::accents,    name_quirk::apostrophe,
                                     name_quirk::ampersand,   name_quirk::dotted_form, name_quirk::moved_form};

std::string random_digits(rng& r, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + r.below(10));
    return s;
}

std::string new_siren(rng& r, std::unordered_set<std::string>& used) {
    for (;;) {
        std::string payload = std::to_string(r.between(3, 9)) + random_digits(r, 7);
        std::string s = payload + luhn_check_digit(payload);
        if (used.insert(s).second) return s;
    }
}

std::string siret_of(rng& r, const std::string& siren) {
    std::string payload = siren + "000" + std::to_string(r.between(1, 9));
    return payload + luhn_check_digit(payload);
}

std::string random_iban(rng& r) {
    static constexpr const char* banks[] = {"30004", "30003", "30002", "10278", "20041", "30066"};
    const std::string bank = banks[r.below(6)];
    const std::string branch = random_digits(r, 5);
    const std::string number = "000" + random_digits(r, 8);
    const int key = rib_key(bank, branch, number);
    const std::string k{static_cast<char>('0' + key / 10), static_cast<char>('0' + key % 10)};
    return iban_fr(bank, branch, number, k);
}

}  // namespace

std::string_view to_string(link_kind k) {
    switch (k) {
        case link_kind::exact: return "exact";
        case link_kind::ambiguous: return "ambiguous";
        case link_kind::proposed: return "proposed";
        case link_kind::siren_only: return "siren_only";
        case link_kind::no_company: return "no_company";
    }
    return "unknown";
}

host_plan plan_host(std::uint64_t seed, const firm& f) {
    host_plan h;
    const std::size_t n = f.dossiers.size();
    h.dossier_link.assign(n, link_kind::exact);
    h.dossier_quirk.assign(n, {});
    h.dossier_company.assign(n, -1);
    rng r = rng_for(seed, stream::host);

    std::unordered_set<std::string> used_names;
    std::unordered_set<std::string> sirens;
    for (const auto& d : f.dossiers) {
        used_names.insert(d.rs);
        sirens.insert(d.siren);
    }

    // 1. Decide the kind of link of each dossier.
    std::vector<std::string> variant(n);
    for (std::size_t i = 0; i < n; ++i) {
        const dossier& d = f.dossiers[i];
        if (d.exact_duplicate) {
            h.dossier_link[i] = link_kind::ambiguous;
            continue;
        }
        if (d.planned_near_duplicate) continue;  // "ALPHA" and "ALPHA 2" must both link exactly
        const double x = r.unit();
        if (x < 0.05) {
            h.dossier_link[i] = link_kind::no_company;
        } else if (x < 0.10) {
            h.dossier_link[i] = link_kind::siren_only;
        } else if (x < 0.24) {
            h.dossier_link[i] = link_kind::proposed;
        }
    }
    // Every kind at least once when the firm is big enough to afford it.
    if (n >= 20) {
        for (link_kind wanted : {link_kind::no_company, link_kind::siren_only, link_kind::proposed}) {
            if (std::find(h.dossier_link.begin(), h.dossier_link.end(), wanted) != h.dossier_link.end()) continue;
            for (std::size_t i = 0; i < n; ++i) {
                if (h.dossier_link[i] == link_kind::exact && !f.dossiers[i].planned_near_duplicate) {
                    h.dossier_link[i] = wanted;
                    break;
                }
            }
        }
    }
    // 2. Spelling variants for the proposed ones (a quirk that applies, and yields a name nobody else has).
    for (std::size_t i = 0; i < n; ++i) {
        if (h.dossier_link[i] != link_kind::proposed) continue;
        const dossier& d = f.dossiers[i];
        const std::size_t start = r.below(std::size(all_quirks));
        for (std::size_t k = 0; k < std::size(all_quirks); ++k) {
            const name_quirk q = all_quirks[(start + k) % std::size(all_quirks)];
            auto v = apply_quirk(d.name, q);
            if (v && *v != d.rs && !used_names.count(*v)) {
                variant[i] = *v;
                h.dossier_quirk[i] = std::string(to_string(q));
                used_names.insert(*v);
                break;
            }
        }
        if (variant[i].empty()) h.dossier_link[i] = link_kind::exact;
    }

    // 3. Companies: one per dossier (except no_company), in dossier order, then companies without a dossier.
    std::uint64_t next_id = 1;
    std::uint64_t name_index = 0;
    auto fresh_name = [&]() {
        for (;;) {
            std::string s = make_company_name(seed ^ 0x5EED0F7057ULL, name_index++).render();
            if (used_names.insert(s).second) return s;
        }
    };
    for (std::size_t i = 0; i < n; ++i) {
        const dossier& d = f.dossiers[i];
        if (h.dossier_link[i] == link_kind::no_company) continue;
        host_company c;
        c.id = next_id++;
        c.dossier = static_cast<std::int32_t>(i);
        c.siren = d.siren;
        c.siret = d.siren + d.nic;
        switch (h.dossier_link[i]) {
            case link_kind::proposed: c.legal_name = variant[i]; break;
            case link_kind::siren_only: c.legal_name = fresh_name(); break;
            default: c.legal_name = d.rs; break;
        }
        // Most of the dossier's RIBs are known to the host as bank accounts; a few are not.
        std::uint64_t k = 1;
        for (std::uint32_t rib : d.ribs) {
            if (r.chance(0.12)) continue;
            host_bank_account a;
            a.id = c.id * 100 + k;
            a.label = f.ribs[rib].libelle;
            a.iban = f.ribs[rib].iban;
            a.journal_code = "BQ" + std::to_string(k);
            a.rib = static_cast<std::int32_t>(rib);
            c.bank_accounts.push_back(std::move(a));
            ++k;
        }
        if (r.chance(0.10)) {
            host_bank_account a;
            a.id = c.id * 100 + k;
            a.label = "Livret professionnel";
            a.iban = random_iban(r);
            a.journal_code = "BQ" + std::to_string(k);
            c.bank_accounts.push_back(std::move(a));
        }
        h.dossier_company[i] = static_cast<std::int32_t>(h.companies.size());
        h.companies.push_back(std::move(c));
    }
    const std::size_t extra = std::max<std::size_t>(1, n / 20);
    for (std::size_t e = 0; e < extra; ++e) {
        host_company c;
        c.id = next_id++;
        c.legal_name = fresh_name();
        c.siren = new_siren(r, sirens);
        c.siret = siret_of(r, c.siren);
        host_bank_account a;
        a.id = c.id * 100 + 1;
        a.label = "Compte courant";
        a.iban = random_iban(r);
        a.journal_code = "BQ1";
        c.bank_accounts.push_back(std::move(a));
        h.companies.push_back(std::move(c));
    }
    return h;
}

const host_bank_account* host_plan::account_for_rib(std::size_t company, std::uint32_t rib) const {
    for (const auto& a : companies[company].bank_accounts)
        if (a.rib == static_cast<std::int32_t>(rib)) return &a;
    return nullptr;
}

boost::json::object host_plan::to_json() const {
    boost::json::array company_rights;
    for (const auto& c : companies)
        company_rights.push_back(boost::json::object{{"company_id", c.id}, {"right", "company.accounting_settings"}});

    boost::json::array users;
    users.push_back(boost::json::object{{"id", "admin"},
                                        {"display_name", "Alice Admin"},
                                        {"rights", boost::json::array{"platform.configuration", "platform.administration"}},
                                        {"company_rights", std::move(company_rights)}});
    users.push_back(boost::json::object{{"id", "config_only"},
                                        {"display_name", "Claire Configuration"},
                                        {"rights", boost::json::array{"platform.configuration"}},
                                        {"company_rights", boost::json::array{}}});
    users.push_back(boost::json::object{{"id", "admin_only"},
                                        {"display_name", "Adrien Administration"},
                                        {"rights", boost::json::array{"platform.administration"}},
                                        {"company_rights", boost::json::array{}}});
    users.push_back(boost::json::object{{"id", "nobody"},
                                        {"display_name", "Noé Personne"},
                                        {"rights", boost::json::array{}},
                                        {"company_rights", boost::json::array{}}});

    boost::json::array comps;
    for (const auto& c : companies) {
        boost::json::array accounts;
        for (const auto& a : c.bank_accounts)
            accounts.push_back(boost::json::object{
                {"id", a.id}, {"label", a.label}, {"iban", a.iban}, {"journal_code", a.journal_code}});
        comps.push_back(boost::json::object{{"id", c.id},
                                            {"legal_name", c.legal_name},
                                            {"siren", c.siren},
                                            {"siret", c.siret},
                                            {"bank_accounts", std::move(accounts)}});
    }
    return boost::json::object{{"users", std::move(users)}, {"companies", std::move(comps)}};
}

}  // namespace jdsim
