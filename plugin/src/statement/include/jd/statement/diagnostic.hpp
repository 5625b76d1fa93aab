#pragma once
// Problems found while reading a file: what, where (line, byte offset, record, field) and how bad, with a
// stable code and a message rendered in French (default) or English.

#include <cstdint>
#include <string>
#include <string_view>

namespace jd::statement {

/// info: worth knowing, not a deviation (the strict mode accepts it).
/// warning: a deviation from the format that was repaired without losing data.
/// error: something could not be read or does not add up (a record skipped, a statement unbalanced).
/// fatal: the file cannot be read as CFONB 120 at all; it is rejected in every mode.
enum class severity : std::uint8_t { info, warning, error, fatal };

enum class diagnostic_code : std::uint16_t {
    // the file
    empty_file,               ///< nothing but blanks
    not_cfonb120,             ///< another format was recognised (value: its name)
    no_records,               ///< no readable CFONB 120 record at all
    read_failed,              ///< the file could not be read (value: the system's reason)
    byte_order_mark,          ///< a UTF-8 byte order mark was skipped
    // lines
    blank_lines,              ///< blank lines between records (number: how many)
    trailing_blank_lines,     ///< blank lines after the last record (number: how many)
    short_line,               ///< a line shorter than 120 bytes, padded with spaces (number: its length)
    trailing_blanks,          ///< blanks after the last full record of a line, ignored (number: the line length)
    long_line,                ///< a line longer than 120 bytes, truncated (number: its length; value: the excess)
    partial_record,           ///< records without separators end with a piece shorter than 120 (number: its length)
    utf8_line,                ///< a line written in UTF-8, read by characters (number: bytes, number2: characters)
    unmappable_character,     ///< a UTF-8 character with no CP1252 form, replaced by '?'
    // records and fields
    unknown_record_code,      ///< not 01/04/05/07: the record is skipped
    record_outside_statement, ///< a 04/05/07 with no open statement: skipped
    complement_without_movement,   ///< a 05 before any 04 of its statement: skipped
    complement_of_skipped_movement,///< a 05 whose 04 was skipped: skipped too
    statement_not_closed,     ///< a 01 or the end of the file while a statement is open (no 07)
    account_mismatch,         ///< bank/branch/account differ from the statement's 01 (kept by position)
    currency_mismatch,        ///< currency differs from the statement's (kept by position)
    currency_inherited,       ///< blank currency on a 01/07/04, taken from the statement or its movements
    blank_decimals,           ///< blank number of decimals: 2 assumed
    invalid_decimals,         ///< a number of decimals that is not a digit: 2 assumed
    invalid_amount,           ///< unreadable amount: the movement is skipped, or the balance is unknown
    invalid_date,             ///< not a calendar date (31/02, letters…)
    blank_date,               ///< a mandatory date left blank
    booking_date_replaced,    ///< unreadable booking date: the statement's date was used (value: that date)
    unbalanced_statement,     ///< opening + movements ≠ closing (number: the difference in minor units)
    balance_unknown,          ///< the opening or closing balance is missing, so the check could not be made
    chain_break,              ///< an account's opening balance differs from its previous closing balance
    unknown_qualifier,        ///< a 05 qualifier outside the standard list, passed through
    legacy_complement,        ///< a 05 with text at 41-45: read with the older unqualified layout
    unreadable_structured_zone,///< MMO/FEE numbers that do not parse; the text is kept
    occurrence_window,        ///< identity counters of older days were dropped to bound memory
    too_many_diagnostics,     ///< later diagnostics were counted but not kept (number: how many)
};

/// The record field a diagnostic is about.
enum class record_field : std::uint8_t {
    none, record_code, bank, internal_code, branch, currency, decimals, account, operation_code, booking_date,
    reject_code, value_date, label, entry_number, amount, reference, balance_date, qualifier, complement, line,
};

struct diagnostic {
    severity level = severity::error;
    diagnostic_code code = diagnostic_code::unknown_record_code;
    std::uint64_t line = 0;     ///< 1-based line of the file (records without separators share line 1); 0: the file
    std::uint64_t offset = 0;   ///< byte offset in the file: of the field when there is one, else of the record/line
    std::uint64_t record = 0;   ///< 1-based record number; 0 when not about one record
    std::string record_type;    ///< "01", "04", "05", "07", the unknown code, or ""
    record_field field = record_field::none;
    std::uint16_t position = 0; ///< 1-based position of the field in the record (as the CFONB tables count)
    std::string value;          ///< the offending text, decoded to UTF-8, or a name (format, date…)
    std::string expected;       ///< what was expected (the statement's account, currency…)
    std::int64_t number = 0;    ///< a length, a count or an amount, depending on the code
    std::int64_t number2 = 0;
    int decimals = 2;           ///< scale of the amounts in number/number2
};

/// "fr" unless the locale starts with "en".
enum class language : std::uint8_t { fr, en };
[[nodiscard]] language language_of(std::string_view locale) noexcept;

/// The message, without the location ("Montant illisible « 00000000012X4{ »").
[[nodiscard]] std::string message(const diagnostic& d, language lang);
[[nodiscard]] std::string message(const diagnostic& d, std::string_view locale = "fr");
/// The message prefixed with its location ("ligne 3, octet 243, enregistrement 04, champ montant : …").
[[nodiscard]] std::string describe(const diagnostic& d, std::string_view locale = "fr");

[[nodiscard]] std::string_view code_name(diagnostic_code code) noexcept;     ///< e.g. "short_line"
[[nodiscard]] std::string_view severity_name(severity level) noexcept;       ///< "info", "warning", "error", "fatal"
[[nodiscard]] std::string_view field_name(record_field field) noexcept;      ///< e.g. "booking_date"
[[nodiscard]] std::string_view field_label(record_field field, language lang) noexcept; ///< "date de comptabilisation"
[[nodiscard]] severity default_severity(diagnostic_code code) noexcept;
/// An amount in minor units written with its decimals ("-1 234,56" in French, "-1234.56" in English).
[[nodiscard]] std::string format_amount(std::int64_t minor, int decimals, language lang);

} // namespace jd::statement
