#include "jd/statement/parser.hpp"

#include "jd/statement/amount.hpp"
#include "jd/statement/bank_account.hpp"
#include "jd/statement/identity.hpp"
#include "jd/statement/occurrence_counter.hpp"
#include "jd/statement/record_splitter.hpp"
#include "jd/statement/text.hpp"
#include "kept_record.hpp"
#include "line_scan.hpp"

#include <algorithm>
#include <bit>
#include <array>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace jd::statement {
namespace {

// 1-based CFONB positions of the fields (as the tables count them) and their lengths.
struct field_span {
    std::size_t position;
    std::size_t length;
    record_field field;
    [[nodiscard]] constexpr std::size_t at() const noexcept { return position - 1; }
};
constexpr field_span f_bank{3, 5, record_field::bank};
constexpr field_span f_internal_code{8, 4, record_field::internal_code};
constexpr field_span f_branch{12, 5, record_field::branch};
constexpr field_span f_currency{17, 3, record_field::currency};
constexpr field_span f_decimals{20, 1, record_field::decimals};
constexpr field_span f_account{22, 11, record_field::account};
constexpr field_span f_operation_code{33, 2, record_field::operation_code};
constexpr field_span f_date{35, 6, record_field::booking_date};
constexpr field_span f_balance_date{35, 6, record_field::balance_date};
constexpr field_span f_reject_code{41, 2, record_field::reject_code};
constexpr field_span f_value_date{43, 6, record_field::value_date};
constexpr field_span f_label{49, 31, record_field::label};
constexpr field_span f_entry_number{82, 7, record_field::entry_number};
constexpr field_span f_exemption{89, 1, record_field::none};
constexpr field_span f_unavailability{90, 1, record_field::none};
constexpr field_span f_amount{91, 14, record_field::amount};
constexpr field_span f_reference{105, 16, record_field::reference};
constexpr field_span f_complement_reserved{41, 5, record_field::complement};
constexpr field_span f_qualifier{46, 3, record_field::qualifier};
constexpr field_span f_zone{49, 70, record_field::complement};
constexpr field_span f_zone_first{49, 35, record_field::complement};
constexpr field_span f_zone_second{84, 35, record_field::complement};
constexpr field_span f_legacy_text{41, 41, record_field::complement};
constexpr field_span f_legacy_rest{82, 39, record_field::complement};

constexpr bool is_filler(char c) noexcept { return c == ' ' || c == '\0' || c == '\t'; }

bool all_digits(const char* p, std::size_t n) noexcept {
    for (std::size_t i = 0; i < n; ++i) {
        if (static_cast<unsigned>(static_cast<unsigned char>(p[i]) - '0') > 9) {
            return false;
        }
    }
    return true;
}

std::int64_t digits_value(const char* p, std::size_t n) noexcept {
    std::int64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

__extension__ typedef __int128 wide_int;

wide_int pow10_wide(int n) noexcept {
    wide_int v = 1;
    for (int i = 0; i < n; ++i) {
        v *= 10;
    }
    return v;
}

std::int64_t clamp_to_int64(wide_int v) noexcept {
    constexpr auto max = static_cast<wide_int>(INT64_MAX);
    constexpr auto min = static_cast<wide_int>(INT64_MIN);
    return static_cast<std::int64_t>(v > max ? max : v < min ? min : v);
}

struct account_state {
    bool has_closing = false;
    bool chain_unknown = false;
    wide_int closing_scaled = 0; ///< at scale closing_decimals
    int closing_decimals = 2;
};

// Where a record is, to report problems about it after the fact.
struct record_place {
    std::uint64_t line = 0;
    std::uint64_t offset = 0;
    std::uint64_t index = 0;
};

} // namespace

struct parser::impl final : record_sink {
    impl(parse_options opts, statement_handler on_st, diagnostic_handler on_diag)
        : options(opts), on_statement(std::move(on_st)), on_diagnostic_cb(std::move(on_diag)),
          occurrences(opts.max_occurrence_entries), hasher(opts.hash_engine) {}

