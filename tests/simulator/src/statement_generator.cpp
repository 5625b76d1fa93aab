#include "jdsim/statement_generator.hpp"

#include "jdsim/check_digits.hpp"
#include "jdsim/french_text.hpp"
#include "jdsim/rng.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace jdsim {
namespace {

// A fixed-width field filled left to right.
template <std::size_t N>
class field_builder {
  public:
    explicit field_builder(std::array<char, N>& f) : f_(f) { f_.fill(' '); }
    field_builder& add(std::string_view s) {
        for (char c : s) {
            if (n_ >= N) break;
            f_[n_++] = c;
        }
        return *this;
    }
    field_builder& digits(std::uint64_t v, int width) {
        char buf[24];
        for (int i = width - 1; i >= 0; --i) {
            buf[i] = static_cast<char>('0' + v % 10);
            v /= 10;
        }
        return add(std::string_view(buf, static_cast<std::size_t>(width)));
    }
    // "JJ/MM" from a JJMMAA text.
    field_builder& ddmm(const char* ddmmyy) {
        add(std::string_view(ddmmyy, 2)).add("/").add(std::string_view(ddmmyy + 2, 2));
        return *this;
    }

  private:
    std::array<char, N>& f_;
    std::size_t n_ = 0;
};

enum class kind { card, card_refund, direct_debit, transfer_in, transfer_out, cheque_paid, cheque_deposit, cash, fee, interest };

struct kind_info {
    kind k;
    int weight;
    const char* op;
    const char* internal;
    bool credit;
    std::int64_t min_cents, max_cents;  // before the account's scale
};

constexpr kind_info kinds[] = {
    {kind::card, 30, "11", "1102", false, 300, 25000},
    {kind::direct_debit, 18, "B1", "B1A0", false, 1500, 180000},
    {kind::transfer_in, 15, "05", "0558", true, 5000, 600000},
    {kind::transfer_out, 12, "06", "0612", false, 5000, 400000},
    {kind::cheque_paid, 6, "01", "0161", false, 2000, 250000},
    {kind::cheque_deposit, 5, "02", "0214", true, 3000, 350000},
    {kind::cash, 4, "29", "2930", false, 2000, 50000},
    {kind::fee, 5, "62", "6201", false, 100, 4500},
    {kind::card_refund, 3, "11", "1103", true, 500, 15000},
    {kind::interest, 2, "61", "6150", false, 100, 9000},
};

const kind_info& pick_kind(rng& r) {
    int total = 0;
    for (const auto& k : kinds) total += k.weight;
    int x = static_cast<int>(r.below(static_cast<std::uint64_t>(total)));
    for (const auto& k : kinds) {
        if (x < k.weight) return k;
        x -= k.weight;
    }
    return kinds[0];
}

// Log-uniform magnitude between min and max: many small amounts, a few large ones.
std::int64_t magnitude(rng& r, std::int64_t lo, std::int64_t hi) {
    const double f = r.unit();
    const double ratio = static_cast<double>(hi) / static_cast<double>(lo);
    return static_cast<std::int64_t>(static_cast<double>(lo) * std::pow(ratio, f));
}

void complement(cfonb_movement& m, const char* qualifier, std::string_view a, std::string_view b = {}) {
    if (m.complement_count >= m.complements.size()) return;
    cfonb_complement& c = m.complements[m.complement_count++];
    std::memcpy(c.qualifier.data(), qualifier, 3);
    c.text.fill(' ');
    // Two-part qualifiers (IBE, RCN, RUM) put their second part at position 84, i.e. text offset 35.
    for (std::size_t i = 0; i < a.size() && i < (b.empty() ? 70u : 35u); ++i) c.text[i] = a[i];
    for (std::size_t i = 0; i < b.size() && i < 35; ++i) c.text[35 + i] = b[i];
}

std::vector<std::string> latin1_list(std::initializer_list<const char*> utf8) {
    std::vector<std::string> out;
    for (const char* s : utf8) out.push_back(to_latin1(s));
    return out;
}

const std::string& town(rng& r) {
    static const std::vector<std::string> towns = latin1_list({"PARIS", "LYON", "MARSEILLE", "TOULOUSE", "NANTES",
                                                                "RENNES", "LILLE", "BORDEAUX", "ANGERS", "DIJON",
                                                                "ÉVREUX", "ORLÉANS"});
    return r.pick(towns);
}

const std::string& fee_label(rng& r) {
    static const std::vector<std::string> fees = latin1_list({"COMMISSION INTERVENTION", "FRAIS TENUE DE COMPTE",
                                                               "COTISATION CARTE BUSINESS",
                                                               "FRAIS VIREMENT INSTANTANÉ",
                                                               "ABONNEMENT BANQUE EN LIGNE"});
    return r.pick(fees);
}

}  // namespace

