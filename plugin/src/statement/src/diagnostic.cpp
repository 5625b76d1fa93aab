#include "jd/statement/diagnostic.hpp"

#include "jd/statement/format_detection.hpp"

#include <string>

namespace jd::statement {
namespace {

std::string quoted(const std::string& text, language lang) {
    return lang == language::fr ? "« " + text + " »" : "\"" + text + "\"";
}

std::string plural(std::int64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n > 1 ? many : one);
}

file_format format_from_name(std::string_view name) {
    for (int f = 0; f <= static_cast<int>(file_format::pdf); ++f) {
        if (format_name(static_cast<file_format>(f)) == name) {
            return static_cast<file_format>(f);
        }
    }
    return file_format::unknown;
}

std::string fr_message(const diagnostic& d) {
    const language fr = language::fr;
    switch (d.code) {
    case diagnostic_code::empty_file: return "Le fichier est vide : il ne contient aucun enregistrement.";
    case diagnostic_code::not_cfonb120:
        return "Ce fichier n'est pas un relevé de compte CFONB 120 : " +
               std::string(format_label(format_from_name(d.value), fr)) + ".";
    case diagnostic_code::no_records: return "Aucun enregistrement CFONB 120 lisible dans ce fichier.";
    case diagnostic_code::read_failed: return "Lecture du fichier impossible : " + d.value + ".";
    case diagnostic_code::byte_order_mark: return "Marque d'ordre des octets UTF-8 ignorée en début de fichier.";
    case diagnostic_code::blank_lines:
        return plural(d.number, "ligne vide", "lignes vides") + " entre les enregistrements, ignorée" +
               (d.number > 1 ? "s." : ".");
    case diagnostic_code::trailing_blank_lines:
        return plural(d.number, "ligne vide", "lignes vides") + " en fin de fichier, ignorée" + (d.number > 1 ? "s." : ".");
    case diagnostic_code::short_line:
        return "Ligne de " + std::to_string(d.number) + " octets au lieu de 120 : complétée par des espaces.";
    case diagnostic_code::trailing_blanks:
        return "Ligne de " + std::to_string(d.number) + " octets : les blancs après l'enregistrement sont ignorés.";
    case diagnostic_code::long_line:
        return "Ligne de " + std::to_string(d.number) + " octets au lieu de 120 : les caractères en trop " +
               quoted(d.value, fr) + " sont ignorés.";
    case diagnostic_code::partial_record:
        return "Enregistrement incomplet de " + std::to_string(d.number) +
               " octets à la fin d'enregistrements sans séparateur : complété par des espaces.";
    case diagnostic_code::utf8_line:
        return "Ligne écrite en UTF-8 (" + std::to_string(d.number) + " octets, " + std::to_string(d.number2) +
               " caractères) : lue caractère par caractère.";
    case diagnostic_code::unmappable_character:
        return plural(d.number, "caractère sans équivalent CP1252 remplacé", "caractères sans équivalent CP1252 remplacés") +
               " par « ? ».";
    case diagnostic_code::unknown_record_code:
        return "Code d'enregistrement inconnu " + quoted(d.value, fr) +
               " (attendu : 01, 04, 05 ou 07) : enregistrement ignoré.";
    case diagnostic_code::record_outside_statement:
        return "Enregistrement " + d.record_type + " hors de tout relevé (aucun enregistrement 01 ouvert) : ignoré.";
    case diagnostic_code::complement_without_movement:
        return "Enregistrement 05 sans mouvement 04 avant lui dans le relevé : ignoré.";
    case diagnostic_code::complement_of_skipped_movement:
        return "Enregistrement 05 d'un mouvement qui a été ignoré : ignoré lui aussi.";
    case diagnostic_code::statement_not_closed:
        return "Le relevé du compte " + d.value + " commencé ligne " + std::to_string(d.number) +
               " n'a pas de nouveau solde (07) : il est clos sans solde final.";
    case diagnostic_code::account_mismatch:
        return "Le compte de l'enregistrement (" + d.value + ") diffère de celui du relevé (" + d.expected +
               ") : rattaché au relevé par sa position.";
    case diagnostic_code::currency_mismatch:
        return "Devise " + quoted(d.value, fr) + " différente de celle du relevé (" + d.expected + ").";
    case diagnostic_code::currency_inherited: return "Devise à blanc : " + d.expected + " retenue.";
    case diagnostic_code::blank_decimals: return "Nombre de décimales à blanc : 2 retenu.";
    case diagnostic_code::invalid_decimals:
        return "Nombre de décimales " + quoted(d.value, fr) + " invalide : 2 retenu.";
    case diagnostic_code::invalid_amount:
        return "Montant illisible " + quoted(d.value, fr) +
               (d.record_type == "04" ? " : mouvement ignoré." : " : solde inconnu.");
    case diagnostic_code::invalid_date:
        return "Date " + quoted(d.value, fr) + " invalide (format JJMMAA attendu, jour réel du calendrier).";
    case diagnostic_code::blank_date: return "Champ « " + std::string(field_label(d.field, fr)) + " » à blanc.";
    case diagnostic_code::booking_date_replaced:
        return "Date de comptabilisation illisible : la date du relevé (" + d.value + ") est retenue.";
    case diagnostic_code::unbalanced_statement:
        return "Relevé du compte " + d.value + " non équilibré : ancien solde + mouvements ≠ nouveau solde (écart de " +
               format_amount(d.number, d.decimals, fr) + ").";
    case diagnostic_code::balance_unknown:
        return "Relevé du compte " + d.value + " : " + (d.expected == "opening" ? "ancien" : "nouveau") +
               " solde inconnu, l'équilibre n'a pas pu être vérifié.";
    case diagnostic_code::chain_break:
        return "Ancien solde " + format_amount(d.number, d.decimals, fr) + " du compte " + d.value +
               " différent du nouveau solde du relevé précédent (" + format_amount(d.number2, d.decimals, fr) + ").";
    case diagnostic_code::unknown_qualifier:
        return "Qualifiant " + quoted(d.value, fr) + " hors de la liste CFONB : texte conservé tel quel.";
    case diagnostic_code::legacy_complement:
        return "Enregistrement 05 sans qualifiant (ancienne présentation) : texte des positions 41 à 81 conservé.";
    case diagnostic_code::unreadable_structured_zone:
        return "Zone " + d.value + " illisible : le texte est conservé tel quel.";
    case diagnostic_code::occurrence_window:
        return "Les compteurs d'occurrence des jours passés ont été libérés (mémoire bornée) : l'identité de ce "
               "mouvement du " + d.value + " peut coïncider avec celle d'un mouvement identique plus haut dans le fichier.";
    case diagnostic_code::too_many_diagnostics:
        return plural(d.number, "autre diagnostic non conservé", "autres diagnostics non conservés") + ".";
    }
    return "?";
}

std::string en_message(const diagnostic& d) {
    const language en = language::en;
    switch (d.code) {
    case diagnostic_code::empty_file: return "The file is empty: it holds no record.";
    case diagnostic_code::not_cfonb120:
        return "This file is not a CFONB 120 account statement: " +
               std::string(format_label(format_from_name(d.value), en)) + ".";
    case diagnostic_code::no_records: return "No readable CFONB 120 record in this file.";
    case diagnostic_code::read_failed: return "The file could not be read: " + d.value + ".";
    case diagnostic_code::byte_order_mark: return "UTF-8 byte order mark skipped at the start of the file.";
    case diagnostic_code::blank_lines:
        return plural(d.number, "blank line", "blank lines") + " between records, skipped.";
    case diagnostic_code::trailing_blank_lines:
        return plural(d.number, "blank line", "blank lines") + " at the end of the file, skipped.";
    case diagnostic_code::short_line:
        return "Line of " + std::to_string(d.number) + " bytes instead of 120: padded with spaces.";
    case diagnostic_code::trailing_blanks:
        return "Line of " + std::to_string(d.number) + " bytes: the blanks after the record are ignored.";
    case diagnostic_code::long_line:
        return "Line of " + std::to_string(d.number) + " bytes instead of 120: the excess characters " +
               quoted(d.value, en) + " are ignored.";
    case diagnostic_code::partial_record:
        return "Incomplete record of " + std::to_string(d.number) +
               " bytes at the end of records without separators: padded with spaces.";
    case diagnostic_code::utf8_line:
        return "Line written in UTF-8 (" + std::to_string(d.number) + " bytes, " + std::to_string(d.number2) +
               " characters): read character by character.";
    case diagnostic_code::unmappable_character:
        return plural(d.number, "character", "characters") + " with no CP1252 equivalent replaced by \"?\".";
    case diagnostic_code::unknown_record_code:
        return "Unknown record code " + quoted(d.value, en) + " (expected 01, 04, 05 or 07): record skipped.";
    case diagnostic_code::record_outside_statement:
        return "Record " + d.record_type + " outside any statement (no open 01 record): skipped.";
    case diagnostic_code::complement_without_movement:
        return "Record 05 with no 04 movement before it in the statement: skipped.";
    case diagnostic_code::complement_of_skipped_movement:
        return "Record 05 of a movement that was skipped: skipped too.";
    case diagnostic_code::statement_not_closed:
        return "The statement of account " + d.value + " started on line " + std::to_string(d.number) +
               " has no closing balance (07): it is closed without one.";
    case diagnostic_code::account_mismatch:
        return "The record's account (" + d.value + ") differs from the statement's (" + d.expected +
               "): attached to the statement by its position.";
    case diagnostic_code::currency_mismatch:
        return "Currency " + quoted(d.value, en) + " differs from the statement's (" + d.expected + ").";
    case diagnostic_code::currency_inherited: return "Blank currency: " + d.expected + " assumed.";
    case diagnostic_code::blank_decimals: return "Blank number of decimals: 2 assumed.";
    case diagnostic_code::invalid_decimals: return "Invalid number of decimals " + quoted(d.value, en) + ": 2 assumed.";
    case diagnostic_code::invalid_amount:
        return "Unreadable amount " + quoted(d.value, en) +
               (d.record_type == "04" ? ": movement skipped." : ": balance unknown.");
    case diagnostic_code::invalid_date:
        return "Invalid date " + quoted(d.value, en) + " (DDMMYY expected, a real calendar day).";
    case diagnostic_code::blank_date: return "Field \"" + std::string(field_label(d.field, en)) + "\" is blank.";
    case diagnostic_code::booking_date_replaced:
        return "Unreadable booking date: the statement's date (" + d.value + ") is used.";
    case diagnostic_code::unbalanced_statement:
        return "Statement of account " + d.value + " does not balance: opening + movements ≠ closing (difference " +
               format_amount(d.number, d.decimals, en) + ").";
    case diagnostic_code::balance_unknown:
        return "Statement of account " + d.value + ": " + (d.expected == "opening" ? "opening" : "closing") +
               " balance unknown, the balance check could not be made.";
    case diagnostic_code::chain_break:
        return "Opening balance " + format_amount(d.number, d.decimals, en) + " of account " + d.value +
               " differs from the previous statement's closing balance (" + format_amount(d.number2, d.decimals, en) + ").";
    case diagnostic_code::unknown_qualifier:
        return "Qualifier " + quoted(d.value, en) + " is not in the CFONB list: text kept as is.";
    case diagnostic_code::legacy_complement:
        return "Record 05 without a qualifier (older layout): text of positions 41 to 81 kept.";
    case diagnostic_code::unreadable_structured_zone:
        return "Unreadable " + d.value + " zone: the text is kept as is.";
    case diagnostic_code::occurrence_window:
        return "Occurrence counters of past days were released (bounded memory): this movement's identity (" + d.value +
               ") may coincide with an identical movement earlier in the file.";
    case diagnostic_code::too_many_diagnostics:
        return plural(d.number, "more diagnostic", "more diagnostics") + " not kept.";
    }
    return "?";
}

} // namespace