    parse_options options;
    statement_handler on_statement;
    diagnostic_handler on_diagnostic_cb;
    record_splitter splitter{*this};
    parse_summary summary;
    bool stopped = false;
    bool finished = false;
    bool detected = false;
    bool fatal_seen = false;
    std::string sniff;
    std::uint64_t usable_records = 0;
    std::uint64_t bytes_fed = 0;

    // The open statement.
    bank_statement st;
    bool open = false;
    record_place opening_place;
    record_place closing_place;
    bool closing_seen = false;
    std::array<std::uint64_t, 4> key{}; // bank, branch and account bytes of the 01 (see account_key)
    std::string key_display;        // "bank branch account" for messages
    std::string_view currency_view; // the statement's currency, stored in its arena
    bool currency_pending = false;  // the 01 left it blank
    bool have_movement = false;
    bool skipping_complements = false;
    std::vector<std::uint32_t> replaced_dates; // movements whose booking date must come from the statement

    std::unordered_map<std::string, std::uint32_t> account_index;
    std::vector<account_state> accounts;
    occurrence_counter occurrences;
    identity_hasher hasher;
    std::vector<sha256_digest> digests;
    movement scratch_movement;
    complement scratch_complement;
    std::string account_key_buffer;

    // ---- diagnostics -------------------------------------------------------------------------------
    void emit(diagnostic&& d) {
        if (stopped) {
            return;
        }
        ++summary.diagnostics[static_cast<std::size_t>(d.level)];
        if (d.level == severity::fatal) {
            fatal_seen = true;
            stopped = true;
        } else if (options.mode == parse_mode::strict && d.level != severity::info) {
            stopped = true;
        }
        if (on_diagnostic_cb) {
            on_diagnostic_cb(d);
        }
    }

    void on_diagnostic(diagnostic&& d) override { emit(std::move(d)); }

    diagnostic make(diagnostic_code code, const raw_record& r, const field_span& f) const {
        diagnostic d;
        d.code = code;
        d.level = default_severity(code);
        d.line = r.line;
        d.offset = r.offset + (f.position > 0 ? f.at() : 0);
        d.record = r.index;
        d.record_type = decode_text(std::string_view(r.data, 2));
        d.field = f.field;
        d.position = static_cast<std::uint16_t>(f.position);
        return d;
    }

    diagnostic make_at(diagnostic_code code, const record_place& place, std::string_view type, const field_span* f) const {
        diagnostic d;
        d.code = code;
        d.level = default_severity(code);
        d.line = place.line;
        d.offset = place.offset + (f != nullptr ? f->at() : 0);
        d.record = place.index;
        d.record_type = std::string(type);
        if (f != nullptr) {
            d.field = f->field;
            d.position = static_cast<std::uint16_t>(f->position);
        }
        return d;
    }

    void report(diagnostic_code code, const raw_record& r, const field_span& f, std::string value = {},
                std::string expected = {}) {
        if (stopped) {
            return;
        }
        diagnostic d = make(code, r, f);
        d.value = std::move(value);
        d.expected = std::move(expected);
        emit(std::move(d));
    }

    // ---- field reading -----------------------------------------------------------------------------
    static std::string raw_text(const raw_record& r, const field_span& f) {
        return decode_text(std::string_view(r.data + f.at(), f.length));
    }

    /// The field, trimmed and decoded, stored in the statement's arena.
    std::string_view text(const char* p, std::size_t n) {
        const std::string_view field = trim(std::string_view(p, n));
        if (field.empty()) {
            return {};
        }
        text_arena& arena = st.arena();
        char* out = arena.reserve(field.size() * max_utf8_growth);
        return arena.commit(decode_text(field.data(), field.size(), out));
    }
    std::string_view text(const raw_record& r, const field_span& f) { return text(r.data + f.at(), f.length); }

    using kept_record = detail::kept_record;
    template <std::size_t Size>
    kept_record keep(const char* data) {
        return detail::keep_in_arena<Size>(st.arena(), data);
    }
    /// A field of a kept record: trimmed, decoded to UTF-8 when it is not ASCII.
    std::string_view field(const kept_record& k, std::size_t at, std::size_t length) {
        const std::string_view value = k.trimmed(at, length);
        if (k.ascii || is_ascii(value.data(), value.size())) [[likely]] {
            return value;
        }
        return text(value.data(), value.size());
    }
    std::string_view field(const kept_record& k, const field_span& f) { return field(k, f.at(), f.length); }

