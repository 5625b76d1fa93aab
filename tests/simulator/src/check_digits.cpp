#include "jdsim/check_digits.hpp"

#include <cstdint>

namespace jdsim {
namespace {

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int luhn_sum(std::string_view digits, bool double_last) {
    int sum = 0;
    bool dbl = double_last;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        int d = *it - '0';
        if (dbl) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
        dbl = !dbl;
    }
    return sum;
}

// The digit a RIB uses for a letter of the account number.
int rib_letter_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'I') return c - 'A' + 1;
    if (c >= 'J' && c <= 'R') return c - 'J' + 1;
    if (c >= 'S' && c <= 'Z') return c - 'S' + 2;
    return -1;
}

std::int64_t rib_number(std::string_view s) {
    std::int64_t v = 0;
    for (char c : s) {
        const int d = rib_letter_value(c);
        if (d < 0) return -1;
        v = v * 10 + d;
    }
    return v;
}

// Remainder mod 97 of the decimal expansion of an IBAN-style string (letters as 10..35).
int mod97_alnum(std::string_view s) {
    int r = 0;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            r = (r * 10 + (c - '0')) % 97;
        } else if (c >= 'A' && c <= 'Z') {
            const int v = c - 'A' + 10;
            r = (r * 100 + v) % 97;
        } else {
            return -1;
        }
    }
    return r;
}

}  // namespace

bool luhn_valid(std::string_view digits) { return all_digits(digits) && luhn_sum(digits, false) % 10 == 0; }

char luhn_check_digit(std::string_view payload) {
    const int sum = luhn_sum(payload, true);
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool siren_valid(std::string_view siren) { return siren.size() == 9 && luhn_valid(siren); }
bool siret_valid(std::string_view siret) { return siret.size() == 14 && luhn_valid(siret); }

int rib_key(std::string_view bank, std::string_view branch, std::string_view account) {
    const std::int64_t b = rib_number(bank);
    const std::int64_t g = rib_number(branch);
    const std::int64_t c = rib_number(account);
    if (b < 0 || g < 0 || c < 0) return -1;
    const std::int64_t r = (89 * b + 15 * g + 3 * c) % 97;
    return static_cast<int>(97 - r);
}

bool rib_valid(std::string_view bank, std::string_view branch, std::string_view account, std::string_view key) {
    if (bank.size() != 5 || branch.size() != 5 || account.size() != 11 || key.size() != 2 || !all_digits(key))
        return false;
    return rib_key(bank, branch, account) == (key[0] - '0') * 10 + (key[1] - '0');
}

std::string iban_fr(std::string_view bank, std::string_view branch, std::string_view account, std::string_view key) {
    std::string bban;
    bban.append(bank).append(branch).append(account).append(key);
    const int r = mod97_alnum(bban + "FR00");
    const int check = 98 - r;
    std::string iban = "FR";
    iban += static_cast<char>('0' + check / 10);
    iban += static_cast<char>('0' + check % 10);
    iban += bban;
    return iban;
}

bool iban_valid(std::string_view iban) {
    std::string compact;
    for (char c : iban) {
        if (c == ' ') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        compact += c;
    }
    if (compact.size() < 15 || compact.size() > 34) return false;
    const std::string rearranged = compact.substr(4) + compact.substr(0, 4);
    return mod97_alnum(rearranged) == 1;
}

}  // namespace jdsim