std::vector<date> business_days_ending(date last, int count) {
    std::vector<date> days;
    date d = last.is_business_day() ? last : last.previous_business_day();
    for (int i = 0; i < count; ++i) {
        days.push_back(d);
        d = d.previous_business_day();
    }
    std::reverse(days.begin(), days.end());
    return days;
}

statement_generator::statement_generator(std::uint64_t seed, const firm& f, std::vector<date> days)
    : seed_(seed), firm_(f), days_(std::move(days)) {
    for (const date d : days_) {
        day_texts t{};
        d.write_ddmmyy(t.today);
        d.previous_business_day().write_ddmmyy(t.before);
        for (int k = 0; k < 3; ++k) {
            d.plus_days(k - 1).write_ddmmyy(t.value[k]);
            d.plus_days(-k).write_ddmmyy(t.recent[k]);
        }
        d.plus_days(-30).write_ddmmyy(t.month_before);
        t.year = d.year();
        day_texts_.push_back(t);
    }
    for (std::size_t i = 0; i < f.dossiers.size() && i < 400; ++i) clients_.push_back(to_latin1(upper_fr(f.dossiers[i].rs)));
    for (std::size_t i = 0; clients_.size() < 40; ++i) clients_.push_back(to_latin1(upper_fr(make_company_name(seed ^ 0xC11E, i).render())));
    for (const auto& m : merchant_names()) merchants_.push_back(to_latin1(m));
    for (std::size_t i = 0; i < creditor_names().size(); ++i) {
        creditors_.push_back(to_latin1(creditor_names()[i]));
        // SEPA creditor identifier: FRkkZZZnnnnnn.
        rng r = rng_for(seed, stream::statement, 0x1C5, i);
        std::string nat;
        for (int k = 0; k < 6; ++k) nat += static_cast<char>('0' + r.below(10));
        const std::string probe = nat + "FR00";
        int rem = 0;
        for (char c : probe) rem = c >= 'A' ? (rem * 100 + (c - 'A' + 10)) % 97 : (rem * 10 + (c - '0')) % 97;
        const int check = 98 - rem;
        std::string ics = "FR";
        ics += static_cast<char>('0' + check / 10);
        ics += static_cast<char>('0' + check % 10);
        ics += "ZZZ" + nat;
        creditor_ics_.push_back(ics);
    }
}

std::int64_t statement_generator::target(std::uint32_t rib, int day) const {
    const rib_account& r = firm_.ribs[rib];
    if (day < 0) return r.base_balance;
    const std::int64_t span = 40 * r.amount_scale * static_cast<std::int64_t>(r.activity + 4);
    const std::uint64_t h = hash_of(seed_, static_cast<std::uint64_t>(stream::balance), rib, static_cast<std::uint64_t>(day));
    const std::int64_t noise = static_cast<std::int64_t>(h % static_cast<std::uint64_t>(2 * span + 1)) - span;
    return r.base_balance + noise;
}