    static std::string account_display(const char* d) {
        std::string s = decode_text(std::string_view(d + f_bank.at(), f_bank.length));
        s += ' ';
        s += decode_text(std::string_view(d + f_branch.at(), f_branch.length));
        s += ' ';
        s += decode_text(std::string_view(d + f_account.at(), f_account.length));
        return s;
    }

    // Bytes 3-10, 12-19, 22-29 and 25-32 (1-based) of a record: bank, branch and account with their neighbours,
    // compared under a mask (the loads stay inside the 120-byte record).
    static std::array<std::uint64_t, 4> account_key(const char* d) noexcept {
        std::uint64_t bank;
        std::uint64_t branch;
        std::uint64_t account_low;
        std::uint64_t account_high;
        std::memcpy(&bank, d + f_bank.at(), 8);
        std::memcpy(&branch, d + f_branch.at(), 8);
        std::memcpy(&account_low, d + f_account.at(), 8);
        std::memcpy(&account_high, d + f_account.at() + 3, 8);
        constexpr std::uint64_t five_bytes =
            std::endian::native == std::endian::little ? 0xFFFFFFFFFFULL : 0xFFFFFFFFFF000000ULL; // the first five bytes
        return {bank & five_bytes, branch & five_bytes, account_low, account_high};
    }

    bool same_account(const char* d) const noexcept {
        const std::array<std::uint64_t, 4> k = account_key(d);
        return ((k[0] ^ key[0]) | (k[1] ^ key[1]) | (k[2] ^ key[2]) | (k[3] ^ key[3])) == 0;
    }


    void check_account(const raw_record& r) {
        if (!same_account(r.data)) [[unlikely]] {
            report(diagnostic_code::account_mismatch, r, f_bank, account_display(r.data), key_display);
        }
    }

    /// The number of decimals at position 20 (2 when blank or unreadable, with a diagnostic).
    int read_decimals(const raw_record& r) {
        const char c = r.data[f_decimals.at()];
        if (c >= '0' && c <= '9') [[likely]] {
            return c - '0';
        }
        if (c == ' ') {
            report(diagnostic_code::blank_decimals, r, f_decimals);
        } else {
            report(diagnostic_code::invalid_decimals, r, f_decimals, raw_text(r, f_decimals));
        }
        return 2;
    }

    /// The currency of a 04/07: the statement's when blank; adopted by the statement when it had none.
    std::string_view read_currency(const raw_record& r) {
        const char* c = r.data + f_currency.at();
        const bool blank = is_filler(c[0]) && is_filler(c[1]) && is_filler(c[2]);
        if (!currency_view.empty() && !blank && std::memcmp(c, currency_view.data(), 3) == 0 &&
            currency_view.size() == 3) [[likely]] {
            return currency_view;
        }
        if (blank) {
            if (!currency_view.empty()) {
                report(diagnostic_code::currency_inherited, r, f_currency, {}, std::string(currency_view));
            }
            return currency_view; // may be empty: settled when the statement closes
        }
        const std::string_view value = text(r, f_currency);
        if (currency_view.empty()) {
            adopt_currency(value);
            return currency_view;
        }
        report(diagnostic_code::currency_mismatch, r, f_currency, std::string(value), std::string(currency_view));
        return value;
    }

    void adopt_currency(std::string_view value) {
        st.currency = std::string(value);
        currency_view = value;
        if (currency_pending) {
            currency_pending = false;
            diagnostic d = make_at(diagnostic_code::currency_inherited, opening_place, "01", &f_currency);
            d.expected = std::string(value);
            emit(std::move(d));
        }
    }

    std::optional<balance> read_balance(const raw_record& r, int& decimals) {
        decimals = read_decimals(r);
        const parsed_date pd = parse_jjmmaa(r.data + f_balance_date.at());
        if (pd.status == date_status::blank) {
            report(diagnostic_code::blank_date, r, f_balance_date);
        } else if (pd.status == date_status::invalid) {
            report(diagnostic_code::invalid_date, r, f_balance_date, raw_text(r, f_balance_date));
        }
        const parsed_amount amount = decode_amount(r.data + f_amount.at());
        if (amount.status != amount_status::ok) {
            report(diagnostic_code::invalid_amount, r, f_amount, raw_text(r, f_amount));
            return std::nullopt;
        }
        return balance{pd.date, amount.minor, decimals, r.line};
    }