language language_of(std::string_view locale) noexcept {
    return locale.size() >= 2 && (locale[0] == 'e' || locale[0] == 'E') && (locale[1] == 'n' || locale[1] == 'N')
               ? language::en
               : language::fr;
}

std::string message(const diagnostic& d, language lang) {
    return lang == language::en ? en_message(d) : fr_message(d);
}

std::string message(const diagnostic& d, std::string_view locale) { return message(d, language_of(locale)); }

std::string describe(const diagnostic& d, std::string_view locale) {
    const language lang = language_of(locale);
    const bool fr = lang == language::fr;
    std::string where;
    if (d.line != 0) {
        where = (fr ? "ligne " : "line ") + std::to_string(d.line) + (fr ? ", octet " : ", byte ") + std::to_string(d.offset);
    }
    if (!d.record_type.empty()) {
        where += (where.empty() ? "" : ", ") + std::string(fr ? "enregistrement " : "record ") + d.record_type;
    }
    if (d.field != record_field::none && d.field != record_field::line) {
        where += (where.empty() ? "" : ", ") + std::string(fr ? "champ " : "field ") +
                 std::string(field_label(d.field, lang));
        if (d.position != 0) {
            where += (fr ? " (position " : " (position ") + std::to_string(d.position) + ")";
        }
    }
    std::string text = message(d, lang);
    return where.empty() ? text : where + (fr ? " : " : ": ") + text;
}

