#include "cfonb_reader.hpp"

#include <stdexcept>

namespace jdsim_test {

std::vector<std::string> split_records(std::string_view file) {
    std::vector<std::string> out;
    const bool has_newline = file.find_first_of("\r\n") != std::string_view::npos;
    if (!has_newline) {
        if (file.size() % 120 != 0) throw std::runtime_error("file without separators is not a multiple of 120 bytes");
        for (std::size_t i = 0; i < file.size(); i += 120) out.emplace_back(file.substr(i, 120));
        return out;
    }
    std::size_t p = 0;
    while (p < file.size()) {
        std::size_t e = file.find_first_of("\r\n", p);
        if (e == std::string_view::npos) e = file.size();
        if (e > p) {
            if (e - p != 120) throw std::runtime_error("record of " + std::to_string(e - p) + " bytes at offset " + std::to_string(p));
            out.emplace_back(file.substr(p, e - p));
        }
        p = e + 1;
    }
    return out;
}

std::int64_t overpunch_amount(std::string_view f) {
    if (f.size() != 14) throw std::runtime_error("amount field is not 14 characters");
    std::int64_t v = 0;
    for (std::size_t i = 0; i < 13; ++i) {
        if (f[i] < '0' || f[i] > '9') throw std::runtime_error("amount digit expected");
        v = v * 10 + (f[i] - '0');
    }
    const char last = f[13];
    const std::string_view pos = "{ABCDEFGHI", neg = "}JKLMNOPQR";
    if (const auto i = pos.find(last); i != std::string_view::npos) return v * 10 + static_cast<std::int64_t>(i);
    if (const auto i = neg.find(last); i != std::string_view::npos) return -(v * 10 + static_cast<std::int64_t>(i));
    throw std::runtime_error(std::string("bad overpunch character ") + last);
}

std::vector<cfonb_statement_view> read_statements(std::string_view file) {
    std::vector<cfonb_statement_view> out;
    bool open = false;
    for (const std::string& r : split_records(file)) {
        const std::string code = r.substr(0, 2);
        const std::string account = r.substr(2, 5) + r.substr(11, 5) + r.substr(21, 11);
        if (code == "01") {
            if (open) throw std::runtime_error("01 inside an open statement");
            cfonb_statement_view s;
            s.account = account;
            s.currency = r.substr(16, 3);
            s.decimals = r[19] - '0';
            s.opening_date = r.substr(34, 6);
            s.opening = overpunch_amount(std::string_view(r).substr(90, 14));
            out.push_back(std::move(s));
            open = true;
        } else if (code == "04") {
            if (!open || out.back().account != account) throw std::runtime_error("04 outside its statement");
            cfonb_movement_view m;
            m.record = r;
            m.amount = overpunch_amount(std::string_view(r).substr(90, 14));
            out.back().movements.push_back(std::move(m));
        } else if (code == "05") {
            if (!open || out.back().movements.empty()) throw std::runtime_error("05 without a 04");
            out.back().movements.back().complements.push_back(r);
        } else if (code == "07") {
            if (!open || out.back().account != account) throw std::runtime_error("07 outside its statement");
            out.back().closing_date = r.substr(34, 6);
            out.back().closing = overpunch_amount(std::string_view(r).substr(90, 14));
            open = false;
        } else {
            throw std::runtime_error("unknown record code " + code);
        }
    }
    if (open) throw std::runtime_error("statement without 07");
    return out;
}

}  // namespace jdsim_test