    // ---- records -----------------------------------------------------------------------------------
    void on_record(const raw_record& r) override {
        if (stopped) {
            return;
        }
        const char* d = r.data;
        if (d[0] == '0') [[likely]] {
            switch (d[1]) {
            case '5': ++usable_records; on_complement(r); return;
            case '4': ++usable_records; on_movement(r); return;
            case '1': ++usable_records; on_opening(r); return;
            case '7': ++usable_records; on_closing(r); return;
            default: break;
            }
        }
        report(diagnostic_code::unknown_record_code, r, field_span{1, 2, record_field::record_code},
               decode_text(std::string_view(d, 2)));
        if (open) {
            ++st.skipped_records;
        }
    }

    void on_opening(const raw_record& r) {
        if (open) {
            diagnostic d = make(diagnostic_code::statement_not_closed, r, field_span{1, 2, record_field::record_code});
            d.value = key_display;
            d.number = static_cast<std::int64_t>(opening_place.line);
            emit(std::move(d));
            finish_statement();
            if (stopped) {
                return;
            }
        }
        const char* d = r.data;
        st.clear();
        open = true;
        have_movement = false;
        skipping_complements = false;
        replaced_dates.clear();
        opening_place = {r.line, r.offset, r.index};
        st.first_line = r.line;
        st.last_line = r.line;
        st.first_offset = r.offset;
        key = account_key(d);
        key_display = account_display(d);
        st.bank = std::string(text(r, f_bank));
        st.branch = std::string(text(r, f_branch));
        st.account = std::string(text(r, f_account));
        const std::string_view currency = text(r, f_currency);
        currency_view = currency;
        st.currency = std::string(currency);
        currency_pending = currency.empty();
        closing_seen = false;
        st.opening = read_balance(r, st.decimals);
    }

    void on_closing(const raw_record& r) {
        if (!open) {
            report(diagnostic_code::record_outside_statement, r, field_span{1, 2, record_field::record_code});
            return;
        }
        check_account(r);
        read_currency(r);
        closing_seen = true;
        closing_place = {r.line, r.offset, r.index};
        int decimals = 2;
        st.closing = read_balance(r, decimals);
        st.last_line = r.line;
        finish_statement();
    }

    void on_movement(const raw_record& r) {
        if (!open) {
            report(diagnostic_code::record_outside_statement, r, field_span{1, 2, record_field::record_code});
            skipping_complements = true;
            return;
        }
        st.last_line = r.line;
        check_account(r);
        const char* d = r.data;
        const std::string_view currency = read_currency(r);
        const int decimals = read_decimals(r);
        const parsed_amount amount = decode_amount(d + f_amount.at());
        if (amount.status != amount_status::ok) [[unlikely]] {
            report(diagnostic_code::invalid_amount, r, f_amount, raw_text(r, f_amount));
            ++st.skipped_records;
            have_movement = false;
            skipping_complements = true;
            return;
        }
        const parsed_date booking = parse_jjmmaa(d + f_date.at());
        if (booking.status != date_status::ok) [[unlikely]] {
            replaced_dates.push_back(static_cast<std::uint32_t>(st.movements.size()));
        }
        const parsed_date value = parse_jjmmaa(d + f_value_date.at());
        if (value.status == date_status::blank) [[unlikely]] {
            report(diagnostic_code::blank_date, r, f_value_date);
        } else if (value.status == date_status::invalid) [[unlikely]] {
            report(diagnostic_code::invalid_date, r, f_value_date, raw_text(r, f_value_date));
        }
        const kept_record k = keep<record_size>(d);
        // A reused scratch movement whose every field is set below, then appended whole: a fresh one (or
        // emplace_back) would be zeroed first, which GCC does with `rep stos`, slow for a struct this size.
        movement& m = scratch_movement;
        m.id = {};
        m.occurrence = 1;
        m.complements = {};
        m.complement_count = 0;
        m.currency = currency;
        m.decimals = decimals;
        m.amount_minor = amount.minor;
        m.booking_date = booking.date;
        m.value_date = value.date;
        m.operation_code = field(k, f_operation_code);
        m.internal_code = field(k, f_internal_code);
        m.reject_code = field(k, f_reject_code);
        m.label = field(k, f_label);
        m.label_fold = k.ascii ? static_cast<std::uint8_t>(k.has_blanks_to_fold(m.label)) : complement::fold_unknown;
        m.entry_number = field(k, f_entry_number);
        m.exemption = field(k, f_exemption);
        m.unavailability = field(k, f_unavailability);
        m.reference = field(k, f_reference);
        m.line = r.line;
        m.offset = r.offset;
        m.record = r.index;
        m.first_complement = static_cast<std::uint32_t>(st.complement_storage().size());
        st.movements.push_back(m);
        have_movement = true;
        skipping_complements = false;
    }

