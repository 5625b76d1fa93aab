// The ledger: what the host received through the sink.
#include "cli/commands.hpp"
#include "cli/render.hpp"
#include "cli/text_table.hpp"

#include "refhost/database.hpp"
#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/ledger.hpp"

#include <boost/json.hpp>

#include <ostream>

namespace refhost::cli {

int cmd_ledger_summary(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {});
    expect_positionals(parsed, 0, "");
    const auto rows = context.db().with_session([](Poco::Data::Session& session) { return ledger::summary(session); });
    if (context.json()) {
        boost::json::array items;
        std::int64_t total = 0;
        for (const auto& row : rows) {
            total += row.movements;
            items.push_back(boost::json::object{{"company_id", row.company_id},
                                                {"legal_name", row.legal_name},
                                                {"bank_account_id", row.bank_account_id},
                                                {"bank_account_label", row.bank_account_label},
                                                {"currency", row.currency},
                                                {"decimals", row.decimals},
                                                {"movements", row.movements},
                                                {"sum_minor", row.sum_minor},
                                                {"first_date", row.first_date},
                                                {"last_date", row.last_date}});
        }
        print_json(context.out(), boost::json::object{{"accounts", items}, {"movements_total", total}});
        return 0;
    }
    if (rows.empty()) {
        context.out() << tr("Le grand livre est vide.", "The ledger is empty.") << '\n';
        return 0;
    }
    text_table table({tr("Société", "Company"), tr("Raison sociale", "Legal name"), tr("Compte", "Account"),
                      tr("Libellé", "Label"), tr("Mouvements", "Movements"), tr("Somme", "Sum"), tr("Devise", "Currency"),
                      tr("Premier", "First"), tr("Dernier", "Last")});
    table.align_right(0);
    table.align_right(2);
    table.align_right(4);
    table.align_right(5);
    std::int64_t total = 0;
    for (const auto& row : rows) {
        total += row.movements;
        table.add({std::to_string(row.company_id), row.legal_name, std::to_string(row.bank_account_id),
                   row.bank_account_label, std::to_string(row.movements), format_amount(row.sum_minor, row.decimals),
                   row.currency, row.first_date, row.last_date});
    }
    table.print(context.out());
    context.out() << tr("Total : ", "Total: ") << total << tr(" mouvement(s)", " movement(s)") << '\n';
    return 0;
}

int cmd_ledger_list(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {{"--company", true, false}, {"--account", true, false}, {"--limit", true, false}});
    expect_positionals(parsed, 0, "");
    const auto company = parsed.value("--company");
    if (!company) throw usage_error(tr("option requise : --company C", "required option: --company C"));
    const auto company_id = parse_id(*company, "--company");
    std::optional<std::int64_t> account_id;
    if (const auto account = parsed.value("--account")) account_id = parse_id(*account, "--account");
    std::int64_t limit = 50;
    if (const auto text = parsed.value("--limit")) {
        limit = parse_integer(*text, "--limit");
        if (limit < 1) throw usage_error(tr("--limit : au moins 1", "--limit: at least 1"));
    }
    const auto rows = context.db().with_session(
        [&](Poco::Data::Session& session) { return ledger::list(session, company_id, account_id, limit); });
    if (context.json()) {
        boost::json::array items;
        for (const auto& row : rows) {
            const auto& m = row.movement;
            items.push_back(boost::json::object{{"id", row.id},
                                                {"source", row.source},
                                                {"company_id", row.company_id},
                                                {"bank_account_id", row.bank_account_id},
                                                {"idempotency_key", m.idempotency_key},
                                                {"booking_date", m.booking_date},
                                                {"value_date", m.value_date},
                                                {"amount_minor", m.amount_minor},
                                                {"decimals", m.decimals},
                                                {"currency", m.currency},
                                                {"label", m.label},
                                                {"details", m.details},
                                                {"reference", m.reference},
                                                {"operation_code", m.operation_code},
                                                {"entry_number", m.entry_number},
                                                {"received_at", row.received_at}});
        }
        print_json(context.out(), items);
        return 0;
    }
    if (rows.empty()) {
        context.out() << tr("Aucun mouvement.", "No movement.") << '\n';
        return 0;
    }
    text_table table({tr("Date", "Date"), tr("Valeur", "Value"), tr("Compte", "Account"), tr("Montant", "Amount"),
                      tr("Devise", "Currency"), tr("Code", "Code"), tr("Libellé", "Label"), tr("Référence", "Reference")});
    table.align_right(2);
    table.align_right(3);
    for (const auto& row : rows) {
        const auto& m = row.movement;
        table.add({m.booking_date, m.value_date, std::to_string(row.bank_account_id), format_amount(m.amount_minor, m.decimals),
                   m.currency, m.operation_code, m.label, m.reference});
    }
    table.print(context.out());
    return 0;
}

} // namespace refhost::cli
