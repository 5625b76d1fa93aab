#include "admin/company_matcher.hpp"

#include "admin/legal_forms.hpp"
#include "admin/name_normaliser.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace jd::admin {

namespace {

constexpr std::size_t no_index = static_cast<std::size_t>(-1);

struct dossier_state {
    const dossier* source = nullptr;
    normalised_name name;
    identifier_check siren;
    bool ignored = false; // a later duplicate of an id
    std::size_t linked_company = no_index;
    link_kind kind = link_kind::exact;
    bool active = false;
    bool stored = false;
    std::vector<std::size_t> previous_companies; // from exact links broken by a rename
};

struct company_state {
    const host_company* source = nullptr;
    normalised_name name;
    identifier_check siren;
    std::string shown_siren;
    bool ignored = false;
    std::vector<std::size_t> linked_dossiers;
    std::vector<std::size_t> proposed_for;
    std::size_t proposed_for_count = 0;
};

using index_map = std::unordered_map<std::string_view, std::vector<std::size_t>>;

const std::vector<std::size_t>& lookup(const index_map& index, std::string_view key) {
    static const std::vector<std::size_t> none;
    const auto it = index.find(key);
    return it == index.end() ? none : it->second;
}

dossier_ref make_ref(const dossier_state& d) { return {d.source->id, d.source->rs, d.source->siren}; }

company_ref make_ref(const company_state& c) { return {c.source->id, c.source->legal_name, c.shown_siren}; }

// Strength of a candidacy, for ordering: a shared SIREN outweighs any name evidence.
int score(std::uint8_t reasons) {
    int value = 0;
    if ((reasons & candidate_reason::same_siren) != 0) {
        value += 8;
    }
    if ((reasons & candidate_reason::same_legal_name) != 0) {
        value += 4;
    }
    if ((reasons & candidate_reason::same_normalised_name) != 0) {
        value += 2;
    }
    if ((reasons & candidate_reason::previously_linked) != 0) {
        value += 1;
    }
    return value;
}

class matcher {
public:
    matcher(const match_input& input, const match_options& options) : input_(input), options_(options) {}

    match_result run() {
        prepare_dossiers();
        prepare_companies();
        apply_stored_links();
        link_exact_names();
        explain_dossiers();
        explain_companies();
        collect_links();
        summarise();
        return std::move(result_);
    }

private:
    void warn(warning_code code, const dossier_state* d, const company_state* c, std::string value = {},
              std::string other = {}) {
        match_warning w;
        w.code = code;
        if (d != nullptr) {
            w.dossier_id = d->source->id;
            w.dossier_name = d->source->rs;
        }
        if (c != nullptr) {
            w.company_id = c->source->id;
            w.company_name = c->source->legal_name;
        }
        w.value = std::move(value);
        w.other_value = std::move(other);
        result_.warnings.push_back(std::move(w));
    }

    void prepare_dossiers() {
        dossiers_.resize(input_.dossiers.size());
        dossier_by_id_.reserve(input_.dossiers.size());
        dossiers_by_rs_.reserve(input_.dossiers.size());
        for (std::size_t i = 0; i < input_.dossiers.size(); ++i) {
            dossier_state& d = dossiers_[i];
            d.source = &input_.dossiers[i];
            if (!dossier_by_id_.emplace(d.source->id, i).second) {
                d.ignored = true;
                warn(warning_code::duplicate_dossier_id, &d, nullptr);
                continue;
            }
            d.name = normalise_company_name(d.source->rs);
            if (!d.name.valid_utf8) {
                warn(warning_code::invalid_utf8_rs, &d, nullptr, std::to_string(d.name.invalid_utf8_offset));
            }
            d.siren = check_siren(d.source->siren);
            if (d.siren.invalid()) {
                warn(warning_code::invalid_dossier_siren, &d, nullptr, d.source->siren);
            } else if (d.siren.valid() && !d.source->nic.empty()) {
                const std::string siret = d.siren.digits + d.source->nic;
                if (!check_siret(siret).valid()) {
                    warn(warning_code::invalid_dossier_siret, &d, nullptr, d.siren.digits + " " + d.source->nic);
                }
            }
            dossiers_by_rs_[d.source->rs].push_back(i);
        }
    }

