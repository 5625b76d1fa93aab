#pragma once
// Writes CFONB 120 records (01 old balance, 04 movement, 05 complement, 07 new balance) in Latin-1.
#include "jdsim/calendar.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace jdsim {

struct cfonb_account {
    std::array<char, 5> bank{};
    std::array<char, 5> branch{};
    std::array<char, 11> number{};
    std::array<char, 3> currency{'E', 'U', 'R'};
    int decimals = 2;
};

struct cfonb_complement {
    std::array<char, 3> qualifier{};
    std::array<char, 70> text{};  // Latin-1, space padded
};

struct cfonb_movement {
    std::int64_t amount = 0;  // minor units, negative = debit
    std::array<char, 2> operation_code{};
    std::array<char, 4> internal_code{};
    std::int8_t value_offset = 0;  // value date - booking date, days
    std::array<char, 31> label{};  // Latin-1, space padded
    std::array<char, 7> entry_number{};
    std::array<char, 16> reference{};
    std::uint8_t complement_count = 0;
    std::array<cfonb_complement, 3> complements{};

    friend bool operator==(const cfonb_movement&, const cfonb_movement&) = default;
};


// Copies Latin-1 text into a fixed, space padded field (truncating).
template <std::size_t N>
void set_field(std::array<char, N>& field, std::string_view text) {
    field.fill(' ');
    const std::size_t n = text.size() < N ? text.size() : N;
    for (std::size_t i = 0; i < n; ++i) field[i] = text[i];
}

// The 14-character signed amount: 13 digits and a final character carrying the sign and the last digit
// ('{', 'A'..'I' positive 0..9; '}', 'J'..'R' negative 0..9).
void write_overpunch(char* out14, std::int64_t amount);

class cfonb_writer {
  public:
    // `separator` follows every record: "\r\n", "\n" or "" (records back to back).
    explicit cfonb_writer(std::string& out, std::string_view separator) : out_(out), separator_(separator) {}

    // tail: the 16 characters of positions 105-120 (often blank, sometimes a period "JJMMAAJJMMAA").
    // note: the 50 reserved characters of positions 41-90 (some banks write "** PAS DE MOUVEMENT CE JOUR **").
    void balance(char record_kind, const cfonb_account& acct, date day, std::int64_t amount,
                 std::string_view note = {}, std::string_view tail = {});
    void movement(const cfonb_account& acct, date booking, const cfonb_movement& m);

    // The same with dates already written as JJMMAA (6 characters): formatting dates dominated the cost.
    // value_dates[k] is the date booking + k - 1, for value offsets -1, 0 and +1.
    void balance(char record_kind, const cfonb_account& acct, const char* ddmmyy, std::int64_t amount,
                 std::string_view note = {}, std::string_view tail = {});
    void movement(const cfonb_account& acct, const char* booking_ddmmyy, const char (*value_dates)[6],
                  const cfonb_movement& m);

  private:
    char* begin_record();
    void end_record();

    std::string& out_;
    std::string_view separator_;
};

}  // namespace jdsim