std::string_view code_name(diagnostic_code code) noexcept {
    switch (code) {
    case diagnostic_code::empty_file: return "empty_file";
    case diagnostic_code::not_cfonb120: return "not_cfonb120";
    case diagnostic_code::no_records: return "no_records";
    case diagnostic_code::read_failed: return "read_failed";
    case diagnostic_code::byte_order_mark: return "byte_order_mark";
    case diagnostic_code::blank_lines: return "blank_lines";
    case diagnostic_code::trailing_blank_lines: return "trailing_blank_lines";
    case diagnostic_code::short_line: return "short_line";
    case diagnostic_code::trailing_blanks: return "trailing_blanks";
    case diagnostic_code::long_line: return "long_line";
    case diagnostic_code::partial_record: return "partial_record";
    case diagnostic_code::utf8_line: return "utf8_line";
    case diagnostic_code::unmappable_character: return "unmappable_character";
    case diagnostic_code::unknown_record_code: return "unknown_record_code";
    case diagnostic_code::record_outside_statement: return "record_outside_statement";
    case diagnostic_code::complement_without_movement: return "complement_without_movement";
    case diagnostic_code::complement_of_skipped_movement: return "complement_of_skipped_movement";
    case diagnostic_code::statement_not_closed: return "statement_not_closed";
    case diagnostic_code::account_mismatch: return "account_mismatch";
    case diagnostic_code::currency_mismatch: return "currency_mismatch";
    case diagnostic_code::currency_inherited: return "currency_inherited";
    case diagnostic_code::blank_decimals: return "blank_decimals";
    case diagnostic_code::invalid_decimals: return "invalid_decimals";
    case diagnostic_code::invalid_amount: return "invalid_amount";
    case diagnostic_code::invalid_date: return "invalid_date";
    case diagnostic_code::blank_date: return "blank_date";
    case diagnostic_code::booking_date_replaced: return "booking_date_replaced";
    case diagnostic_code::unbalanced_statement: return "unbalanced_statement";
    case diagnostic_code::balance_unknown: return "balance_unknown";
    case diagnostic_code::chain_break: return "chain_break";
    case diagnostic_code::unknown_qualifier: return "unknown_qualifier";
    case diagnostic_code::legacy_complement: return "legacy_complement";
    case diagnostic_code::unreadable_structured_zone: return "unreadable_structured_zone";
    case diagnostic_code::occurrence_window: return "occurrence_window";
    case diagnostic_code::too_many_diagnostics: return "too_many_diagnostics";
    }
    return "unknown";
}