    void prepare_companies() {
        companies_.resize(input_.companies.size());
        company_by_id_.reserve(input_.companies.size());
        companies_by_name_.reserve(input_.companies.size());
        companies_by_core_.reserve(input_.companies.size());
        for (std::size_t i = 0; i < input_.companies.size(); ++i) {
            company_state& c = companies_[i];
            c.source = &input_.companies[i];
            if (!company_by_id_.emplace(c.source->id, i).second) {
                c.ignored = true;
                warn(warning_code::duplicate_company_id, nullptr, &c);
                continue;
            }
            c.name = normalise_company_name(c.source->legal_name);
            if (!c.name.valid_utf8) {
                warn(warning_code::invalid_utf8_legal_name, nullptr, &c, std::to_string(c.name.invalid_utf8_offset));
            }
            c.siren = check_siren(c.source->siren);
            c.shown_siren = c.source->siren;
            if (c.siren.invalid()) {
                warn(warning_code::invalid_company_siren, nullptr, &c, c.source->siren);
            }
            if (!c.source->siret.empty()) {
                const identifier_check siret = check_siret(c.source->siret);
                if (!siret.valid()) {
                    warn(warning_code::invalid_company_siret, nullptr, &c, c.source->siret);
                } else if (c.siren.valid() && siret.digits.compare(0, 9, c.siren.digits) != 0) {
                    warn(warning_code::siren_siret_mismatch, nullptr, &c, c.source->siret, c.source->siren);
                } else if (c.siren.status == identifier_status::absent) {
                    // No SIREN given: the SIRET's first nine digits are one. Its own key is checked too: the
                    // SIRET's Luhn sum runs over fourteen digits and vouches for nothing shorter.
                    c.shown_siren = siret.digits.substr(0, 9);
                    c.siren = check_siren(c.shown_siren);
                    if (c.siren.invalid()) {
                        warn(warning_code::invalid_company_siren, nullptr, &c, c.shown_siren);
                    }
                }
            }
            companies_by_name_[c.source->legal_name].push_back(i);
            if (!c.name.core.empty()) {
                companies_by_core_[c.name.core].push_back(i);
            }
            if (c.siren.valid()) {
                companies_by_siren_[c.siren.digits].push_back(i);
            }
        }
    }

    void make_stale(const stored_link& link, warning_code reason, const dossier_state* d, const company_state* c) {
        result_.stale_links.push_back({link, reason});
        match_warning w;
        w.code = reason;
        w.dossier_id = link.dossier_id;
        w.company_id = link.company_id;
        if (d != nullptr) {
            w.dossier_name = d->source->rs;
        }
        if (c != nullptr) {
            w.company_name = c->source->legal_name;
        }
        result_.warnings.push_back(std::move(w));
    }

    void apply_stored_links() {
        std::vector<std::vector<std::size_t>> by_dossier(dossiers_.size());
        for (std::size_t i = 0; i < input_.links.size(); ++i) {
            const stored_link& link = input_.links[i];
            const auto d = dossier_by_id_.find(link.dossier_id);
            const auto c = company_by_id_.find(link.company_id);
            if (d == dossier_by_id_.end()) {
                make_stale(link, warning_code::link_dossier_missing, nullptr,
                           c == company_by_id_.end() ? nullptr : &companies_[c->second]);
                continue;
            }
            if (c == company_by_id_.end()) {
                make_stale(link, warning_code::link_company_missing, &dossiers_[d->second], nullptr);
                continue;
            }
            by_dossier[d->second].push_back(i);
        }
        for (std::size_t di = 0; di < dossiers_.size(); ++di) {
            const std::vector<std::size_t>& links = by_dossier[di];
            if (links.empty()) {
                continue;
            }
            dossier_state& d = dossiers_[di];
            auto company_of = [&](std::size_t link_index) {
                return company_by_id_.at(input_.links[link_index].company_id);
            };
            auto still_exact = [&](std::size_t link_index) {
                return d.source->rs == companies_[company_of(link_index)].source->legal_name;
            };
            std::size_t kept = no_index;
            for (std::size_t li : links) {
                if (input_.links[li].kind == link_kind::confirmed) {
                    kept = li;
                    break;
                }
            }
            if (kept == no_index) {
                for (std::size_t li : links) {
                    if (still_exact(li)) {
                        kept = li;
                        break;
                    }
                }
            }
            for (std::size_t li : links) {
                if (li == kept) {
                    continue;
                }
                company_state& c = companies_[company_of(li)];
                const bool same_pair = kept != no_index && company_of(li) == company_of(kept);
                const bool renamed = !same_pair && input_.links[li].kind == link_kind::exact && !still_exact(li);
                if (renamed) {
                    d.previous_companies.push_back(company_of(li));
                }
                make_stale(input_.links[li], renamed ? warning_code::link_name_changed : warning_code::link_duplicate,
                           &d, &c);
            }
            if (kept != no_index) {
                const stored_link& link = input_.links[kept];
                d.linked_company = company_of(kept);
                d.kind = link.kind;
                d.active = link.active;
                d.stored = true;
                companies_[d.linked_company].linked_dossiers.push_back(di);
            }
        }
    }

