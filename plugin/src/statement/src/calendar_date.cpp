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

} // namespace jd::statement
