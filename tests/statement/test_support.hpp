#pragma once
// Helpers for the statement tests: sample files, record building, line-ending variants.

#include "jd/statement/amount.hpp"
#include "jd/statement/parse.hpp"
#include "jd/statement/qualifier.hpp"

#include <cstdint>
#include <fstream>
#include <ostream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace jd::statement {

// Printers so that Boost.Test can show the values of failed checks.
inline std::ostream& operator<<(std::ostream& o, severity v) { return o << severity_name(v); }
inline std::ostream& operator<<(std::ostream& o, diagnostic_code v) { return o << code_name(v); }
inline std::ostream& operator<<(std::ostream& o, record_field v) { return o << field_name(v); }
inline std::ostream& operator<<(std::ostream& o, file_format v) { return o << format_name(v); }
inline std::ostream& operator<<(std::ostream& o, qualifier_kind v) { return o << kind_name(v); }
inline std::ostream& operator<<(std::ostream& o, amount_status v) { return o << "amount_status(" << static_cast<int>(v) << ")"; }
inline std::ostream& operator<<(std::ostream& o, date_status v) { return o << "date_status(" << static_cast<int>(v) << ")"; }
inline std::ostream& operator<<(std::ostream& o, chain_status v) { return o << "chain_status(" << static_cast<int>(v) << ")"; }
inline std::ostream& operator<<(std::ostream& o, zone_layout v) { return o << "zone_layout(" << static_cast<int>(v) << ")"; }
inline std::ostream& operator<<(std::ostream& o, language v) { return o << (v == language::fr ? "fr" : "en"); }

} // namespace jd::statement

namespace jd::statement::test {

inline std::string data_path(std::string_view relative) { return std::string(JD_TEST_DATA_DIR) + "/" + std::string(relative); }

inline std::string read_data(std::string_view relative) {
    std::ifstream in(data_path(relative), std::ios::binary);
    if (!in) {
        throw std::runtime_error("missing test data: " + std::string(relative));
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A 120-character record built field by field (1-based positions, as the CFONB tables count).
class record {
public:
    explicit record(std::string_view code) : text_(120, ' ') { put(1, code); }
    record& put(std::size_t position, std::string_view value) {
        text_.replace(position - 1, value.size(), value);
        return *this;
    }
    /// bank 3-7, branch 12-16, currency 17-19, decimals 20, account 22-32.
    record& account(std::string_view bank, std::string_view branch, std::string_view account_number,
                    std::string_view currency = "EUR", std::string_view decimals = "2") {
        return put(3, bank).put(12, branch).put(17, currency).put(20, decimals).put(22, account_number);
    }
    [[nodiscard]] const std::string& str() const { return text_; }
    operator const std::string&() const { return text_; }

private:
    std::string text_;
};

/// The 14-character signed amount field for a value in minor units.
inline std::string amount_field(std::int64_t minor) {
    const std::uint64_t magnitude = minor < 0 ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
    std::string digits = std::to_string(magnitude / 10);
    digits.insert(0, 13 - digits.size(), '0');
    digits.push_back((minor < 0 ? "}JKLMNOPQR" : "{ABCDEFGHI")[magnitude % 10]);
    return digits;
}

struct statement_spec {
    std::string bank = "30004";
    std::string branch = "00001";
    std::string account = "00012345678";
    std::string currency = "EUR";
    std::string decimals = "2";
};

inline std::string opening(const statement_spec& s, std::string_view date, std::int64_t amount) {
    return record("01").account(s.bank, s.branch, s.account, s.currency, s.decimals).put(35, date).put(91, amount_field(amount));
}
inline std::string closing(const statement_spec& s, std::string_view date, std::int64_t amount) {
    return record("07").account(s.bank, s.branch, s.account, s.currency, s.decimals).put(35, date).put(91, amount_field(amount));
}
inline std::string movement_record(const statement_spec& s, std::string_view date, std::int64_t amount,
                                   std::string_view label, std::string_view entry = "0000000",
                                   std::string_view operation = "05") {
    return record("04")
        .account(s.bank, s.branch, s.account, s.currency, s.decimals)
        .put(8, "0005")
        .put(33, operation)
        .put(35, date)
        .put(43, date)
        .put(49, label.substr(0, 31))
        .put(82, entry)
        .put(91, amount_field(amount));
}
inline std::string complement_record(const statement_spec& s, std::string_view date, std::string_view qualifier,
                                     std::string_view text) {
    return record("05").account(s.bank, s.branch, s.account, s.currency, s.decimals).put(33, "05").put(35, date).put(46, qualifier).put(49, text.substr(0, 70));
}

enum class ending { lf, crlf, none, cr };

inline std::string join(const std::vector<std::string>& records, ending e, bool final_break = true) {
    std::string out;
    const std::string_view brk = e == ending::lf ? "\n" : e == ending::crlf ? "\r\n" : e == ending::cr ? "\r" : "";
    for (std::size_t i = 0; i < records.size(); ++i) {
        out += records[i];
        if (i + 1 < records.size() || final_break) {
            out += brk;
        }
    }
    return out;
}

/// Splits a file with separators into its lines (any of LF, CRLF, CR), for rebuilding variants.
inline std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> lines;
    std::string current;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r' || c == '\n') {
            lines.push_back(current);
            current.clear();
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
        } else {
            current.push_back(c);
        }
    }
    if (!current.empty()) {
        lines.push_back(current);
    }
    return lines;
}

/// All identities of a result, in order.
inline std::vector<std::string> identities(const parse_result& r) {
    std::vector<std::string> ids;
    for (const bank_statement& s : r.statements) {
        for (const movement& m : s.movements) {
            ids.emplace_back(m.id);
        }
    }
    return ids;
}

inline parse_result parse_strict(std::string_view bytes) {
    parse_options o;
    o.mode = parse_mode::strict;
    return parse_buffer(bytes, o);
}

inline bool has_code(const parse_result& r, diagnostic_code code) {
    for (const diagnostic& d : r.diagnostics) {
        if (d.code == code) {
            return true;
        }
    }
    return false;
}

inline const diagnostic* find_code(const parse_result& r, diagnostic_code code) {
    for (const diagnostic& d : r.diagnostics) {
        if (d.code == code) {
            return &d;
        }
    }
    return nullptr;
}

} // namespace jd::statement::test
