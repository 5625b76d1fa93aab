#include "admin/rib_format.hpp"

#include <cstdint>

namespace jd::admin {

namespace {

bool is_key_char(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }

char upper(char c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// The banks' letter table for the clé RIB: A-I → 1-9, J-R → 1-9, S-Z → 2-9.
int rib_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'I') return c - 'A' + 1;
    if (c >= 'J' && c <= 'R') return c - 'J' + 1;
    if (c >= 'S' && c <= 'Z') return c - 'S' + 2;
    return 0;
}

std::int64_t rib_number(std::string_view part) noexcept {
    std::int64_t value = 0;
    for (const char c : part) value = value * 10 + rib_digit(c);
    return value;
}

// The remainder modulo 97 of the decimal number written by `text`, letters counting as 10..35 (ISO 13616).
int iban_mod97(std::string_view text) noexcept {
    int remainder = 0;
    const auto feed = [&remainder](int digit) { remainder = (remainder * 10 + digit) % 97; };
    for (const char c : text) {
        if (c >= '0' && c <= '9') {
            feed(c - '0');
        } else if (c >= 'A' && c <= 'Z') {
            const int value = c - 'A' + 10;
            feed(value / 10);
            feed(value % 10);
        }
    }
    return remainder;
}

std::string two_digits(int value) {
    return std::string{static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)};
}

} // namespace

bool is_rib_check_key(std::string_view cle) noexcept {
    return cle.size() == 2 && cle[0] >= '0' && cle[0] <= '9' && cle[1] >= '0' && cle[1] <= '9';
}

std::optional<std::string> make_rib_key(std::string_view bank, std::string_view guichet, std::string_view account) {
    if (bank.size() != 5 || guichet.size() != 5 || account.size() != 11) return std::nullopt;
    std::string key;
    key.reserve(21);
    for (const auto part : {bank, guichet, account}) {
        for (const char c : part) {
            const char u = upper(c);
            if (!is_key_char(u)) return std::nullopt;
            key.push_back(u);
        }
    }
    return key;
}

std::string rib_check_key(std::string_view rib_key) {
    if (rib_key.size() != 21) return "00";
    const std::int64_t bank = rib_number(rib_key.substr(0, 5));
    const std::int64_t guichet = rib_number(rib_key.substr(5, 5));
    const std::int64_t account = rib_number(rib_key.substr(10, 11));
    const std::int64_t sum = (89 * bank + 15 * guichet + 3 * (account % 97)) % 97;
    return two_digits(static_cast<int>(97 - sum));
}

std::string rib_display(std::string_view rib_key, std::string_view cle) {
    if (rib_key.size() != 21) return std::string(rib_key);
    const std::string key = is_rib_check_key(cle) ? std::string(cle) : rib_check_key(rib_key);
    std::string text;
    text.reserve(26);
    text.append(rib_key.substr(0, 5)).append(" ").append(rib_key.substr(5, 5)).append(" ");
    text.append(rib_key.substr(10, 11)).append(" ").append(key);
    return text;
}

std::string french_iban(std::string_view rib_key, std::string_view cle) {
    if (rib_key.size() != 21) return {};
    const std::string bban = std::string(rib_key) + (is_rib_check_key(cle) ? std::string(cle) : rib_check_key(rib_key));
    const int check = 98 - iban_mod97(bban + "FR00");
    return "FR" + two_digits(check) + bban;
}

std::string normalise_iban(std::string_view iban) {
    std::string text;
    text.reserve(iban.size());
    for (const char c : iban) {
        if (c == ' ' || c == '\t' || c == '-') continue;
        text.push_back(upper(c));
    }
    return text;
}

} // namespace jd::admin
