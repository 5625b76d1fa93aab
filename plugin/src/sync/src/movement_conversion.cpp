#include "sync/movement_conversion.hpp"

namespace jd::sync {

namespace {

bool is_rib_key(std::string_view key) noexcept {
    if (key.size() != 21) return false;
    for (const char c : key)
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
    return true;
}

bool is_currency(std::string_view code) noexcept {
    if (code.size() != 3) return false;
    for (const char c : code)
        if (c < 'A' || c > 'Z') return false;
    return true;
}

std::string_view trimmed(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
        text.remove_suffix(1);
    return text;
}

// The store and the host refuse NUL in text (PostgreSQL cannot hold it); a NUL byte in a statement is a blank.
void assign_clean(std::string& out, std::string_view text) {
    out.assign(text.data(), text.size());
    for (auto& c : out)
        if (c == '\0') c = ' ';
}

} // namespace

void append_details(std::string& out, const statement::movement& in) {
    for (const auto& complement : in.complements) {
        const auto zone = trimmed(complement.raw);
        if (zone.empty() && complement.qualifier.empty()) continue;
        if (!out.empty()) out += '\n';
        if (!complement.qualifier.empty()) {
            out.append(complement.qualifier);
            if (!zone.empty()) out += ' ';
        }
        out.append(zone);
    }
    for (auto& c : out)
        if (c == '\0') c = ' ';
}

std::string convert_movement(const statement::bank_statement& statement, const statement::movement& in,
                             const std::string& piece_numero, store::movement& out) {
    if (in.id.empty()) return "identity: empty";
    if (!is_rib_key(statement.rib_key)) return "rib_key: \"" + statement.rib_key + "\" is not 21 digits or capitals";
    if (!in.booking_date.valid()) return "booking_date: missing or unreadable";
    std::string_view currency = in.currency.empty() ? std::string_view(statement.currency) : in.currency;
    if (currency.empty()) currency = "EUR";
    if (!is_currency(currency)) return "currency: \"" + std::string(currency) + "\" is not an ISO 4217 code";
    if (in.decimals < 0 || in.decimals > 6) return "decimals: " + std::to_string(in.decimals) + " is outside 0-6";

    out.identity.assign(in.id);
    out.rib_key = statement.rib_key;
    out.currency.assign(currency);
    out.decimals = in.decimals;
    out.booking_date.resize(10);
    in.booking_date.write_iso(out.booking_date.data());
    if (in.value_date.valid()) {
        out.value_date.resize(10);
        in.value_date.write_iso(out.value_date.data());
    } else {
        out.value_date.clear();
    }
    out.amount_minor = in.amount_minor;
    assign_clean(out.label, in.label);
    out.details.clear();
    append_details(out.details, in);
    assign_clean(out.reference, in.reference);
    assign_clean(out.operation_code, in.operation_code);
    assign_clean(out.entry_number, in.entry_number);
    out.piece_numero = piece_numero;
    return {};
}

} // namespace jd::sync
