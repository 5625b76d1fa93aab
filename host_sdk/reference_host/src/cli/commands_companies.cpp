// Companies on the provider's side: matching remote dossiers to host companies, activation, bank links.
#include "cli/commands.hpp"
#include "cli/render.hpp"

#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/plugin_catalog.hpp"
#include "refhost/time_format.hpp"

#include <boost/json.hpp>

#include <ostream>

namespace refhost::cli {

namespace {

std::string parse_date_option(const parsed_options& parsed, const std::string& name) {
    const auto value = parsed.value(name);
    if (!value) return {};
    if (!is_calendar_date(*value))
        throw usage_error(name + tr(" : date AAAA-MM-JJ attendue, reçu « ", ": a YYYY-MM-DD date is expected, got \"") +
                          *value + tr(" »", "\""));
    return *value;
}

int set_activation(app& context, const arguments& args, bool active) {
    std::vector<option_spec> specs;
    if (active) specs.push_back({"--from", true, false});
    const auto parsed = parse_options(args, specs);
    if (parsed.positionals.size() < 2)
        throw usage_error(tr("argument manquant : ID C...", "missing argument: ID C..."));
    const auto from = parse_date_option(parsed, "--from");
    boost::json::array companies;
    for (std::size_t i = 1; i < parsed.positionals.size(); ++i) {
        boost::json::object item{{"company_id", parse_id(parsed.positionals[i], tr("société", "company"))},
                                 {"active", active}};
        if (!from.empty()) item["deliver_from"] = from;
        companies.push_back(std::move(item));
    }
    const auto instance = context.open(parsed.positionals[0]);
    const auto answer = instance->handle().set_activation(
        context.user_call("set_activation", instance->record().instance_id),
        boost::json::serialize(boost::json::object{{"companies", companies}}));
    const auto value = parse_answer(answer, "set_activation");
    if (context.json()) {
        print_json(context.out(), value);
    } else {
        print_activation(context.out(), value);
    }
    return 0;
}

void print_ok(app& context, const std::string& answer, std::string_view operation, const std::string& done_message) {
    const auto value = parse_answer(answer, operation);
    if (context.json()) {
        print_json(context.out(), value);
    } else {
        context.out() << done_message << '\n';
    }
}

} // namespace

int cmd_companies_match(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {});
    expect_positionals(parsed, 1, "ID");
    const auto instance = context.open(parsed.positionals[0]);
    const auto answer = instance->handle().match_companies(
        context.user_call("match_companies", instance->record().instance_id));
    const auto value = parse_answer(answer, "match_companies");
    if (context.json()) {
        print_json(context.out(), value);
        return 0;
    }
    auto text = text_at(value, "text");
    if (text.empty()) {
        print_json(context.out(), value);
        return 0;
    }
    if (text.back() != '\n') text += '\n';
    context.out() << text;
    return 0;
}

int cmd_companies_confirm(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {{"--dossier", true, false}, {"--company", true, false}, {"--unlink", false, false}});
    expect_positionals(parsed, 1, "ID");
    const auto dossier = parsed.value("--dossier");
    const auto company = parsed.value("--company");
    if (!dossier || dossier->empty()) throw usage_error(tr("option requise : --dossier D", "required option: --dossier D"));
    if (!company) throw usage_error(tr("option requise : --company C", "required option: --company C"));
    const auto company_id = parse_id(*company, "--company");
    const bool unlink = parsed.has("--unlink");
    const auto instance = context.open(parsed.positionals[0]);
    const auto answer = instance->handle().confirm_company_match(
        context.user_call("confirm_company_match", instance->record().instance_id),
        boost::json::serialize(boost::json::object{
            {"dossier_id", *dossier}, {"company_id", company_id}, {"action", unlink ? "unlink" : "link"}}));
    print_ok(context, answer, "confirm_company_match",
             unlink ? tr("Lien supprimé entre le dossier ", "Link removed between dossier ") + *dossier +
                          tr(" et la société ", " and company ") + std::to_string(company_id) + "."
                    : tr("Dossier ", "Dossier ") + *dossier + tr(" lié à la société ", " linked to company ") +
                          std::to_string(company_id) + ".");
    return 0;
}

