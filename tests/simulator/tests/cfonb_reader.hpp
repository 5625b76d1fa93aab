#pragma once
// A deliberately small CFONB 120 reader for the simulator's own tests (independent of the plugin's engine):
// records split by any CR/LF run or by 120 bytes, statements grouped by 01 ... 07.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jdsim_test {

struct cfonb_movement_view {
    std::string record;                    // the 04 record
    std::vector<std::string> complements;  // its 05 records
    std::int64_t amount = 0;
    bool operator==(const cfonb_movement_view&) const = default;
};

struct cfonb_statement_view {
    std::string account;  // bank + branch + account number (21 characters)
    std::string currency;
    int decimals = 2;
    std::string opening_date, closing_date;  // JJMMAA
    std::int64_t opening = 0, closing = 0;
    std::vector<cfonb_movement_view> movements;
    bool operator==(const cfonb_statement_view&) const = default;
};

std::vector<std::string> split_records(std::string_view file);
std::int64_t overpunch_amount(std::string_view field14);
// Throws std::runtime_error on a structural error (record length, 04 outside a statement...).
std::vector<cfonb_statement_view> read_statements(std::string_view file);

}  // namespace jdsim_test