    void link_exact_names() {
        for (std::size_t di = 0; di < dossiers_.size(); ++di) {
            dossier_state& d = dossiers_[di];
            if (d.ignored || d.linked_company != no_index || d.name.blank) {
                continue;
            }
            const auto& same_name_companies = lookup(companies_by_name_, d.source->rs);
            const auto& same_name_dossiers = lookup(dossiers_by_rs_, d.source->rs);
            if (same_name_companies.size() != 1 || same_name_dossiers.size() != 1) {
                continue;
            }
            company_state& c = companies_[same_name_companies.front()];
            if (!c.linked_dossiers.empty()) {
                continue;
            }
            d.linked_company = same_name_companies.front();
            d.kind = link_kind::exact;
            d.active = false;
            d.stored = false;
            c.linked_dossiers.push_back(di);
        }
    }

    // Candidate companies for an unlinked dossier, merged per company through a scratch array so that a
    // huge name bucket costs its size, not its square.
    void gather_candidates(std::size_t di, unmatched_dossier& out) {
        const dossier_state& d = dossiers_[di];
        touched_.clear();
        auto add = [&](std::size_t ci, std::uint8_t reason) {
            if (companies_[ci].ignored) {
                return;
            }
            if (scratch_[ci] == 0) {
                touched_.push_back(ci);
            }
            scratch_[ci] = static_cast<std::uint8_t>(scratch_[ci] | reason);
        };
        if (!d.name.blank) {
            for (std::size_t ci : lookup(companies_by_name_, d.source->rs)) {
                add(ci, candidate_reason::same_legal_name);
            }
        }
        if (d.siren.valid()) {
            for (std::size_t ci : lookup(companies_by_siren_, d.siren.digits)) {
                add(ci, candidate_reason::same_siren);
            }
        }
        if (!d.name.core.empty()) {
            for (std::size_t ci : lookup(companies_by_core_, d.name.core)) {
                if (legal_forms_compatible(d.name.legal_families, companies_[ci].name.legal_families)) {
                    add(ci, candidate_reason::same_normalised_name);
                }
            }
        }
        for (std::size_t ci : d.previous_companies) {
            add(ci, candidate_reason::previously_linked);
        }

        std::vector<std::size_t> free_companies;
        std::vector<std::size_t> taken_companies;
        for (std::size_t ci : touched_) {
            (companies_[ci].linked_dossiers.empty() ? free_companies : taken_companies).push_back(ci);
        }
        auto better = [&](std::size_t a, std::size_t b) {
            const int sa = score(scratch_[a]);
            const int sb = score(scratch_[b]);
            return sa != sb ? sa > sb : a < b;
        };
        const std::size_t kept = std::min(free_companies.size(), options_.max_candidates);
        std::partial_sort(free_companies.begin(), free_companies.begin() + static_cast<std::ptrdiff_t>(kept),
                          free_companies.end(), better);
        out.total_candidates = free_companies.size();
        for (std::size_t k = 0; k < kept; ++k) {
            company_state& c = companies_[free_companies[k]];
            out.candidates.push_back({make_ref(c), scratch_[free_companies[k]]});
            if (c.proposed_for.size() < options_.max_examples) {
                c.proposed_for.push_back(di);
            }
            ++c.proposed_for_count;
        }
        const std::size_t shown = std::min(taken_companies.size(), options_.max_examples);
        std::partial_sort(taken_companies.begin(), taken_companies.begin() + static_cast<std::ptrdiff_t>(shown),
                          taken_companies.end(), better);
        out.linked_elsewhere_count = taken_companies.size();
        for (std::size_t k = 0; k < shown; ++k) {
            const company_state& c = companies_[taken_companies[k]];
            out.linked_elsewhere.push_back(
                {make_ref(c), dossiers_[c.linked_dossiers.front()].source->id, scratch_[taken_companies[k]]});
        }
        for (std::size_t ci : touched_) {
            scratch_[ci] = 0;
        }
    }

