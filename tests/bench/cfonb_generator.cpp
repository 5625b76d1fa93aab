#include "cfonb_generator.hpp"

#include <array>
#include <cstring>
#include <string>
#include <vector>

namespace jd::bench {
namespace {

// A small deterministic generator (splitmix64): the same options give the same bytes on every machine.
class random_source {
public:
    explicit random_source(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }

private:
    std::uint64_t state_;
};

struct account {
    std::string bank;
    std::string branch;
    std::string number;
    std::int64_t balance = 0;
};

struct day {
    int d, m, y;
};

day date_of(std::uint32_t days_since_2020) {
    int y = 2020;
    int m = 1;
    auto left = static_cast<int>(days_since_2020);
    static constexpr std::array<int, 12> lengths{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (;;) {
        const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        const int in_month = m == 2 && leap ? 29 : lengths[static_cast<std::size_t>(m - 1)];
        if (left < in_month) {
            return {left + 1, m, y};
        }
        left -= in_month;
        if (++m > 12) {
            m = 1;
            ++y;
        }
    }
}

class record_writer {
public:
    record_writer(line_ending ending, const std::function<void(std::string_view)>& sink) : ending_(ending), sink_(sink) {
        buffer_.reserve(capacity + 256);
    }
    ~record_writer() = default;

    char* begin() {
        record_.fill(' ');
        return record_.data();
    }
    void end() {
        buffer_.append(record_.data(), record_.size());
        if (ending_ == line_ending::crlf) {
            buffer_.append("\r\n");
        } else if (ending_ == line_ending::lf) {
            buffer_.push_back('\n');
        }
        ++records_;
        if (buffer_.size() >= capacity) {
            flush();
        }
    }
    void flush() {
        if (!buffer_.empty()) {
            bytes_ += buffer_.size();
            sink_(buffer_);
            buffer_.clear();
        }
    }
    [[nodiscard]] std::uint64_t bytes() const { return bytes_; }
    [[nodiscard]] std::uint64_t records() const { return records_; }

private:
    static constexpr std::size_t capacity = 1 << 20;
    line_ending ending_;
    const std::function<void(std::string_view)>& sink_;
    std::string buffer_;
    std::array<char, 120> record_{};
    std::uint64_t bytes_ = 0;
    std::uint64_t records_ = 0;
};

void put(char* record, int position, std::string_view text) {
    std::memcpy(record + position - 1, text.data(), text.size());
}

void put_number(char* record, int position, int width, std::uint64_t value) {
    for (int i = width - 1; i >= 0; --i) {
        record[position - 1 + i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

void put_date(char* record, int position, day d) {
    put_number(record, position, 2, static_cast<std::uint64_t>(d.d));
    put_number(record, position + 2, 2, static_cast<std::uint64_t>(d.m));
    put_number(record, position + 4, 2, static_cast<std::uint64_t>(d.y % 100));
}

void put_amount(char* record, std::int64_t value) {
    const std::uint64_t magnitude = value < 0 ? static_cast<std::uint64_t>(-value) : static_cast<std::uint64_t>(value);
    put_number(record, 91, 13, magnitude / 10);
    record[103] = (value < 0 ? "}JKLMNOPQR" : "{ABCDEFGHI")[magnitude % 10];
}

void put_header(char* record, const char* code, const account& a, std::string_view internal_code) {
    put(record, 1, code);
    put(record, 3, a.bank);
    put(record, 8, internal_code);
    put(record, 12, a.branch);
    put(record, 17, "EUR2");
    put(record, 22, a.number);
}

constexpr std::array<std::string_view, 12> payees{
    "SARL DUPONT ET FILS", "ORANGE SA", "URSSAF ILE DE FRANCE", "DGFIP IMPOTS", "SNCF VOYAGEURS",
    "BOULANGERIE MARTIN", "SOCI\xC9T\xC9 G\xC9N\xC9RALE LEASING", "EDF ENTREPRISES", "AMAZON EU SARL",
    "CAF\xC9 DE LA GARE", "CABINET EXPERTISE COMPTABLE", "LOYER BUREAUX PARIS 11",
};
constexpr std::array<std::string_view, 8> labels{
    "VIR SEPA RECU", "PRLV SEPA", "CB CARTE 4974", "VIR SEPA EMIS", "REMISE CHEQUES", "COMMISSION", "RETRAIT DAB",
    "FACTURE CARTE",
};
constexpr std::array<std::string_view, 8> codes{"05", "B1", "11", "06", "02", "62", "29", "28"};

} // namespace

generated_file generate_cfonb(const generator_options& options, const std::function<void(std::string_view)>& write) {
    random_source random(options.seed);
    std::vector<account> accounts(options.accounts);
    for (std::uint32_t i = 0; i < options.accounts; ++i) {
        accounts[i].bank = i % 2 == 0 ? "30003" : "30004";
        accounts[i].branch = std::to_string(10000 + i * 37).substr(0, 5);
        accounts[i].number = std::to_string(51000000000ULL + i * 1234567ULL);
        // Start balances are fixed per account (not drawn), so that a file starting later still chains.
        accounts[i].balance = static_cast<std::int64_t>(1'000'000 + i * 1'234'567);
    }
    record_writer out(options.ending, write);
    generated_file result;
    const std::uint64_t per_statement = options.movements / options.statements;
    const std::uint64_t with_one_more = options.movements % options.statements;
    std::uint64_t movement_index = 0;
    const std::uint32_t last = options.first_statement + options.statements;
    for (std::uint32_t s = 0; s < last; ++s) {
        account& a = accounts[s % options.accounts];
        const std::uint32_t day_number = s / options.accounts;
        const day opening_day = date_of(day_number);
        const day today = date_of(day_number + 1);
        const std::uint64_t count = per_statement + (s % options.statements < with_one_more ? 1 : 0);
        // Each statement draws from its own stream so that overlapping files agree on shared days.
        random_source r(options.seed ^ (0x100000001B3ULL * (s + 1)));
        const bool emit = s >= options.first_statement;

        if (emit) {
            char* rec = out.begin();
            put_header(rec, "01", a, "    ");
            put_date(rec, 35, opening_day);
            put_amount(rec, a.balance);
            out.end();
        }
        for (std::uint64_t k = 0; k < count; ++k, ++movement_index) {
            const std::size_t kind = static_cast<std::size_t>(r.below(labels.size()));
            const bool credit = kind == 0 || kind == 4;
            const auto magnitude = static_cast<std::int64_t>(100 + r.below(2'500'000));
            const std::int64_t amount = credit ? magnitude : -magnitude;
            a.balance += amount;
            if (!emit) {
                continue;
            }
            const std::string_view payee = payees[static_cast<std::size_t>(r.below(payees.size()))];
            const std::uint64_t reference = r.next() % 10'000'000;
            char* rec = out.begin();
            put_header(rec, "04", a, "0005");
            rec[20] = 'E';
            put(rec, 33, codes[kind]);
            put_date(rec, 35, today);
            put_date(rec, 43, date_of(day_number + (k % 3 == 0 ? 0 : 1)));
            std::string label(labels[kind]);
            label += ' ';
            label += payee.substr(0, std::min<std::size_t>(payee.size(), 31 - label.size()));
            put(rec, 49, label.substr(0, 31));
            put_number(rec, 82, 7, reference);
            put(rec, 89, "0 ");
            put_amount(rec, amount);
            put(rec, 105, "REF" + std::to_string(reference));
            out.end();

            rec = out.begin();
            put_header(rec, "05", a, "0005");
            put(rec, 33, codes[kind]);
            put_date(rec, 35, today);
            put(rec, 46, "LIB");
            put(rec, 49, "FACTURE F" + std::to_string(100000 + reference % 900000) + " DU " + std::to_string(1 + k % 28) +
                             "/" + std::to_string(today.m) + " " + std::string(payee.substr(0, 20)));
            out.end();

            rec = out.begin();
            put_header(rec, "05", a, "0005");
            put(rec, 33, codes[kind]);
            put_date(rec, 35, today);
            put(rec, 46, "NPY");
            put(rec, 49, payee);
            out.end();
            result.complements += 2;

            const bool extra = (movement_index * options.extra_complements) / options.movements !=
                               ((movement_index + 1) * options.extra_complements) / options.movements;
            if (extra) {
                rec = out.begin();
                put_header(rec, "05", a, "0005");
                put(rec, 33, codes[kind]);
                put_date(rec, 35, today);
                put(rec, 46, "RCN");
                put(rec, 49, "E2E-" + std::to_string(r.next() % 100000000000ULL));
                put(rec, 84, "SUPP");
                out.end();
                ++result.complements;
            }
            ++result.movements;
        }
        if (emit) {
            char* rec = out.begin();
            put_header(rec, "07", a, "    ");
            put_date(rec, 35, today);
            put_amount(rec, a.balance);
            out.end();
            ++result.statements;
        }
    }
    out.flush();
    result.bytes = out.bytes();
    result.records = out.records();
    return result;
}

} // namespace jd::bench