    /// The zone cut in two parts (35 + 35, or 41 + 39 for the legacy layout), `raw` covering both.
    void split_zone(complement& c, const char* d, const field_span& first, const field_span& second) {
        const std::size_t size = first.length + second.length;
        const kept_record k = size == 70 ? keep<70>(d + first.at()) : keep<80>(d + first.at());
        if (k.ascii) [[likely]] {
            c.raw = std::string_view(k.data, size);
            c.text = k.trimmed(0, first.length);
            c.second = k.trimmed(first.length, second.length);
            c.fold = static_cast<std::uint8_t>(static_cast<unsigned>(k.has_blanks_to_fold(c.text)) |
                                               static_cast<unsigned>(k.has_blanks_to_fold(c.second)) << 1);
            return;
        }
        // Decode each part on its own so that a multi-byte character does not move the cut.
        text_arena& arena = st.arena();
        char* out = arena.reserve(size * max_utf8_growth);
        const std::size_t n1 = decode_text(k.data, first.length, out);
        const std::size_t n2 = decode_text(k.data + first.length, second.length, out + n1);
        c.raw = arena.commit(n1 + n2);
        c.text = trim(c.raw.substr(0, n1));
        c.second = trim(c.raw.substr(n1));
    }

    /// The whole 70-character zone as one text.
    void whole_zone(complement& c, const char* d) {
        const kept_record k = keep<70>(d + f_zone.at());
        if (k.ascii) [[likely]] {
            c.raw = std::string_view(k.data, f_zone.length);
            c.text = k.trimmed(0, f_zone.length);
            c.fold = static_cast<std::uint8_t>(k.has_blanks_to_fold(c.text));
            return;
        }
        text_arena& arena = st.arena();
        char* out = arena.reserve(f_zone.length * max_utf8_growth);
        c.raw = arena.commit(decode_text(k.data, f_zone.length, out));
        c.text = trim(c.raw);
    }

    void on_complement(const raw_record& r) {
        if (!open) {
            report(diagnostic_code::record_outside_statement, r, field_span{1, 2, record_field::record_code});
            return;
        }
        st.last_line = r.line;
        if (skipping_complements) {
            report(diagnostic_code::complement_of_skipped_movement, r, field_span{1, 2, record_field::record_code});
            ++st.skipped_records;
            return;
        }
        if (!have_movement) {
            report(diagnostic_code::complement_without_movement, r, field_span{1, 2, record_field::record_code});
            ++st.skipped_records;
            return;
        }
        check_account(r);
        const char* d = r.data;
        complement& c = scratch_complement; // every field set below, appended whole (see on_movement)
        c.qualifier = {};
        c.text = {};
        c.second = {};
        c.raw = {};
        c.amount.reset();
        c.rate.reset();
        c.fold = complement::fold_unknown;
        c.line = r.line;
        const char* reserved = d + f_complement_reserved.at();
        const qualifier_kind kind = classify_qualifier(d + f_qualifier.at());
        // The older layout has text from position 41 and no qualifier; a standard qualifier wins over filler
        // that some banks leave in 41-45.
        const bool reserved_blank = is_filler(reserved[0]) && is_filler(reserved[1]) && is_filler(reserved[2]) &&
                                    is_filler(reserved[3]) && is_filler(reserved[4]);
        if (!reserved_blank && (kind == qualifier_kind::unknown || kind == qualifier_kind::blank)) [[unlikely]] {
            c.kind = qualifier_kind::legacy;
            split_zone(c, d, f_legacy_text, f_legacy_rest);
            c.second = {};
            c.fold = c.fold == complement::fold_unknown ? c.fold : static_cast<std::uint8_t>(c.fold & 1U);
            report(diagnostic_code::legacy_complement, r, f_complement_reserved);
        } else {
            c.kind = kind;
            c.qualifier = standard_code(c.kind);
            if (c.kind == qualifier_kind::unknown) [[unlikely]] {
                c.qualifier = text(r, f_qualifier);
                report(diagnostic_code::unknown_qualifier, r, f_qualifier, raw_text(r, f_qualifier));
            }
            switch (layout_of(c.kind)) {
            case zone_layout::text70: whole_zone(c, d); break;
            case zone_layout::text35:
            case zone_layout::pair35:
            case zone_layout::mandate: split_zone(c, d, f_zone_first, f_zone_second); break;
            case zone_layout::amount:
                whole_zone(c, d);
                read_structured_amount(c, r);
                break;
            }
        }
        st.complement_storage().push_back(c);
        ++st.movements.back().complement_count;
    }

