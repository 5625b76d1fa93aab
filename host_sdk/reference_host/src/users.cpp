#include "refhost/users.hpp"

#include <Poco/Data/Statement.h>

#include <map>

using namespace Poco::Data::Keywords;

namespace refhost::users {

bool exists(Poco::Data::Session& session, const std::string& user_id) {
    int count = 0;
    std::string id = user_id;
    session << "SELECT COUNT(*) FROM users WHERE id = $1", into(count), use(id), now;
    return count > 0;
}

bool has_right(Poco::Data::Session& session, const std::string& user_id, const std::string& right,
               std::int64_t company_id) {
    int count = 0;
    std::string user = user_id;
    std::string name = right;
    Poco::Int64 company = company_id;
    session << "SELECT COUNT(*) FROM user_rights WHERE user_id = $1 AND company_id = $2 AND right_name = $3",
        into(count), use(user), use(company), use(name), now;
    return count > 0;
}

std::vector<user_record> list(Poco::Data::Session& session) {
    std::vector<std::string> ids, names;
    session << "SELECT id, display_name FROM users ORDER BY id", into(ids), into(names), now;
    std::vector<std::string> right_users, right_names;
    std::vector<Poco::Int64> right_companies;
    session << "SELECT user_id, company_id, right_name FROM user_rights ORDER BY user_id, company_id, right_name",
        into(right_users), into(right_companies), into(right_names), now;

    std::vector<user_record> result;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        index[ids[i]] = result.size();
        result.push_back(user_record{ids[i], names[i], {}, {}});
    }
    for (std::size_t i = 0; i < right_users.size(); ++i) {
        const auto found = index.find(right_users[i]);
        if (found == index.end()) continue;
        auto& user = result[found->second];
        if (right_companies[i] == 0) {
            user.platform_rights.push_back(right_names[i]);
        } else {
            user.company_rights.push_back(company_right{right_companies[i], right_names[i]});
        }
    }
    return result;
}

void upsert(Poco::Data::Session& session, const user_record& user) {
    std::string id = user.id;
    std::string display_name = user.display_name;
    session << "INSERT INTO users (id, display_name) VALUES ($1, $2) "
               "ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name",
        use(id), use(display_name), now;
    session << "DELETE FROM user_rights WHERE user_id = $1", use(id), now;
    const auto grant = [&](Poco::Int64 company_id, const std::string& right) {
        std::string name = right;
        session << "INSERT OR IGNORE INTO user_rights (user_id, company_id, right_name) VALUES ($1, $2, $3)",
            use(id), use(company_id), use(name), now;
    };
    for (const auto& right : user.platform_rights) grant(0, right);
    for (const auto& right : user.company_rights) grant(right.company_id, right.right);
}

} // namespace refhost::users
