#include "jd/statement/calendar_date.hpp"

namespace jd::statement {

void calendar_date::write_iso(char* out) const noexcept {
    const int y = year;
    out[0] = static_cast<char>('0' + y / 1000 % 10);
    out[1] = static_cast<char>('0' + y / 100 % 10);
    out[2] = static_cast<char>('0' + y / 10 % 10);
    out[3] = static_cast<char>('0' + y % 10);
    out[4] = '-';
    out[5] = static_cast<char>('0' + month / 10);
    out[6] = static_cast<char>('0' + month % 10);
    out[7] = '-';
    out[8] = static_cast<char>('0' + day / 10);
    out[9] = static_cast<char>('0' + day % 10);
}

std::string calendar_date::iso() const {
    if (!valid()) {
        return {};
    }
    std::string text(10, '0');
    write_iso(text.data());
    return text;
}

parsed_date parse_jjmmaa(const char* six) noexcept {
    const auto digit = [six](int i) { return static_cast<unsigned>(static_cast<unsigned char>(six[i])) - unsigned{'0'}; };
    const unsigned d0 = digit(0), d1 = digit(1), d2 = digit(2), d3 = digit(3), d4 = digit(4), d5 = digit(5);
    if ((d0 > 9) | (d1 > 9) | (d2 > 9) | (d3 > 9) | (d4 > 9) | (d5 > 9)) [[unlikely]] {
        bool blank = true;
        for (int i = 0; i < 6; ++i) {
            blank = blank && six[i] == ' ';
        }
        return {{}, blank ? date_status::blank : date_status::invalid};
    }
    const int day = static_cast<int>(d0 * 10 + d1);
    const int month = static_cast<int>(d2 * 10 + d3);
    const int yy = static_cast<int>(d4 * 10 + d5);
    const int year = yy >= first_year_of_1900s ? 1900 + yy : 2000 + yy;
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) [[unlikely]] {
        return {{}, date_status::invalid};
    }
    return {{static_cast<std::int16_t>(year), static_cast<std::uint8_t>(month), static_cast<std::uint8_t>(day)},
            date_status::ok};
}

} // namespace jd::statement