bool statement_generator::quiet(std::uint32_t rib, int day) const {
    // Only odd days can be quiet, so the previous day is never quiet and closing() stays O(1).
    if (day <= 0 || day % 2 == 0) return false;
    const std::uint64_t h = hash_of(seed_, static_cast<std::uint64_t>(stream::quiet_day), rib, static_cast<std::uint64_t>(day));
    const double p = firm_.ribs[rib].activity < 4 ? 0.12 : 0.03;
    return static_cast<double>(h % 10000) < p * 10000;
}

std::int64_t statement_generator::closing(std::uint32_t rib, int day) const {
    if (day < 0) return target(rib, -1);
    return quiet(rib, day) ? target(rib, day - 1) : target(rib, day);
}

int statement_generator::movement_count(std::uint32_t rib, int day) const {
    if (quiet(rib, day)) return 0;
    const std::uint64_t h = hash_of(seed_, static_cast<std::uint64_t>(stream::statement), rib, static_cast<std::uint64_t>(day), 0xC0);
    const double u = 0.4 + 1.2 * static_cast<double>(h % 10001) / 10000.0;
    int n = static_cast<int>(firm_.ribs[rib].activity * u + 0.5);
    if (n < 1) n = 1;
    if (n == 1 && closing(rib, day) == opening(rib, day)) return 0;
    return n;
}