    // MMO: currency 49-51, decimals 52, amount 53-66, rate decimals 67-68, rate 69-79. FEE: the first three.
    void read_structured_amount(complement& c, const raw_record& r) {
        const char* z = r.data + f_zone.at();
        const bool currency_ok = std::all_of(z, z + 3, [](char ch) { return ch >= 'A' && ch <= 'Z'; });
        const bool amount_ok = currency_ok && all_digits(z + 3, 1) && all_digits(z + 4, 14);
        if (amount_ok) {
            c.amount = foreign_amount{c.raw.substr(0, 3), z[3] - '0', digits_value(z + 4, 14)};
        }
        if (c.kind == qualifier_kind::original_amount && amount_ok && all_digits(z + 18, 2) && all_digits(z + 20, 11)) {
            const auto rate_decimals = static_cast<int>(digits_value(z + 18, 2));
            if (rate_decimals <= 11) {
                c.rate = exchange_rate{rate_decimals, digits_value(z + 20, 11)};
            }
        }
        const bool complete = c.amount.has_value() && (c.kind == qualifier_kind::fee || c.rate.has_value());
        if (!complete) {
            report(diagnostic_code::unreadable_structured_zone, r, f_zone, std::string(standard_code(c.kind)));
        }
    }

    // ---- statement completion ----------------------------------------------------------------------
    std::uint32_t account_of(const bank_statement& s) {
        account_key_buffer.assign(s.rib_key);
        account_key_buffer.push_back('/');
        account_key_buffer.append(s.currency);
        const auto [it, inserted] = account_index.try_emplace(account_key_buffer, static_cast<std::uint32_t>(accounts.size()));
        if (inserted) {
            accounts.emplace_back();
        }
        return it->second;
    }

    void check_balance() {
        st.balanced = false;
        st.difference_minor = 0;
        if (!st.opening || !st.closing) {
            diagnostic d;
            if (!st.opening) {
                d = make_at(diagnostic_code::balance_unknown, opening_place, "01", &f_amount);
                d.expected = "opening";
            } else if (closing_seen) {
                d = make_at(diagnostic_code::balance_unknown, closing_place, "07", &f_amount);
                d.expected = "closing";
            } else {
                d = make_at(diagnostic_code::balance_unknown, opening_place, "01", nullptr);
                d.expected = "closing";
            }
            d.value = key_display;
            ++summary.unbalanced_statements;
            emit(std::move(d));
            return;
        }
        int scale = std::max(st.opening->decimals, st.closing->decimals);
        for (const movement& m : st.movements) {
            scale = std::max(scale, m.decimals);
        }
        wide_int total = 0;
        for (const movement& m : st.movements) {
            if (m.decimals == scale) [[likely]] {
                total += m.amount_minor;
            } else {
                total += static_cast<wide_int>(m.amount_minor) * pow10_wide(scale - m.decimals);
            }
        }
        const wide_int opening = static_cast<wide_int>(st.opening->amount_minor) * pow10_wide(scale - st.opening->decimals);
        const wide_int closing = static_cast<wide_int>(st.closing->amount_minor) * pow10_wide(scale - st.closing->decimals);
        const wide_int difference = closing - opening - total;
        st.balanced = difference == 0;
        st.difference_minor = clamp_to_int64(difference / pow10_wide(scale - std::min(scale, st.decimals)));
        if (!st.balanced) {
            ++summary.unbalanced_statements;
            diagnostic d = make_at(diagnostic_code::unbalanced_statement, closing_place, "07", &f_amount);
            d.value = key_display;
            d.number = clamp_to_int64(difference);
            d.decimals = scale;
            emit(std::move(d));
        }
    }