severity default_severity(diagnostic_code code) noexcept {
    switch (code) {
    case diagnostic_code::empty_file:
    case diagnostic_code::not_cfonb120:
    case diagnostic_code::no_records:
    case diagnostic_code::read_failed: return severity::fatal;
    case diagnostic_code::byte_order_mark:
    case diagnostic_code::trailing_blank_lines:
    case diagnostic_code::utf8_line:
    case diagnostic_code::currency_inherited:
    case diagnostic_code::unknown_qualifier:
    case diagnostic_code::legacy_complement:
    case diagnostic_code::unreadable_structured_zone:
    case diagnostic_code::too_many_diagnostics: return severity::info;
    case diagnostic_code::blank_lines:
    case diagnostic_code::short_line:
    case diagnostic_code::trailing_blanks:
    case diagnostic_code::long_line:
    case diagnostic_code::partial_record:
    case diagnostic_code::unmappable_character:
    case diagnostic_code::account_mismatch:
    case diagnostic_code::currency_mismatch:
    case diagnostic_code::blank_decimals:
    case diagnostic_code::blank_date:
    case diagnostic_code::chain_break:
    case diagnostic_code::occurrence_window: return severity::warning;
    case diagnostic_code::unknown_record_code:
    case diagnostic_code::record_outside_statement:
    case diagnostic_code::complement_without_movement:
    case diagnostic_code::complement_of_skipped_movement:
    case diagnostic_code::statement_not_closed:
    case diagnostic_code::invalid_decimals:
    case diagnostic_code::invalid_amount:
    case diagnostic_code::invalid_date:
    case diagnostic_code::booking_date_replaced:
    case diagnostic_code::unbalanced_statement:
    case diagnostic_code::balance_unknown: return severity::error;
    }
    return severity::error;
}