    void explain_dossiers() {
        scratch_.assign(companies_.size(), 0);
        for (std::size_t di = 0; di < dossiers_.size(); ++di) {
            const dossier_state& d = dossiers_[di];
            if (d.ignored || d.linked_company != no_index) {
                continue;
            }
            unmatched_dossier out;
            out.dossier = make_ref(d);
            out.siren_status = d.siren.status;
            if (!d.name.valid_utf8) {
                out.invalid_utf8_offset = d.name.invalid_utf8_offset;
            }
            const auto& same_name_companies = lookup(companies_by_name_, d.source->rs);
            out.same_name_company_count = same_name_companies.size();
            out.same_name_dossier_count = lookup(dossiers_by_rs_, d.source->rs).size();
            for (std::size_t k = 0; k < same_name_companies.size() && k < options_.max_examples; ++k) {
                out.same_name_companies.push_back(make_ref(companies_[same_name_companies[k]]));
            }
            if (d.name.blank) {
                out.reason = dossier_reason::empty_name;
            } else if (out.same_name_company_count >= 2) {
                out.reason = dossier_reason::ambiguous_company_name;
            } else if (out.same_name_company_count == 1) {
                // Free and alone it would have been linked: so it is taken, or another dossier shares the name.
                out.reason = companies_[same_name_companies.front()].linked_dossiers.empty()
                                 ? dossier_reason::ambiguous_dossier_name
                                 : dossier_reason::company_already_linked;
            } else {
                out.reason = dossier_reason::no_exact_match;
            }
            gather_candidates(di, out);
            if (!out.candidates.empty()) {
                result_.proposals.push_back({out.dossier, out.candidates, out.total_candidates});
            }
            result_.unmatched_dossiers.push_back(std::move(out));
        }
    }

    void explain_companies() {
        for (const company_state& c : companies_) {
            if (c.ignored || !c.linked_dossiers.empty()) {
                continue;
            }
            unmatched_company out;
            out.company = make_ref(c);
            out.siren_status = c.siren.status;
            if (!c.name.valid_utf8) {
                out.invalid_utf8_offset = c.name.invalid_utf8_offset;
            }
            const auto& same_name_dossiers = lookup(dossiers_by_rs_, c.source->legal_name);
            out.same_name_company_count = lookup(companies_by_name_, c.source->legal_name).size();
            out.same_name_dossier_count = same_name_dossiers.size();
            if (c.name.blank) {
                out.reason = company_reason::empty_name;
            } else if (same_name_dossiers.size() == 1 &&
                       dossiers_[same_name_dossiers.front()].linked_company != no_index) {
                const dossier_state& d = dossiers_[same_name_dossiers.front()];
                out.reason = company_reason::dossier_already_linked;
                out.linked_dossier = make_ref(d);
                out.linked_dossier_company = companies_[d.linked_company].source->id;
            } else if (same_name_dossiers.size() >= 2) {
                out.reason = company_reason::ambiguous_dossier_name;
            } else if (same_name_dossiers.size() == 1 && out.same_name_company_count >= 2) {
                out.reason = company_reason::ambiguous_company_name;
            } else {
                out.reason = company_reason::no_dossier;
            }
            for (std::size_t di : c.proposed_for) {
                out.proposed_for.push_back(make_ref(dossiers_[di]));
            }
            out.proposed_for_count = c.proposed_for_count;
            result_.unmatched_companies.push_back(std::move(out));
        }
    }

    void collect_links() {
        for (const dossier_state& d : dossiers_) {
            if (d.ignored || d.linked_company == no_index) {
                continue;
            }
            const company_state& c = companies_[d.linked_company];
            result_.links.push_back({make_ref(d), make_ref(c), d.kind, d.active, d.stored});
            if (d.siren.valid() && c.siren.valid() && d.siren.digits != c.siren.digits) {
                warn(warning_code::link_siren_mismatch, &d, &c, d.siren.digits, c.siren.digits);
            }
        }
    }

    void summarise() {
        match_summary& s = result_.summary;
        s.dossiers = static_cast<std::size_t>(
            std::count_if(dossiers_.begin(), dossiers_.end(), [](const dossier_state& d) { return !d.ignored; }));
        s.companies = static_cast<std::size_t>(
            std::count_if(companies_.begin(), companies_.end(), [](const company_state& c) { return !c.ignored; }));
        for (const match_link& link : result_.links) {
            ++(link.kind == link_kind::exact ? s.exact : s.confirmed);
        }
        s.proposed = result_.proposals.size();
        s.unmatched_dossiers = result_.unmatched_dossiers.size();
        s.unmatched_companies = result_.unmatched_companies.size();
    }

    const match_input& input_;
    const match_options& options_;
    match_result result_;
    std::vector<dossier_state> dossiers_;
    std::vector<company_state> companies_;
    std::unordered_map<std::string_view, std::size_t> dossier_by_id_;
    std::unordered_map<std::int64_t, std::size_t> company_by_id_;
    index_map dossiers_by_rs_;
    index_map companies_by_name_;
    index_map companies_by_core_;
    index_map companies_by_siren_;
    std::vector<std::uint8_t> scratch_;
    std::vector<std::size_t> touched_;
};

} // namespace

match_result match_companies(const match_input& input, const match_options& options) {
    return matcher(input, options).run();
}

} // namespace jd::admin
