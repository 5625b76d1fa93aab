#include "refhost/seed.hpp"

#include "refhost/companies.hpp"
#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"

#include <boost/json.hpp>

#include <Poco/Data/Statement.h>

#include <cctype>
#include <map>
#include <set>

using namespace Poco::Data::Keywords;

namespace refhost {

namespace {

class seed_reader {
public:
    explicit seed_reader(std::string origin) : origin_(std::move(origin)) {}

    seed_data read(const boost::json::value& root) {
        const auto& object = expect_object(root, "$");
        for (const auto& member : object) {
            const std::string key(member.key());
            const std::string path = "$." + key;
            if (key == "users") {
                const auto& items = expect_array(member.value(), path);
                for (std::size_t i = 0; i < items.size(); ++i)
                    data_.users.push_back(read_user(items[i], path + "[" + std::to_string(i) + "]"));
            } else if (key == "companies") {
                const auto& items = expect_array(member.value(), path);
                for (std::size_t i = 0; i < items.size(); ++i)
                    data_.companies.push_back(read_company(items[i], path + "[" + std::to_string(i) + "]"));
            } else {
                data_.ignored.push_back(path);
            }
        }
        return std::move(data_);
    }

    [[noreturn]] void fail(const std::string& path, const std::string& why) const {
        throw failure(HS_E_INVALID_ARGUMENT, origin_ + " : " + path + " : " + why);
    }

private:
    const boost::json::object& expect_object(const boost::json::value& value, const std::string& path) const {
        if (!value.is_object()) fail(path, tr("un objet JSON est attendu", "a JSON object is expected"));
        return value.get_object();
    }

    const boost::json::array& expect_array(const boost::json::value& value, const std::string& path) const {
        if (!value.is_array()) fail(path, tr("un tableau JSON est attendu", "a JSON array is expected"));
        return value.get_array();
    }

    std::string expect_string(const boost::json::value& value, const std::string& path, bool allow_empty) const {
        if (!value.is_string()) fail(path, tr("une chaîne est attendue", "a string is expected"));
        std::string text(value.get_string());
        if (!allow_empty && text.empty()) fail(path, tr("ne doit pas être vide", "must not be empty"));
        return text;
    }

    std::int64_t expect_id(const boost::json::value& value, const std::string& path) const {
        std::int64_t id = 0;
        if (value.is_int64()) {
            id = value.get_int64();
        } else if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
            id = static_cast<std::int64_t>(value.get_uint64());
        } else {
            fail(path, tr("un entier est attendu", "an integer is expected"));
        }
        if (id <= 0) fail(path, tr("un identifiant strictement positif est attendu", "a positive id is expected"));
        return id;
    }

    const boost::json::value* required(const boost::json::object& object, std::string_view key,
                                       const std::string& path) const {
        const auto* found = object.if_contains(key);
        if (found == nullptr) fail(path + "." + std::string(key), tr("champ obligatoire absent", "required field missing"));
        return found;
    }

    static std::string digits_only(const std::string& text) {
        std::string digits;
        for (const char c : text)
            if (c != ' ') digits += c;
        return digits;
    }

    void check_number(const std::string& text, std::size_t length, const std::string& path) const {
        if (text.empty()) return; // unknown to the host: allowed
        const auto digits = digits_only(text);
        bool ok = digits.size() == length;
        for (const char c : digits) ok = ok && std::isdigit(static_cast<unsigned char>(c)) != 0;
        if (!ok) {
            fail(path, std::to_string(length) + tr(" chiffres attendus, reçu « ", " digits expected, got \"") + text +
                           tr(" »", "\""));
        }
    }

    user_record read_user(const boost::json::value& value, const std::string& path) {
        const auto& object = expect_object(value, path);
        user_record user;
        user.id = expect_string(*required(object, "id", path), path + ".id", false);
        if (!user_ids_.insert(user.id).second) fail(path + ".id", tr("identifiant en double : ", "duplicate id: ") + user.id);
        for (const auto& member : object) {
            const std::string key(member.key());
            const std::string field = path + "." + key;
            if (key == "id") continue;
            if (key == "display_name") {
                user.display_name = expect_string(member.value(), field, true);
            } else if (key == "rights") {
                const auto& rights = expect_array(member.value(), field);
                for (std::size_t i = 0; i < rights.size(); ++i)
                    user.platform_rights.push_back(
                        expect_string(rights[i], field + "[" + std::to_string(i) + "]", false));
            } else if (key == "company_rights") {
                const auto& rights = expect_array(member.value(), field);
                for (std::size_t i = 0; i < rights.size(); ++i) {
                    const auto item_path = field + "[" + std::to_string(i) + "]";
                    const auto& item = expect_object(rights[i], item_path);
                    company_right right;
                    right.company_id = expect_id(*required(item, "company_id", item_path), item_path + ".company_id");
                    right.right = expect_string(*required(item, "right", item_path), item_path + ".right", false);
                    for (const auto& extra : item)
                        if (extra.key() != "company_id" && extra.key() != "right")
                            data_.ignored.push_back(item_path + "." + std::string(extra.key()));
                    user.company_rights.push_back(std::move(right));
                }
            } else {
                data_.ignored.push_back(field);
            }
        }
        if (user.display_name.empty()) user.display_name = user.id;
        return user;
    }