std::string_view severity_name(severity level) noexcept {
    switch (level) {
    case severity::info: return "info";
    case severity::warning: return "warning";
    case severity::error: return "error";
    case severity::fatal: return "fatal";
    }
    return "error";
}

std::string_view field_name(record_field field) noexcept {
    switch (field) {
    case record_field::none: return "";
    case record_field::record_code: return "record_code";
    case record_field::bank: return "bank";
    case record_field::internal_code: return "internal_code";
    case record_field::branch: return "branch";
    case record_field::currency: return "currency";
    case record_field::decimals: return "decimals";
    case record_field::account: return "account";
    case record_field::operation_code: return "operation_code";
    case record_field::booking_date: return "booking_date";
    case record_field::reject_code: return "reject_code";
    case record_field::value_date: return "value_date";
    case record_field::label: return "label";
    case record_field::entry_number: return "entry_number";
    case record_field::amount: return "amount";
    case record_field::reference: return "reference";
    case record_field::balance_date: return "balance_date";
    case record_field::qualifier: return "qualifier";
    case record_field::complement: return "complement";
    case record_field::line: return "line";
    }
    return "";
}

std::string_view field_label(record_field field, language lang) noexcept {
    const bool fr = lang == language::fr;
    switch (field) {
    case record_field::none: return "";
    case record_field::record_code: return fr ? "code enregistrement" : "record code";
    case record_field::bank: return fr ? "code banque" : "bank code";
    case record_field::internal_code: return fr ? "code opération interne" : "internal operation code";
    case record_field::branch: return fr ? "code guichet" : "branch code";
    case record_field::currency: return fr ? "devise" : "currency";
    case record_field::decimals: return fr ? "nombre de décimales" : "number of decimals";
    case record_field::account: return fr ? "numéro de compte" : "account number";
    case record_field::operation_code: return fr ? "code opération interbancaire" : "interbank operation code";
    case record_field::booking_date: return fr ? "date de comptabilisation" : "booking date";
    case record_field::reject_code: return fr ? "code motif de rejet" : "reject reason code";
    case record_field::value_date: return fr ? "date de valeur" : "value date";
    case record_field::label: return fr ? "libellé" : "label";
    case record_field::entry_number: return fr ? "numéro d'écriture" : "entry number";
    case record_field::amount: return fr ? "montant" : "amount";
    case record_field::reference: return fr ? "zone référence" : "reference";
    case record_field::balance_date: return fr ? "date du solde" : "balance date";
    case record_field::qualifier: return fr ? "qualifiant" : "qualifier";
    case record_field::complement: return fr ? "informations complémentaires" : "complementary information";
    case record_field::line: return fr ? "ligne" : "line";
    }
    return "";
}

std::string format_amount(std::int64_t minor, int decimals, language lang) {
    const bool negative = minor < 0;
    // Work on the magnitude as unsigned so that INT64_MIN is fine.
    std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
    std::string digits = std::to_string(magnitude);
    if (decimals > 0) {
        const auto d = static_cast<std::size_t>(decimals);
        if (digits.size() <= d) {
            digits.insert(0, d + 1 - digits.size(), '0');
        }
        digits.insert(digits.size() - d, 1, lang == language::fr ? ',' : '.');
    }
    return negative ? "-" + digits : digits;
}

} // namespace jd::statement
