#include "statement_json.hpp"

#include <string>

namespace jd::tools {
namespace {

using namespace jd::statement;

void write_date(json_writer& out, calendar_date date) {
    if (!date.valid()) {
        out.null();
        return;
    }
    char iso[10];
    date.write_iso(iso);
    out.value(std::string_view(iso, 10));
}

void write_balance(json_writer& out, const std::optional<balance>& b) {
    if (!b) {
        out.null();
        return;
    }
    out.begin_object();
    out.key("date");
    write_date(out, b->date);
    out.key("amount_minor");
    out.value(b->amount_minor);
    out.key("decimals");
    out.value(b->decimals);
    out.key("line");
    out.value(b->line);
    out.end_object();
}

std::string_view chain_name(chain_status chain) {
    switch (chain) {
    case chain_status::first: return "first";
    case chain_status::continuous: return "continuous";
    case chain_status::broken: return "broken";
    case chain_status::unknown: return "unknown";
    }
    return "unknown";
}

void write_complement(json_writer& out, const complement& c) {
    out.begin_object();
    out.key("qualifier");
    out.value(c.qualifier);
    out.key("kind");
    out.value(kind_name(c.kind));
    out.key("text");
    out.value(c.text);
    if (!c.second.empty()) {
        out.key("second");
        out.value(c.second);
    }
    if (c.amount) {
        out.key("amount");
        out.begin_object();
        out.key("currency");
        out.value(c.amount->currency);
        out.key("decimals");
        out.value(c.amount->decimals);
        out.key("amount_minor");
        out.value(c.amount->amount_minor);
        out.end_object();
    }
    if (c.rate) {
        out.key("rate");
        out.begin_object();
        out.key("decimals");
        out.value(c.rate->decimals);
        out.key("mantissa");
        out.value(c.rate->mantissa);
        out.end_object();
    }
    out.key("raw");
    out.value(c.raw);
    out.key("line");
    out.value(c.line);
    out.end_object();
}

void write_movement(json_writer& out, const movement& m) {
    out.begin_object();
    out.key("id");
    out.value(m.id);
    out.key("occurrence");
    out.value(m.occurrence);
    out.key("booking_date");
    write_date(out, m.booking_date);
    out.key("value_date");
    write_date(out, m.value_date);
    out.key("operation_code");
    out.value(m.operation_code);
    out.key("internal_code");
    out.value(m.internal_code);
    out.key("label");
    out.value(m.label);
    out.key("entry_number");
    out.value(m.entry_number);
    out.key("amount_minor");
    out.value(m.amount_minor);
    out.key("decimals");
    out.value(m.decimals);
    out.key("currency");
    out.value(m.currency);
    out.key("reference");
    out.value(m.reference);
    out.key("reject_code");
    out.value(m.reject_code);
    out.key("exemption");
    out.value(m.exemption);
    out.key("unavailability");
    out.value(m.unavailability);
    out.key("line");
    out.value(m.line);
    out.key("details");
    out.begin_array();
    for (const complement& c : m.complements) {
        write_complement(out, c);
    }
    out.end_array();
    out.end_object();
}

} // namespace

void write_statement(json_writer& out, const bank_statement& s) {
    out.begin_object();
    out.key("bank");
    out.value(s.bank);
    out.key("branch");
    out.value(s.branch);
    out.key("account");
    out.value(s.account);
    out.key("currency");
    out.value(s.currency);
    out.key("decimals");
    out.value(s.decimals);
    out.key("rib_key");
    out.value(s.rib_key);
    out.key("rib_check_digits");
    out.value(s.rib_check_digits);
    out.key("iban");
    out.value(s.iban);
    out.key("opening");
    write_balance(out, s.opening);
    out.key("closing");
    write_balance(out, s.closing);
    out.key("balanced");
    out.value(s.balanced);
    out.key("difference_minor");
    out.value(s.difference_minor);
    out.key("chain");
    out.value(chain_name(s.chain));
    out.key("skipped_records");
    out.value(s.skipped_records);
    out.key("first_line");
    out.value(s.first_line);
    out.key("last_line");
    out.value(s.last_line);
    out.key("movements");
    out.begin_array();
    for (const movement& m : s.movements) {
        write_movement(out, m);
    }
    out.end_array();
    out.end_object();
}

void write_diagnostic(json_writer& out, const diagnostic& d, language lang) {
    out.begin_object();
    out.key("severity");
    out.value(severity_name(d.level));
    out.key("code");
    out.value(code_name(d.code));
    out.key("line");
    out.value(d.line);
    out.key("offset");
    out.value(d.offset);
    if (d.record != 0) {
        out.key("record");
        out.value(d.record);
    }
    if (!d.record_type.empty()) {
        out.key("record_type");
        out.value(d.record_type);
    }
    if (d.field != record_field::none) {
        out.key("field");
        out.value(field_name(d.field));
    }
    if (d.position != 0) {
        out.key("position");
        out.value(static_cast<unsigned>(d.position));
    }
    out.key("message");
    out.value(message(d, lang));
    out.end_object();
}

void write_summary(json_writer& out, const parse_summary& summary) {
    out.begin_object();
    out.key("bytes");
    out.value(summary.bytes);
    out.key("lines");
    out.value(summary.lines);
    out.key("records");
    out.value(summary.records);
    out.key("statements");
    out.value(summary.statements);
    out.key("movements");
    out.value(summary.movements);
    out.key("unbalanced_statements");
    out.value(summary.unbalanced_statements);
    static constexpr const char* names[] = {"info", "warnings", "errors", "fatal"};
    for (std::size_t i = 0; i < summary.diagnostics.size(); ++i) {
        out.key(names[i]);
        out.value(summary.diagnostics[i]);
    }
    out.end_object();
}

} // namespace jd::tools