    host_sdk::bank_account read_bank_account(const boost::json::value& value, const std::string& path) {
        const auto& object = expect_object(value, path);
        host_sdk::bank_account account;
        account.id = expect_id(*required(object, "id", path), path + ".id");
        if (!bank_account_ids_.insert(account.id).second)
            fail(path + ".id", tr("identifiant de compte en double : ", "duplicate bank account id: ") +
                                   std::to_string(account.id));
        account.iban = expect_string(*required(object, "iban", path), path + ".iban", false);
        for (const auto& member : object) {
            const std::string key(member.key());
            const std::string field = path + "." + key;
            if (key == "id" || key == "iban") continue;
            if (key == "label") {
                account.label = expect_string(member.value(), field, true);
            } else if (key == "journal_code") {
                account.journal_code = expect_string(member.value(), field, true);
            } else {
                data_.ignored.push_back(field);
            }
        }
        return account;
    }

    host_sdk::company read_company(const boost::json::value& value, const std::string& path) {
        const auto& object = expect_object(value, path);
        host_sdk::company company;
        company.id = expect_id(*required(object, "id", path), path + ".id");
        if (!company_ids_.insert(company.id).second)
            fail(path + ".id", tr("identifiant de société en double : ", "duplicate company id: ") +
                                   std::to_string(company.id));
        company.legal_name = expect_string(*required(object, "legal_name", path), path + ".legal_name", false);
        for (const auto& member : object) {
            const std::string key(member.key());
            const std::string field = path + "." + key;
            if (key == "id" || key == "legal_name") continue;
            if (key == "siren") {
                company.siren = expect_string(member.value(), field, true);
                check_number(company.siren, 9, field);
            } else if (key == "siret") {
                company.siret = expect_string(member.value(), field, true);
                check_number(company.siret, 14, field);
            } else if (key == "bank_accounts") {
                const auto& accounts = expect_array(member.value(), field);
                for (std::size_t i = 0; i < accounts.size(); ++i)
                    company.bank_accounts.push_back(read_bank_account(accounts[i], field + "[" + std::to_string(i) + "]"));
            } else {
                data_.ignored.push_back(field);
            }
        }
        return company;
    }

    std::string origin_;
    std::set<std::int64_t> company_ids_;
    seed_data data_;
    std::set<std::string> user_ids_;
    std::set<std::int64_t> bank_account_ids_;
};

std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

} // namespace

seed_data parse_seed(std::string_view text, const std::string& origin) {
    boost::json::stream_parser parser;
    boost::system::error_code ec;
    const auto consumed = parser.write(text.data(), text.size(), ec);
    if (!ec) parser.finish(ec);
    if (ec) {
        const auto [line, column] = line_and_column(text, consumed);
        throw failure(HS_E_INVALID_ARGUMENT, origin + tr(", ligne ", ", line ") + std::to_string(line) +
                                                 tr(", colonne ", ", column ") + std::to_string(column) +
                                                 tr(" (octet ", " (byte ") + std::to_string(consumed) +
                                                 tr(") : JSON invalide : ", "): invalid JSON: ") + ec.message());
    }
    const auto root = parser.release();
    seed_reader reader(origin);
    auto data = reader.read(root);
    return data;
}

seed_result apply_seed(database& db, const seed_data& data) {
    std::set<std::int64_t> companies_in_file;
    for (const auto& company : data.companies) companies_in_file.insert(company.id);

    return db.with_session([&](Poco::Data::Session& session) {
        seed_result result;
        write_transaction transaction(session);
        for (const auto& company : data.companies) {
            if (companies::get(session, company.id)) {
                ++result.companies_updated;
            } else {
                ++result.companies_created;
            }
            for (const auto& account : company.bank_accounts) {
                if (companies::owner_of_bank_account(session, account.id)) {
                    ++result.bank_accounts_updated;
                } else {
                    ++result.bank_accounts_created;
                }
            }
            companies::upsert(session, company);
        }
        for (std::size_t u = 0; u < data.users.size(); ++u) {
            const auto& user = data.users[u];
            for (std::size_t r = 0; r < user.company_rights.size(); ++r) {
                const auto company_id = user.company_rights[r].company_id;
                if (companies_in_file.count(company_id) == 0 && !companies::get(session, company_id)) {
                    throw failure(HS_E_INVALID_ARGUMENT,
                                  "$.users[" + std::to_string(u) + "].company_rights[" + std::to_string(r) +
                                      "].company_id : " + tr("société inconnue : ", "unknown company: ") +
                                      std::to_string(company_id));
                }
            }
            if (users::exists(session, user.id)) {
                ++result.users_updated;
            } else {
                ++result.users_created;
            }
            users::upsert(session, user);
        }
        transaction.commit();
        return result;
    });
}

} // namespace refhost