    void check_chain(account_state& a) {
        if (!a.has_closing && !a.chain_unknown) {
            st.chain = chain_status::first;
        } else if (a.chain_unknown || !st.opening) {
            st.chain = chain_status::unknown;
        } else {
            const int scale = std::max(a.closing_decimals, st.opening->decimals);
            const wide_int previous = a.closing_scaled * pow10_wide(scale - a.closing_decimals);
            const wide_int current = static_cast<wide_int>(st.opening->amount_minor) * pow10_wide(scale - st.opening->decimals);
            st.previous_closing_minor = clamp_to_int64(a.closing_scaled);
            if (previous == current) {
                st.chain = chain_status::continuous;
            } else {
                st.chain = chain_status::broken;
                diagnostic d = make_at(diagnostic_code::chain_break, opening_place, "01", &f_amount);
                d.value = key_display;
                d.number = clamp_to_int64(current);
                d.number2 = clamp_to_int64(previous);
                d.decimals = scale;
                emit(std::move(d));
            }
        }
        if (st.closing) {
            a.has_closing = true;
            a.chain_unknown = false;
            a.closing_scaled = st.closing->amount_minor;
            a.closing_decimals = st.closing->decimals;
        } else {
            a.has_closing = false;
            a.chain_unknown = true;
        }
    }

    void settle_booking_dates() {
        const calendar_date fallback = st.closing && st.closing->date.valid() ? st.closing->date
                                       : st.opening && st.opening->date.valid() ? st.opening->date
                                                                                : calendar_date{};
        for (const std::uint32_t i : replaced_dates) {
            movement& m = st.movements[i];
            m.booking_date = fallback;
            diagnostic d = make_at(diagnostic_code::booking_date_replaced, {m.line, m.offset, m.record}, "04", &f_date);
            d.value = fallback.valid() ? fallback.iso() : "?";
            emit(std::move(d));
        }
    }

    void compute_identities(std::uint32_t account) {
        occurrences.open_statement(account, st.opening ? st.opening->date.key() : 0);
        hasher.start_account(st.rib_key, st.currency);
        digests.resize(st.movements.size());
        hasher.digests_of_arena_texts(st.movements, st.all_complements(), digests.data());
        text_arena& arena = st.arena();
        for (std::size_t i = 0; i < st.movements.size(); ++i) {
            movement& m = st.movements[i];
            bool dropped = false;
            m.occurrence = occurrences.next(account, m.booking_date.key(), digests[i], dropped);
            char* out = arena.reserve(identity_hex_chars + 12);
            m.id = arena.commit(format_identity(digests[i], m.occurrence, out));
            if (dropped) [[unlikely]] {
                diagnostic d = make_at(diagnostic_code::occurrence_window, {m.line, m.offset, m.record}, "04", nullptr);
                d.value = m.booking_date.iso();
                emit(std::move(d));
            }
        }
    }

    void finish_statement() {
        if (st.currency.empty()) {
            adopt_currency(st.arena().store("EUR"));
        }
        for (movement& m : st.movements) {
            if (m.currency.empty()) {
                m.currency = currency_view;
            }
        }
        st.rib_key = st.bank + st.branch + st.account;
        st.rib_check_digits = rib_check_digits(st.bank, st.branch, st.account);
        st.iban = french_iban(st.bank, st.branch, st.account);
        if (!replaced_dates.empty()) {
            settle_booking_dates();
        }
        check_balance();
        const std::uint32_t account = account_of(st);
        check_chain(accounts[account]);
        compute_identities(account);
        st.link_complements();
        ++summary.statements;
        summary.movements += st.movements.size();
        if (!stopped && on_statement) {
            on_statement(st);
        }
        st.clear();
        open = false;
        have_movement = false;
        skipping_complements = false;
        currency_view = {};
    }

