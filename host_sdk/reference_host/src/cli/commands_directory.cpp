// Host data: seeding, users, companies.
#include "cli/commands.hpp"
#include "cli/render.hpp"
#include "cli/text_table.hpp"

#include "refhost/companies.hpp"
#include "refhost/database.hpp"
#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/seed.hpp"
#include "refhost/users.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace refhost::cli {

int cmd_seed(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {});
    expect_positionals(parsed, 1, "FILE.json");
    const std::string file = parsed.positionals[0];
    std::ifstream in(file, std::ios::binary);
    if (!in) throw failure(HS_E_NOT_FOUND, tr("fichier illisible : ", "cannot read file: ") + file);
    std::ostringstream text;
    text << in.rdbuf();
    const auto data = parse_seed(text.str(), file);
    const auto result = apply_seed(context.db(), data);
    context.log_command("seed", "", "ok");
    if (context.json()) {
        boost::json::array ignored;
        for (const auto& path : data.ignored) ignored.push_back(boost::json::string(path));
        print_json(context.out(), boost::json::object{{"users_created", result.users_created},
                                                      {"users_updated", result.users_updated},
                                                      {"companies_created", result.companies_created},
                                                      {"companies_updated", result.companies_updated},
                                                      {"bank_accounts_created", result.bank_accounts_created},
                                                      {"bank_accounts_updated", result.bank_accounts_updated},
                                                      {"ignored", ignored}});
        return 0;
    }
    auto& out = context.out();
    out << tr("Import de ", "Seeded from ") << file << " :\n";
    out << tr("  Utilisateurs : ", "  Users: ") << result.users_created << tr(" créé(s), ", " created, ")
        << result.users_updated << tr(" mis à jour", " updated") << '\n';
    out << tr("  Sociétés : ", "  Companies: ") << result.companies_created << tr(" créée(s), ", " created, ")
        << result.companies_updated << tr(" mise(s) à jour", " updated") << '\n';
    out << tr("  Comptes bancaires : ", "  Bank accounts: ") << result.bank_accounts_created
        << tr(" créé(s), ", " created, ") << result.bank_accounts_updated << tr(" mis à jour", " updated") << '\n';
    for (const auto& path : data.ignored) context.err() << tr("champ ignoré : ", "ignored field: ") << path << '\n';
    return 0;
}

int cmd_users_list(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {});
    expect_positionals(parsed, 0, "");
    const auto list = context.db().with_session([](Poco::Data::Session& session) { return users::list(session); });
    if (context.json()) {
        boost::json::array items;
        for (const auto& user : list) {
            boost::json::array platform, company;
            for (const auto& right : user.platform_rights) platform.push_back(boost::json::string(right));
            for (const auto& right : user.company_rights)
                company.push_back(boost::json::object{{"company_id", right.company_id}, {"right", right.right}});
            items.push_back(boost::json::object{{"id", user.id},
                                                {"display_name", user.display_name},
                                                {"rights", platform},
                                                {"company_rights", company}});
        }
        print_json(context.out(), items);
        return 0;
    }
    if (list.empty()) {
        context.out() << tr("Aucun utilisateur (voir « seed »).", "No user (see \"seed\").") << '\n';
        return 0;
    }
    text_table table({"Id", tr("Nom", "Name"), tr("Droits plateforme", "Platform rights"),
                      tr("Droits par société", "Company rights")});
    for (const auto& user : list) {
        std::string platform, company;
        for (const auto& right : user.platform_rights) platform += (platform.empty() ? "" : ", ") + right;
        // One entry per right with its companies as ranges ("company.accounting_settings : 1-20"), so that an
        // admin of a large firm still gets a readable line.
        std::map<std::string, std::vector<std::int64_t>> by_right;
        for (const auto& right : user.company_rights) by_right[right.right].push_back(right.company_id);
        for (auto& [right, ids] : by_right) {
            std::sort(ids.begin(), ids.end());
            std::string ranges;
            for (std::size_t i = 0; i < ids.size();) {
                std::size_t j = i;
                while (j + 1 < ids.size() && ids[j + 1] <= ids[j] + 1) ++j;
                ranges += (ranges.empty() ? "" : ", ") + std::to_string(ids[i]);
                if (ids[j] != ids[i]) ranges += "-" + std::to_string(ids[j]);
                i = j + 1;
            }
            company += (company.empty() ? "" : "; ") + right + tr(" : sociétés ", ": companies ") + ranges;
        }
        table.add({user.id, user.display_name, or_dash(platform), or_dash(company)});
    }
    table.print(context.out());
    return 0;
}

int cmd_companies_list(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {});
    expect_positionals(parsed, 0, "");
    const auto list = context.db().with_session(
        [](Poco::Data::Session& session) { return companies::list(session, 0, UINT32_MAX); });
    if (context.json()) {
        print_json(context.out(), boost::json::value_from(list));
        return 0;
    }
    if (list.empty()) {
        context.out() << tr("Aucune société (voir « seed »).", "No company (see \"seed\").") << '\n';
        return 0;
    }
    text_table table({"Id", tr("Raison sociale", "Legal name"), "SIREN", "SIRET", tr("Compte", "Account"),
                      tr("Libellé", "Label"), "IBAN", tr("Journal", "Journal")});
    table.align_right(0);
    for (const auto& company : list) {
        if (company.bank_accounts.empty()) {
            table.add({std::to_string(company.id), company.legal_name, or_dash(company.siren), or_dash(company.siret),
                       "—", "", "", ""});
        }
        bool first = true;
        for (const auto& account : company.bank_accounts) {
            table.add({first ? std::to_string(company.id) : "", first ? company.legal_name : "",
                       first ? or_dash(company.siren) : "", first ? or_dash(company.siret) : "",
                       std::to_string(account.id), account.label, account.iban, account.journal_code});
            first = false;
        }
    }
    table.print(context.out());
    return 0;
}

} // namespace refhost::cli
