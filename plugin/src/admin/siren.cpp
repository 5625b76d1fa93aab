#include "admin/siren.hpp"

#include <algorithm>

namespace jd::admin {

namespace {

constexpr std::string_view la_poste_siren = "356000000";

// Removes the allowed separators; returns false when another character is present.
bool compact_digits(std::string_view raw, std::string& digits) {
    std::size_t at = 0;
    while (at < raw.size()) {
        const char c = raw[at];
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
            ++at;
        } else if (c == ' ') {
            ++at;
        } else if (raw.substr(at, 2) == "\xC2\xA0") {
            at += 2;
        } else if (raw.substr(at, 3) == "\xE2\x80\xAF") {
            at += 3;
        } else {
            return false;
        }
        if (digits.size() > 14) {
            return false; // longer than any identifier: stop early on hostile input
        }
    }
    return true;
}

identifier_check check_digits(std::string_view raw, std::size_t length, bool la_poste_rule) {
    identifier_check result;
    std::string digits;
    if (!compact_digits(raw, digits)) {
        result.status = identifier_status::bad_format;
        return result;
    }
    if (digits.empty()) {
        // Only spaces (or nothing): absent, unless something else than spaces was given.
        result.status = raw.empty() || std::all_of(raw.begin(), raw.end(), [](char c) { return c == ' '; })
                            ? identifier_status::absent
                            : identifier_status::bad_format;
        return result;
    }
    if (digits.size() != length) {
        result.status = identifier_status::bad_format;
        return result;
    }
    if (std::all_of(digits.begin(), digits.end(), [](char c) { return c == '0'; })) {
        result.status = identifier_status::placeholder;
        return result;
    }
    bool ok = luhn_valid(digits);
    if (!ok && la_poste_rule && digits.compare(0, la_poste_siren.size(), la_poste_siren) == 0) {
        int sum = 0;
        for (char c : digits) {
            sum += c - '0';
        }
        ok = sum % 5 == 0;
    }
    if (!ok) {
        result.status = identifier_status::bad_checksum;
        return result;
    }
    result.status = identifier_status::valid;
    result.digits = std::move(digits);
    return result;
}

} // namespace

bool luhn_valid(std::string_view digits) {
    if (digits.empty()) {
        return false;
    }
    int sum = 0;
    bool doubled = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (*it < '0' || *it > '9') {
            return false;
        }
        int value = *it - '0';
        if (doubled) {
            value *= 2;
            if (value > 9) {
                value -= 9;
            }
        }
        sum += value;
        doubled = !doubled;
    }
    return sum % 10 == 0;
}

identifier_check check_siren(std::string_view raw) { return check_digits(raw, 9, false); }

identifier_check check_siret(std::string_view raw) { return check_digits(raw, 14, true); }

} // namespace jd::admin