    // ---- input -------------------------------------------------------------------------------------
    void start(std::string_view head, bool whole_file) {
        detected = true;
        const file_format format = detect_format(head, whole_file);
        // An unrecognised start is read as CFONB 120 (its records are then reported one by one); finish()
        // sets the format back to unknown when nothing readable was found.
        summary.format = format == file_format::unknown ? file_format::cfonb120 : format;
        if (format == file_format::empty) {
            return; // reported by finish()
        }
        if (format != file_format::cfonb120 && format != file_format::unknown) {
            diagnostic d;
            d.code = diagnostic_code::not_cfonb120;
            d.level = severity::fatal;
            d.line = 1;
            d.value = std::string(format_name(format));
            emit(std::move(d));
        }
    }

    void feed_detected(std::string_view bytes) {
        if (splitter.bytes() == 0 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
            diagnostic d;
            d.code = diagnostic_code::byte_order_mark;
            d.level = default_severity(d.code);
            d.line = 1;
            emit(std::move(d));
            splitter.skip(3);
            bytes.remove_prefix(3);
        }
        splitter.feed(bytes.data(), bytes.size());
    }

    void feed(std::string_view bytes) {
        if (stopped || finished) {
            return;
        }
        bytes_fed += bytes.size();
        if (!detected) {
            if (sniff.empty() && bytes.size() >= detection_window) {
                start(bytes.substr(0, detection_window), false);
                if (!stopped) {
                    feed_detected(bytes);
                }
                return;
            }
            const std::size_t take = std::min(bytes.size(), detection_window - sniff.size());
            sniff.append(bytes.substr(0, take));
            bytes.remove_prefix(take);
            if (sniff.size() < detection_window) {
                return;
            }
            start(sniff, false);
            if (!stopped) {
                feed_detected(sniff);
            }
            sniff.clear();
            sniff.shrink_to_fit();
            if (stopped) {
                return;
            }
        }
        splitter.feed(bytes.data(), bytes.size());
    }

    void finish() {
        if (finished) {
            return;
        }
        if (!detected && !stopped) {
            start(sniff, true);
            if (!stopped) {
                feed_detected(sniff);
            }
            sniff.clear();
        }
        if (!stopped) {
            splitter.finish();
        }
        if (!stopped && open) {
            diagnostic d = make_at(diagnostic_code::statement_not_closed, opening_place, "01", nullptr);
            d.value = key_display;
            d.number = static_cast<std::int64_t>(opening_place.line);
            emit(std::move(d));
            finish_statement();
        }
        if (!stopped && usable_records == 0) {
            diagnostic d;
            const bool blank = summary.format == file_format::empty || splitter.records() == 0;
            if (summary.format == file_format::cfonb120 && !blank) {
                summary.format = file_format::unknown;
            }
            d.code = blank ? diagnostic_code::empty_file : diagnostic_code::no_records;
            d.level = severity::fatal;
            emit(std::move(d));
        }
        finished = true;
        summary.bytes = bytes_fed;
        summary.lines = splitter.lines();
        summary.records = splitter.records();
        summary.accepted = !fatal_seen && !(options.mode == parse_mode::strict && stopped) && usable_records > 0;
    }
};

parser::parser(parse_options options, statement_handler on_statement, diagnostic_handler on_diagnostic)
    : impl_(std::make_unique<impl>(options, std::move(on_statement), std::move(on_diagnostic))) {}

parser::~parser() = default;

void parser::feed(std::string_view bytes) { impl_->feed(bytes); }

void parser::finish() { impl_->finish(); }

void parser::fail_input(std::string_view reason) {
    diagnostic d;
    d.code = diagnostic_code::read_failed;
    d.level = severity::fatal;
    d.value = std::string(reason);
    impl_->emit(std::move(d));
}

bool parser::stopped() const noexcept { return impl_->stopped; }

const parse_summary& parser::summary() const noexcept { return impl_->summary; }

} // namespace jd::statement