int cmd_companies_activate(app& context, const arguments& args) { return set_activation(context, args, true); }

int cmd_companies_deactivate(app& context, const arguments& args) { return set_activation(context, args, false); }

// company C bank-links ID [set --rib RIBKEY --account BANKACCOUNTID [--from DATE] | unset --rib RIBKEY]
int cmd_company(app& context, const arguments& args) {
    if (args.size() < 3 || args[1] != "bank-links")
        throw usage_error(tr("usage : company C bank-links ID [set|unset ...]", "usage: company C bank-links ID [set|unset ...]"));
    const auto company_id = parse_id(args[0], tr("société", "company"));
    const std::string instance_id = args[2];
    const std::string action = args.size() > 3 && args[3].rfind("--", 0) != 0 ? args[3] : "";
    const arguments rest(args.begin() + (action.empty() ? 3 : 4), args.end());

    if (action.empty()) {
        const auto parsed = parse_options(rest, {});
        expect_positionals(parsed, 0, "");
        const auto instance = context.open(instance_id);
        const auto answer = instance->handle().list_bank_links(
            context.user_call("list_bank_links", instance_id),
            boost::json::serialize(boost::json::object{{"company_id", company_id}}));
        const auto value = parse_answer(answer, "list_bank_links");
        if (context.json()) {
            print_json(context.out(), value);
        } else {
            print_bank_links(context.out(), value);
        }
        return 0;
    }
    if (action == "set") {
        const auto parsed = parse_options(rest, {{"--rib", true, false}, {"--account", true, false}, {"--from", true, false}});
        expect_positionals(parsed, 0, "");
        const auto rib = parsed.value("--rib");
        const auto account = parsed.value("--account");
        if (!rib || rib->empty()) throw usage_error(tr("option requise : --rib RIBKEY", "required option: --rib RIBKEY"));
        if (!account) throw usage_error(tr("option requise : --account BANKACCOUNTID", "required option: --account BANKACCOUNTID"));
        const auto account_id = parse_id(*account, "--account");
        const auto from = parse_date_option(parsed, "--from");
        boost::json::object input{{"company_id", company_id}, {"rib_key", *rib}, {"bank_account_id", account_id}};
        if (!from.empty()) input["deliver_from"] = from;
        const auto instance = context.open(instance_id);
        const auto answer = instance->handle().set_bank_link(context.user_call("set_bank_link", instance_id),
                                                             boost::json::serialize(input));
        print_ok(context, answer, "set_bank_link",
                 tr("RIB ", "RIB ") + *rib + tr(" lié au compte bancaire ", " linked to bank account ") +
                     std::to_string(account_id) + ".");
        return 0;
    }
    if (action == "unset") {
        const auto parsed = parse_options(rest, {{"--rib", true, false}});
        expect_positionals(parsed, 0, "");
        const auto rib = parsed.value("--rib");
        if (!rib || rib->empty()) throw usage_error(tr("option requise : --rib RIBKEY", "required option: --rib RIBKEY"));
        const auto instance = context.open(instance_id);
        const auto answer = instance->handle().set_bank_link(
            context.user_call("set_bank_link", instance_id),
            boost::json::serialize(boost::json::object{{"company_id", company_id}, {"rib_key", *rib}, {"bank_account_id", nullptr}}));
        print_ok(context, answer, "set_bank_link", tr("RIB ", "RIB ") + *rib + tr(" délié.", " unlinked."));
        return 0;
    }
    throw usage_error(tr("action inconnue : ", "unknown action: ") + action + tr(" (set ou unset)", " (set or unset)"));
}

} // namespace refhost::cli
