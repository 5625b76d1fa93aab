#include "jdsim/cfonb_writer.hpp"

#include <cstring>

namespace jdsim {
namespace {

constexpr std::size_t record_length = 120;

template <std::size_t N>
void put(char* rec, std::size_t pos1, const std::array<char, N>& field) {
    std::memcpy(rec + pos1 - 1, field.data(), N);
}

void put(char* rec, std::size_t pos1, std::string_view text, std::size_t width) {
    const std::size_t n = text.size() < width ? text.size() : width;
    if (n > 0) std::memcpy(rec + pos1 - 1, text.data(), n);
}

void put_header(char* rec, const char* code, const cfonb_account& a) {
    rec[0] = code[0];
    rec[1] = code[1];
    put(rec, 3, a.bank);
    put(rec, 12, a.branch);
    put(rec, 17, a.currency);
    rec[19] = static_cast<char>('0' + a.decimals);
    put(rec, 22, a.number);
}

}  // namespace

void write_overpunch(char* out, std::int64_t amount) {
    static constexpr char positive[] = "{ABCDEFGHI";
    static constexpr char negative[] = "}JKLMNOPQR";
    const bool neg = amount < 0;
    std::uint64_t v = neg ? static_cast<std::uint64_t>(-(amount + 1)) + 1 : static_cast<std::uint64_t>(amount);
    const auto last = static_cast<std::size_t>(v % 10);
    out[13] = neg ? negative[last] : positive[last];
    v /= 10;
    for (int i = 12; i >= 0; --i) {
        out[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
}

char* cfonb_writer::begin_record() {
    const std::size_t at = out_.size();
    out_.resize(at + record_length, ' ');
    return out_.data() + at;
}

void cfonb_writer::end_record() { out_.append(separator_); }

void cfonb_writer::balance(char record_kind, const cfonb_account& acct, date day, std::int64_t amount,
                           std::string_view note, std::string_view tail) {
    char d[6];
    day.write_ddmmyy(d);
    balance(record_kind, acct, d, amount, note, tail);
}

void cfonb_writer::movement(const cfonb_account& acct, date booking, const cfonb_movement& m) {
    char b[6];
    booking.write_ddmmyy(b);
    char values[3][6];
    for (int k = 0; k < 3; ++k) booking.plus_days(k - 1).write_ddmmyy(values[k]);
    if (m.value_offset >= -1 && m.value_offset <= 1) return movement(acct, b, values, m);
    cfonb_movement copy = m;
    copy.value_offset = 0;
    movement(acct, b, values, copy);
}

void cfonb_writer::balance(char record_kind, const cfonb_account& acct, const char* ddmmyy, std::int64_t amount,
                           std::string_view note, std::string_view tail) {
    char* rec = begin_record();
    const char code[2] = {'0', record_kind};
    put_header(rec, code, acct);
    std::memcpy(rec + 34, ddmmyy, 6);
    put(rec, 41, note, 50);
    write_overpunch(rec + 90, amount);
    put(rec, 105, tail, 16);
    end_record();
}

void cfonb_writer::movement(const cfonb_account& acct, const char* booking, const char (*value_dates)[6],
                            const cfonb_movement& m) {
    char* rec = begin_record();
    put_header(rec, "04", acct);
    put(rec, 8, m.internal_code);
    put(rec, 33, m.operation_code);
    std::memcpy(rec + 34, booking, 6);
    std::memcpy(rec + 42, value_dates[m.value_offset + 1], 6);
    put(rec, 49, m.label);
    put(rec, 82, m.entry_number);
    write_overpunch(rec + 90, m.amount);
    put(rec, 105, m.reference);
    end_record();

    for (std::uint8_t i = 0; i < m.complement_count; ++i) {
        const cfonb_complement& c = m.complements[i];
        char* r5 = begin_record();
        put_header(r5, "05", acct);
        put(r5, 8, m.internal_code);
        put(r5, 33, m.operation_code);
        std::memcpy(r5 + 34, booking, 6);
        put(r5, 46, c.qualifier);
        put(r5, 49, c.text);
        end_record();
    }
}

}  // namespace jdsim
