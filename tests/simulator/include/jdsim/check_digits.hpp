#pragma once
// Check digits of French identifiers: SIREN/SIRET (Luhn), RIB key (mod 97), IBAN (ISO 13616 mod 97).
#include <string>
#include <string_view>

namespace jdsim {

bool luhn_valid(std::string_view digits);
// The digit that makes `payload + digit` pass the Luhn check.
char luhn_check_digit(std::string_view payload);

bool siren_valid(std::string_view siren);  // 9 digits, Luhn
bool siret_valid(std::string_view siret);  // 14 digits, Luhn

// RIB key (clé RIB) of bank (5), branch (5) and account (11, letters allowed): 97 - (89 B + 15 G + 3 C) mod 97,
// letters of the account mapped A,J->1 ... I,R->9, S->2 ... Z->9.
int rib_key(std::string_view bank, std::string_view branch, std::string_view account);
bool rib_valid(std::string_view bank, std::string_view branch, std::string_view account, std::string_view key);

// French IBAN "FRkk" + bank + branch + account + key, compact (no spaces).
std::string iban_fr(std::string_view bank, std::string_view branch, std::string_view account, std::string_view key);
// Any IBAN: letters A=10 ... Z=35 and the mod-97 rule; spaces are ignored.
bool iban_valid(std::string_view iban);

}  // namespace jdsim
