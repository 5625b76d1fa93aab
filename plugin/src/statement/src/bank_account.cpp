#include "jd/statement/bank_account.hpp"

#include <cstdint>

namespace jd::statement {
namespace {

// RIB convention for letters: A-I → 1-9, J-R → 1-9, S-Z → 2-9. -1: not allowed.
int rib_digit(char c) noexcept {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'z') {
        c = static_cast<char>(c - 'a' + 'A');
    }
    if (c >= 'A' && c <= 'I') {
        return c - 'A' + 1;
    }
    if (c >= 'J' && c <= 'R') {
        return c - 'J' + 1;
    }
    if (c >= 'S' && c <= 'Z') {
        return c - 'S' + 2;
    }
    return -1;
}

// The part as a number modulo 97, or -1.
int mod97_of_rib_part(std::string_view part) noexcept {
    int value = 0;
    for (const char c : part) {
        const int d = rib_digit(c);
        if (d < 0) {
            return -1;
        }
        value = (value * 10 + d) % 97;
    }
    return value;
}

// ISO 13616 remainder of an alphanumeric string (letters A=10 … Z=35), or -1.
int iban_mod97(std::string_view text) noexcept {
    int value = 0;
    for (const char c : text) {
        if (c >= '0' && c <= '9') {
            value = (value * 10 + (c - '0')) % 97;
        } else if (c >= 'A' && c <= 'Z') {
            value = (value * 100 + (c - 'A' + 10)) % 97;
        } else {
            return -1;
        }
    }
    return value;
}

bool is_upper_alnum(std::string_view text) noexcept {
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
            return false;
        }
    }
    return true;
}

} // namespace

std::string rib_check_digits(std::string_view bank, std::string_view branch, std::string_view account) {
    if (bank.size() != 5 || branch.size() != 5 || account.size() != 11) {
        return {};
    }
    const int b = mod97_of_rib_part(bank);
    const int g = mod97_of_rib_part(branch);
    const int a = mod97_of_rib_part(account);
    if (b < 0 || g < 0 || a < 0) {
        return {};
    }
    const int key = 97 - (89 * b + 15 * g + 3 * a) % 97;
    return {static_cast<char>('0' + key / 10), static_cast<char>('0' + key % 10)};
}

std::string french_iban(std::string_view bank, std::string_view branch, std::string_view account) {
    const std::string key = rib_check_digits(bank, branch, account);
    if (key.empty()) {
        return {};
    }
    std::string bban;
    bban.reserve(23);
    bban.append(bank).append(branch).append(account).append(key);
    for (char& c : bban) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    if (!is_upper_alnum(bban)) {
        return {};
    }
    const int rest = iban_mod97(bban + "FR00");
    const int check = 98 - rest;
    std::string iban = "FR";
    iban.push_back(static_cast<char>('0' + check / 10));
    iban.push_back(static_cast<char>('0' + check % 10));
    iban.append(bban);
    return iban;
}

bool iban_is_valid(std::string_view iban) {
    if (iban.size() < 5 || !is_upper_alnum(iban)) {
        return false;
    }
    std::string rearranged(iban.substr(4));
    rearranged.append(iban.substr(0, 4));
    return iban_mod97(rearranged) == 1;
}

} // namespace jd::statement
