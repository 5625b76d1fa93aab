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
    unsigned digits[6];
    bool blank = true;
    bool numeric = true;
    for (int i = 0; i < 6; ++i) {
        const auto c = static_cast<unsigned char>(six[i]);
        blank = blank && c == ' ';
        digits[i] = c - unsigned{'0'};
        numeric = numeric && digits[i] <= 9;
    }
    if (blank) {
        return {{}, date_status::blank};
    }
    if (!numeric) {
        return {{}, date_status::invalid};
    }
    const int day = static_cast<int>(digits[0] * 10 + digits[1]);
    const int month = static_cast<int>(digits[2] * 10 + digits[3]);
    const int yy = static_cast<int>(digits[4] * 10 + digits[5]);
    const int year = yy >= first_year_of_1900s ? 1900 + yy : 2000 + yy;
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        return {{}, date_status::invalid};
    }
    return {{static_cast<std::int16_t>(year), static_cast<std::uint8_t>(month), static_cast<std::uint8_t>(day)},
            date_status::ok};
}

} // namespace jd::statement
