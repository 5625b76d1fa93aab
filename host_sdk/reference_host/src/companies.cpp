#include "refhost/companies.hpp"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;

namespace refhost::companies {

namespace {

void load_bank_accounts(Poco::Data::Session& session, host_sdk::company& company) {
    Poco::Int64 company_id = company.id;
    std::vector<Poco::Int64> ids;
    std::vector<std::string> labels, ibans, journals;
    session << "SELECT id, label, iban, journal_code FROM bank_accounts WHERE company_id = $1 ORDER BY id",
        into(ids), into(labels), into(ibans), into(journals), use(company_id), now;
    company.bank_accounts.clear();
    for (std::size_t i = 0; i < ids.size(); ++i)
        company.bank_accounts.push_back(host_sdk::bank_account{ids[i], labels[i], ibans[i], journals[i]});
}

std::vector<host_sdk::company> assemble(Poco::Data::Session& session, const std::vector<Poco::Int64>& ids,
                                        const std::vector<std::string>& names,
                                        const std::vector<std::string>& sirens,
                                        const std::vector<std::string>& sirets) {
    std::vector<host_sdk::company> result;
    result.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        host_sdk::company company;
        company.id = ids[i];
        company.legal_name = names[i];
        company.siren = sirens[i];
        company.siret = sirets[i];
        load_bank_accounts(session, company);
        result.push_back(std::move(company));
    }
    return result;
}

} // namespace

std::optional<host_sdk::company> get(Poco::Data::Session& session, std::int64_t company_id) {
    Poco::Int64 id = company_id;
    std::vector<Poco::Int64> ids;
    std::vector<std::string> names, sirens, sirets;
    session << "SELECT id, legal_name, siren, siret FROM companies WHERE id = $1", into(ids), into(names),
        into(sirens), into(sirets), use(id), now;
    auto found = assemble(session, ids, names, sirens, sirets);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::vector<host_sdk::company> find_by_legal_name(Poco::Data::Session& session, const std::string& legal_name) {
    std::string name = legal_name;
    std::vector<Poco::Int64> ids;
    std::vector<std::string> names, sirens, sirets;
    // SQLite compares TEXT with BINARY collation: an exact, byte-for-byte match.
    session << "SELECT id, legal_name, siren, siret FROM companies WHERE legal_name = $1 ORDER BY id", into(ids),
        into(names), into(sirens), into(sirets), use(name), now;
    return assemble(session, ids, names, sirens, sirets);
}

std::vector<host_sdk::company> list(Poco::Data::Session& session, std::uint32_t offset, std::uint32_t limit) {
    Poco::Int64 first = offset;
    Poco::Int64 size = limit;
    std::vector<Poco::Int64> ids;
    std::vector<std::string> names, sirens, sirets;
    session << "SELECT id, legal_name, siren, siret FROM companies ORDER BY id LIMIT $1 OFFSET $2", into(ids),
        into(names), into(sirens), into(sirets), use(size), use(first), now;
    return assemble(session, ids, names, sirens, sirets);
}

std::int64_t count(Poco::Data::Session& session) {
    Poco::Int64 total = 0;
    session << "SELECT COUNT(*) FROM companies", into(total), now;
    return total;
}

std::optional<std::int64_t> owner_of_bank_account(Poco::Data::Session& session, std::int64_t bank_account_id) {
    Poco::Int64 id = bank_account_id;
    std::vector<Poco::Int64> owners;
    session << "SELECT company_id FROM bank_accounts WHERE id = $1", into(owners), use(id), now;
    if (owners.empty()) return std::nullopt;
    return owners.front();
}

void upsert(Poco::Data::Session& session, const host_sdk::company& company) {
    Poco::Int64 id = company.id;
    std::string legal_name = company.legal_name;
    std::string siren = company.siren;
    std::string siret = company.siret;
    session << "INSERT INTO companies (id, legal_name, siren, siret) VALUES ($1, $2, $3, $4) "
               "ON CONFLICT (id) DO UPDATE SET legal_name = excluded.legal_name, siren = excluded.siren, "
               "siret = excluded.siret",
        use(id), use(legal_name), use(siren), use(siret), now;
    for (const auto& account : company.bank_accounts) {
        Poco::Int64 account_id = account.id;
        std::string label = account.label;
        std::string iban = account.iban;
        std::string journal = account.journal_code;
        session << "INSERT INTO bank_accounts (id, company_id, label, iban, journal_code) VALUES ($1, $2, $3, $4, $5) "
                   "ON CONFLICT (id) DO UPDATE SET company_id = excluded.company_id, label = excluded.label, "
                   "iban = excluded.iban, journal_code = excluded.journal_code",
            use(account_id), use(id), use(label), use(iban), use(journal), now;
    }
}

} // namespace refhost::companies
