// The dataset generator: determinism, consistency of the statements, the planned edge cases, the host seed
// and the truth.
#include "cfonb_reader.hpp"
#include "jdsim/check_digits.hpp"
#include "jdsim/dataset.hpp"
#include "jdsim/french_text.hpp"
#include "jdsim/host_seed.hpp"
#include "jdsim/truth.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <unistd.h>

namespace {

jdsim::dataset_params params(std::uint64_t seed, int dossiers, int days) {
    jdsim::dataset_params p;
    p.seed = seed;
    p.dossiers = dossiers;
    p.days = days;
    p.end_date = jdsim::date::from_ymd(2025, 3, 14);
    return p;
}

std::string piece_bytes(const jdsim::dataset& ds, const jdsim::planned_piece& p) {
    std::string s;
    ds.write_piece(p, s);
    return s;
}

// The statements of every piece, keyed by (account, closing date): the first delivery, and a check that
// every later delivery of the same statement is identical.
struct delivered {
    std::map<std::pair<std::string, std::string>, jdsim_test::cfonb_statement_view> first;
    std::size_t repeated = 0;
    std::size_t mismatched = 0;
};

delivered collect(const jdsim::dataset& ds) {
    delivered d;
    for (const auto& p : ds.pieces()) {
        for (auto& st : jdsim_test::read_statements(piece_bytes(ds, p))) {
            auto key = std::make_pair(st.account, st.closing_date);
            auto [it, inserted] = d.first.emplace(key, st);
            if (!inserted) {
                ++d.repeated;
                if (!(it->second == st)) ++d.mismatched;
            }
        }
    }
    return d;
}

const jdsim::dataset& mid_dataset() {
    static const jdsim::dataset ds(params(11, 80, 12));
    return ds;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(generator)

BOOST_AUTO_TEST_CASE(same_seed_same_bytes_other_seed_other_bytes) {
    const jdsim::dataset a(params(5, 40, 6));
    const jdsim::dataset b(params(5, 40, 6));
    const jdsim::dataset c(params(6, 40, 6));
    BOOST_REQUIRE_EQUAL(a.pieces().size(), b.pieces().size());
    for (std::size_t i = 0; i < a.pieces().size(); ++i) {
        BOOST_TEST(a.pieces()[i].numero == b.pieces()[i].numero);
        BOOST_TEST(piece_bytes(a, a.pieces()[i]) == piece_bytes(b, b.pieces()[i]));
    }
    // Generating a piece twice, or out of order, gives the same bytes.
    const auto& last = a.pieces().back();
    BOOST_TEST(piece_bytes(a, last) == piece_bytes(b, b.pieces().back()));
    BOOST_TEST(piece_bytes(a, last) == piece_bytes(a, last));

    const auto ha = jdsim::plan_host(5, a.firm_model()).to_json();
    const auto hb = jdsim::plan_host(5, b.firm_model()).to_json();
    BOOST_TEST(boost::json::serialize(ha) == boost::json::serialize(hb));
    BOOST_TEST(boost::json::serialize(jdsim::build_truth(a, jdsim::plan_host(5, a.firm_model()))) ==
               boost::json::serialize(jdsim::build_truth(b, jdsim::plan_host(5, b.firm_model()))));

    BOOST_TEST(a.firm_model().dossiers[0].rs != c.firm_model().dossiers[0].rs);
    std::string all_a, all_c;
    for (const auto& p : a.pieces()) all_a += piece_bytes(a, p);
    for (const auto& p : c.pieces()) all_c += piece_bytes(c, p);
    BOOST_TEST(all_a != all_c);
}

BOOST_AUTO_TEST_CASE(records_are_latin1_cfonb_120) {
    const auto& ds = mid_dataset();
    bool high_bytes = false, utf8_sequence = false;
    for (const auto& p : ds.pieces()) {
        const std::string bytes = piece_bytes(ds, p);
        for (const auto& r : jdsim_test::split_records(bytes)) {
            BOOST_REQUIRE_EQUAL(r.size(), 120u);
            BOOST_TEST((r[0] == '0' && (r[1] == '1' || r[1] == '4' || r[1] == '5' || r[1] == '7')));
        }
        for (std::size_t i = 0; i + 1 < bytes.size(); ++i) {
            const auto b = static_cast<unsigned char>(bytes[i]);
            if (b >= 0x80) high_bytes = true;
            if (b == 0xC3 && (static_cast<unsigned char>(bytes[i + 1]) & 0xC0) == 0x80) utf8_sequence = true;
        }
    }
    BOOST_TEST(high_bytes);       // accents, in Latin-1
    BOOST_TEST(!utf8_sequence);   // never UTF-8
}

BOOST_AUTO_TEST_CASE(balances_are_consistent_and_chain_day_to_day) {
    const auto& ds = mid_dataset();
    const delivered d = collect(ds);
    BOOST_TEST(d.mismatched == 0u);
    std::map<std::string, std::vector<const jdsim_test::cfonb_statement_view*>> by_account;
    for (const auto& [key, st] : d.first) {
        std::int64_t sum = 0;
        for (const auto& m : st.movements) sum += m.amount;
        BOOST_TEST(st.opening + sum == st.closing, st.account << " " << st.closing_date);
        by_account[st.account].push_back(&st);
    }
    for (auto& [account, list] : by_account) {
        // JJMMAA sorts by date once rearranged to AAMMJJ.
        std::sort(list.begin(), list.end(), [](auto* x, auto* y) {
            auto k = [](const std::string& s) { return s.substr(4, 2) + s.substr(2, 2) + s.substr(0, 2); };
            return k(x->closing_date) < k(y->closing_date);
        });
        BOOST_TEST(list.size() == ds.days().size());
        for (std::size_t i = 1; i < list.size(); ++i) {
            BOOST_TEST(list[i - 1]->closing == list[i]->opening, account);
            BOOST_TEST(list[i]->opening_date == list[i - 1]->closing_date, account);
        }
    }
}

BOOST_AUTO_TEST_CASE(truth_matches_the_distinct_movements_of_the_pieces) {
    const auto& ds = mid_dataset();
    const auto truth = jdsim::build_truth(ds, jdsim::plan_host(ds.params().seed, ds.firm_model()));
    const delivered d = collect(ds);
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> counted;  // account -> (movements, sum)
    for (const auto& [key, st] : d.first) {
        auto& c = counted[st.account];
        for (const auto& m : st.movements) {
            ++c.first;
            c.second += m.amount;
        }
    }
    std::int64_t total = 0;
    for (const auto& r : truth.at("ribs").as_array()) {
        const std::string key(r.at("rib_key").as_string());
        BOOST_REQUIRE(counted.count(key));
        BOOST_TEST(r.at("movements").as_int64() == counted[key].first, key);
        BOOST_TEST(r.at("sum_minor").as_int64() == counted[key].second, key);
        total += r.at("movements").as_int64();
    }
    BOOST_TEST(truth.at("ribs").as_array().size() == counted.size());
    BOOST_TEST(truth.at("movements_total").as_int64() == total);
    BOOST_TEST(d.repeated > 0u);  // overlaps and re-deliveries exist, and did not count twice
}

BOOST_AUTO_TEST_CASE(planned_edge_cases_are_present) {
    const auto& ds = mid_dataset();
    std::set<jdsim::piece_kind> kinds;
    std::set<jdsim::line_ending> endings;
    bool no_final_separator = false, several_accounts = false, twins = false, quiet_day = false;
    for (const auto& p : ds.pieces()) {
        kinds.insert(p.kind);
        const std::string bytes = piece_bytes(ds, p);
        if (p.kind == jdsim::piece_kind::empty) {
            BOOST_TEST(bytes.empty());
            continue;
        }
        endings.insert(p.ending);
        if (p.ending != jdsim::line_ending::none && !p.final_separator) {
            no_final_separator = true;
            BOOST_TEST(bytes.back() != '\n');
        }
        std::set<std::string> accounts;
        for (const auto& st : jdsim_test::read_statements(bytes)) {
            accounts.insert(st.account);
            if (st.movements.empty()) quiet_day = true;
            for (std::size_t i = 1; i < st.movements.size(); ++i)
                if (st.movements[i] == st.movements[i - 1]) twins = true;
        }
        if (accounts.size() > 1) several_accounts = true;
    }
    BOOST_TEST(kinds.size() == 5u);
    BOOST_TEST(endings.size() == 3u);
    BOOST_TEST(no_final_separator);
    BOOST_TEST(several_accounts);
    BOOST_TEST(twins);
    BOOST_TEST(quiet_day);

    const auto& f = ds.firm_model();
    BOOST_TEST(std::any_of(f.ribs.begin(), f.ribs.end(), [](const auto& r) { return r.dossier < 0; }));
    BOOST_TEST(std::any_of(f.ribs.begin(), f.ribs.end(), [](const auto& r) { return r.currency == "XPF" && r.decimals == 0; }));
    BOOST_TEST(std::any_of(f.dossiers.begin(), f.dossiers.end(), [](const auto& d) { return d.comptes.size() > 1 || d.comptes[0] == 1; }));
}

BOOST_AUTO_TEST_CASE(overlapping_pieces_repeat_earlier_statements_exactly) {
    const auto& ds = mid_dataset();
    std::size_t checked = 0;
    for (const auto& p : ds.pieces()) {
        if (p.kind != jdsim::piece_kind::daily_with_overlap && p.kind != jdsim::piece_kind::redelivery) continue;
        // The daily piece of the same group and day holds the same statements.
        const auto& same_compte = ds.pieces_of(p.compte);
        for (const auto& q : same_compte) {
            if (q.group != p.group || q.kind != jdsim::piece_kind::daily) continue;
            const int wanted = p.kind == jdsim::piece_kind::redelivery ? p.day : p.day - 1;
            if (q.day != wanted) continue;
            const auto original = jdsim_test::read_statements(piece_bytes(ds, q));
            const auto again = jdsim_test::read_statements(piece_bytes(ds, p));
            for (const auto& st : original)
                BOOST_TEST((std::find(again.begin(), again.end(), st) != again.end()));
            ++checked;
        }
    }
    BOOST_TEST(checked > 0u);
}

BOOST_AUTO_TEST_CASE(names_look_french_and_include_the_quirks) {
    const auto ds = jdsim::dataset(params(3, 400, 1));
    bool ampersand = false, et = false, apostrophe = false, accent = false, before = false, after = false;
    std::set<std::string> names;
    for (const auto& d : ds.firm_model().dossiers) {
        names.insert(d.rs);
        ampersand |= d.rs.find(" & ") != std::string::npos;
        et |= d.rs.find(" ET ") != std::string::npos;
        apostrophe |= d.rs.find('\'') != std::string::npos;
        accent |= jdsim::has_accent(d.rs);
        before |= d.name.position == jdsim::form_position::before;
        after |= d.name.position == jdsim::form_position::after;
    }
    BOOST_TEST(ampersand);
    BOOST_TEST(et);
    BOOST_TEST(apostrophe);
    BOOST_TEST(accent);
    BOOST_TEST(before);
    BOOST_TEST(after);
    BOOST_TEST(names.count("SAS ALPHA"));
    BOOST_TEST(names.count("SAS ALPHA 2"));
    BOOST_TEST(names.size() == ds.firm_model().dossiers.size() - 1);  // one exact duplicate pair
}

BOOST_AUTO_TEST_CASE(host_seed_has_the_planned_variants) {
    const auto& ds = mid_dataset();
    const auto& f = ds.firm_model();
    const auto host = jdsim::plan_host(ds.params().seed, f);
    const auto j = host.to_json();

    std::set<std::string> users;
    for (const auto& u : j.at("users").as_array()) users.insert(std::string(u.at("id").as_string()));
    BOOST_TEST((users == std::set<std::string>{"admin", "config_only", "admin_only", "nobody"}));
    const auto& admin = j.at("users").as_array()[0].as_object();
    BOOST_TEST(admin.at("company_rights").as_array().size() == host.companies.size());
    BOOST_TEST(admin.at("rights").as_array().size() == 2u);

    std::map<jdsim::link_kind, int> kinds;
    for (auto k : host.dossier_link) ++kinds[k];
    BOOST_TEST(kinds[jdsim::link_kind::exact] > kinds[jdsim::link_kind::proposed]);
    BOOST_TEST(kinds[jdsim::link_kind::proposed] > 0);
    BOOST_TEST(kinds[jdsim::link_kind::siren_only] > 0);
    BOOST_TEST(kinds[jdsim::link_kind::no_company] > 0);
    BOOST_TEST(kinds[jdsim::link_kind::ambiguous] == 2);

    std::set<std::uint64_t> company_ids, account_ids;
    std::set<std::string> ribs_ibans;
    for (const auto& r : f.ribs) ribs_ibans.insert(r.iban);
    bool unknown_account = false, company_without_dossier = false;
    for (const auto& c : host.companies) {
        BOOST_TEST(company_ids.insert(c.id).second);
        BOOST_TEST(jdsim::siren_valid(c.siren));
        BOOST_TEST(jdsim::siret_valid(c.siret));
        if (c.dossier < 0) company_without_dossier = true;
        for (const auto& a : c.bank_accounts) {
            BOOST_TEST(account_ids.insert(a.id).second);
            BOOST_TEST(jdsim::iban_valid(a.iban));
            if (!ribs_ibans.count(a.iban)) unknown_account = true;
        }
        if (c.dossier >= 0) {
            const auto& d = f.dossiers[static_cast<std::size_t>(c.dossier)];
            const auto link = host.dossier_link[static_cast<std::size_t>(c.dossier)];
            if (link == jdsim::link_kind::exact || link == jdsim::link_kind::ambiguous) BOOST_TEST(c.legal_name == d.rs);
            if (link == jdsim::link_kind::proposed) {
                BOOST_TEST(c.legal_name != d.rs);
                BOOST_TEST(c.siren == d.siren);
            }
            if (link == jdsim::link_kind::siren_only) BOOST_TEST(c.siren == d.siren);
        }
    }
    BOOST_TEST(company_without_dossier);
    BOOST_TEST(unknown_account);
    // Some RIBs of linked dossiers have no bank account in the host.
    std::size_t missing = 0;
    for (std::size_t di = 0; di < f.dossiers.size(); ++di) {
        const auto ci = host.dossier_company[di];
        if (ci < 0) continue;
        for (auto rib : f.dossiers[di].ribs)
            if (!host.account_for_rib(static_cast<std::size_t>(ci), rib)) ++missing;
    }
    BOOST_TEST(missing > 0u);
}

BOOST_AUTO_TEST_CASE(dataset_description_round_trips) {
    const auto& ds = mid_dataset();
    const auto path = std::filesystem::temp_directory_path() / ("jdsim-dataset-" + std::to_string(::getpid()) + ".json");
    {
        std::ofstream out(path);
        out << boost::json::serialize(ds.describe());
    }
    const auto p = jdsim::dataset::read_description(path);
    std::filesystem::remove(path);
    BOOST_TEST(p.seed == ds.params().seed);
    BOOST_TEST(p.dossiers == ds.params().dossiers);
    BOOST_TEST(p.days == ds.params().days);
    BOOST_TEST((p.end_date == ds.params().end_date));
    BOOST_REQUIRE_EQUAL(p.comptes.size(), ds.params().comptes.size());
    BOOST_TEST(p.comptes[1].password == ds.params().comptes[1].password);
    BOOST_TEST(!p.comptes[2].gestion_id.has_value());
}

BOOST_AUTO_TEST_CASE(benchmark_scale_plan) {
    // 1,000 dossiers and 60 days: about 10,000 pieces and 1,000,000 movements (plan and truth only).
    const jdsim::dataset ds(params(1, 1000, 60));
    const auto truth = jdsim::build_truth(ds, jdsim::plan_host(1, ds.firm_model()));
    BOOST_TEST(ds.firm_model().ribs.size() == 1500u);
    BOOST_TEST(ds.pieces().size() > 9000u);
    BOOST_TEST(ds.pieces().size() < 12000u);
    BOOST_TEST(truth.at("movements_total").as_int64() > 850000);
    BOOST_TEST(truth.at("movements_total").as_int64() < 1200000);
}

BOOST_AUTO_TEST_SUITE_END()