void statement_generator::movements(std::uint32_t rib, int day, std::vector<cfonb_movement>& out) const {
    const int n = movement_count(rib, day);
    if (n == 0) {
        out.clear();
        return;
    }
    const rib_account& acct = firm_.ribs[rib];
    rng r = rng_for(seed_, stream::statement, rib, static_cast<std::uint64_t>(day));
    // Every field of a movement is written below, so the reused elements need no reset.
    out.resize(static_cast<std::size_t>(n));
    const day_texts& texts = day_texts_[static_cast<std::size_t>(day)];
    const auto& recent = texts.recent;
    const char* month_before = texts.month_before;
    std::int64_t sum = 0;
    const std::int64_t diff = closing(rib, day) - opening(rib, day);

    for (int i = 0; i < n; ++i) {
        cfonb_movement& m = out[static_cast<std::size_t>(i)];
        const bool last = i == n - 1;
        // Genuine twins: the same movement twice on one day (two identical tickets, a doubled debit).
        if (!last && i > 0 && r.chance(0.03)) {
            m = out[static_cast<std::size_t>(i - 1)];
            sum += m.amount;
            continue;
        }
        m.complement_count = 0;
        const kind_info* k = &pick_kind(r);
        std::int64_t amount = 0;
        if (last) {
            amount = diff - sum;
            if (amount == 0 && n >= 2) {
                // Never a zero movement: shift one cent onto the previous movement.
                out[static_cast<std::size_t>(i - 1)].amount += 1;
                amount = -1;
            }
            k = amount >= 0 ? &kinds[2] : &kinds[3];  // a transfer settles the day
        } else {
            amount = magnitude(r, k->min_cents, k->max_cents) * acct.amount_scale / 100;
            if (amount == 0) amount = 1;
            if (!k->credit) amount = -amount;
        }
        sum += amount;
        m.amount = amount;
        std::memcpy(m.operation_code.data(), k->op, 2);
        std::memcpy(m.internal_code.data(), k->internal, 4);
        m.value_offset = static_cast<std::int8_t>(k->credit ? r.between(0, 1) : -r.between(0, 1));
        if (r.chance(0.6))
            set_field(m.entry_number, "0000000");
        else
            field_builder(m.entry_number).digits(r.below(10000000), 7);
        if (r.chance(0.5))
            m.reference.fill(' ');
        else
            field_builder(m.reference).add("REF").digits(r.below(1000000000000ULL), 12);

        field_builder label(m.label);
        switch (k->k) {
            case kind::card: {
                const std::string& who = r.pick(merchants_);
                label.add("CB ").add(std::string_view(who).substr(0, 20)).add(" ").ddmm(recent[r.below(3)]);
                break;
            }
            case kind::card_refund:
                label.add("AVOIR CB ").add(std::string_view(r.pick(merchants_)).substr(0, 21));
                break;
            case kind::direct_debit: {
                const std::size_t c = static_cast<std::size_t>(r.below(creditors_.size()));
                label.add("PRLV SEPA ").add(creditors_[c]);
                complement(m, "NBE", creditors_[c]);
                complement(m, "IBE", creditor_ics_[c], "IDENTIFIANT CREANCIER SEPA");
                std::array<char, 35> rum{};
                field_builder(rum).add("++").digits(r.below(1000000000000ULL), 12).add("-RUM");
                complement(m, "RUM", std::string_view(rum.data(), 20), "RCUR");
                break;
            }
            case kind::transfer_in: {
                const std::string& who = r.pick(clients_);
                label.add("VIR SEPA RECU /DE ").add(who);
                complement(m, "NPY", who);
                std::array<char, 70> lcc{};
                field_builder(lcc).add("FACTURE F").digits(static_cast<std::uint64_t>(texts.year), 4).add("-").digits(r.below(100000), 5);
                complement(m, "LCC", std::string_view(lcc.data(), 20));
                if (r.chance(0.5)) {
                    std::array<char, 35> e2e{};
                    field_builder(e2e).add("E2E").digits(r.below(1000000000000000ULL), 15);
                    complement(m, "RCN", std::string_view(e2e.data(), 18), "");
                }
                break;
            }
            case kind::transfer_out: {
                const bool supplier = r.chance(0.5);
                const std::string& who = supplier ? r.pick(merchants_) : r.pick(clients_);
                label.add("VIR SEPA EMIS /").add(who);
                complement(m, "NBE", who);
                std::array<char, 70> lcc{};
                field_builder(lcc).add(supplier ? "REGLEMENT FACT " : "VIREMENT ").digits(r.below(1000000), 6);
                complement(m, "LCC", std::string_view(lcc.data(), 22));
                break;
            }
            case kind::cheque_paid: {
                const std::uint64_t number = 1000000 + r.below(9000000);
                label.add("CHEQUE ").digits(number, 7);
                field_builder(m.entry_number).digits(number, 7);
                break;
            }
            case kind::cheque_deposit:
                label.add("REMISE CHEQUES ").digits(r.below(100000), 5).add(" ").digits(static_cast<std::uint64_t>(r.between(1, 12)), 2).add(" CHQ");
                break;
            case kind::cash:
                label.add("RETRAIT DAB ").ddmm(recent[0]).add(" ").add(town(r));
                break;
            case kind::fee:
                label.add(fee_label(r));
                break;
            case kind::interest:
                label.add("INTERETS DEBITEURS ").ddmm(month_before).add(" AU ").ddmm(recent[0]);
                break;
        }
    }
}

void statement_generator::write_statement(cfonb_writer& w, std::uint32_t rib, int day,
                                          std::vector<cfonb_movement>& scratch) const {
    const rib_account& acct = firm_.ribs[rib];
    const delivery_group& g = firm_.groups[acct.group];
    const day_texts& texts = day_texts_[static_cast<std::size_t>(day)];
    movements(rib, day, scratch);
    const bool banner = scratch.empty() && g.quiet_day_banner;
    constexpr std::string_view no_movement = "** PAS DE MOUVEMENT CE JOUR **";

    char tail[16];
    std::memset(tail, ' ', sizeof tail);
    if (g.period_in_tail) {
        std::memcpy(tail, texts.before, 6);
        std::memcpy(tail + 6, texts.today, 6);
    }
    w.balance('1', acct.cfonb, texts.before, opening(rib, day), banner ? no_movement : std::string_view{},
              std::string_view(tail, sizeof tail));
    for (const auto& m : scratch) w.movement(acct.cfonb, texts.today, texts.value, m);
    w.balance('7', acct.cfonb, texts.today, closing(rib, day), banner ? no_movement : std::string_view{});
}

}  // namespace jdsim
