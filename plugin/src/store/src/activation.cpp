#include "store/activation.hpp"

#include "audit_writer.hpp"
#include "database_impl.hpp"
#include "errors_from_poco.hpp"
#include "json_text.hpp"
#include "router.hpp"
#include "store/database.hpp"
#include "store/transaction.hpp"
#include "text_rules.hpp"

#include <Poco/Nullable.h>

namespace jd::store {

using namespace Poco::Data::Keywords;

namespace {

struct activation_rows {
    std::vector<Poco::Int64> company;
    std::vector<Poco::Int64> active;
    std::vector<Poco::Nullable<std::string>> from;
    std::vector<std::string> by;
    std::vector<Poco::Int64> at;
    void clear() {
        company.clear();
        active.clear();
        from.clear();
        by.clear();
        at.clear();
    }
    void bind(Poco::Data::Statement& statement) {
        statement, into(company), into(active), into(from), into(by), into(at);
    }
    std::vector<company_activation> take() {
        std::vector<company_activation> out;
        out.reserve(company.size());
        for (std::size_t i = 0; i < company.size(); ++i) {
            company_activation row;
            row.company_id = company[i];
            row.active = active[i] == 1;
            if (!from[i].isNull()) {
                row.deliver_from = from[i].value();
            }
            row.changed_by = std::move(by[i]);
            row.changed_at = at[i];
            out.push_back(std::move(row));
        }
        clear();
        return out;
    }
};

constexpr const char* activation_columns =
    "SELECT company_id, active, deliver_from, changed_by, changed_at FROM company_activation";

} // namespace

struct activation_repository::impl {
    impl(database& db_, std::string instance)
        : owner(db_), db(db_.internals()), instance_id(std::move(instance)), audit(db, instance_id),
          routing(db, instance_id) {}

    database& owner;
    database::impl& db;
    std::string instance_id;
    detail::audit_writer audit;
    detail::router routing;

    Poco::Int64 company_param = 0;
    Poco::Int64 active_param = 0;
    Poco::Nullable<std::string> from_param;
    std::string by_param;
    Poco::Int64 at_param = 0;
    activation_rows rows;
    std::optional<Poco::Data::Statement> upsert, find, list;
};

activation_repository::activation_repository(database& db, std::string instance_id)
    : impl_(std::make_unique<impl>(db, std::move(instance_id))) {
    detail::require_nonempty_text(impl_->instance_id, "instance_id", "activations");
}

activation_repository::~activation_repository() = default;

route_change activation_repository::set(const company_activation& activation) {
    auto& s = *impl_;
    const std::string where = "activation of company " + std::to_string(activation.company_id);
    if (activation.deliver_from) {
        detail::require_date(*activation.deliver_from, "deliver_from", where, false);
    }
    detail::require_text(activation.changed_by, "changed_by", where);

    transaction tx(s.owner);
    s.routing.lock(true);
    const auto previous = find(activation.company_id);
    const bool changed = !previous || previous->active != activation.active ||
                         previous->deliver_from != activation.deliver_from;
    if (changed) {
        detail::guarded("saving the " + where, [&] {
            if (!s.upsert) {
                s.upsert.emplace(s.db.prepare(
                    "INSERT INTO company_activation (instance_id, company_id, active, deliver_from, changed_by,"
                    " changed_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (instance_id, company_id) DO UPDATE"
                    " SET active = excluded.active, deliver_from = excluded.deliver_from,"
                    " changed_by = excluded.changed_by, changed_at = excluded.changed_at"));
                *s.upsert, use(s.instance_id), use(s.company_param), use(s.active_param), use(s.from_param),
                    use(s.by_param), use(s.at_param);
            }
            s.company_param = activation.company_id;
            s.active_param = activation.active ? 1 : 0;
            s.from_param = activation.deliver_from ? Poco::Nullable<std::string>(*activation.deliver_from)
                                                   : Poco::Nullable<std::string>();
            s.by_param = activation.changed_by;
            s.at_param = activation.changed_at;
            s.upsert->execute();
        });
        detail::json_object details;
        details.add("company_id", activation.company_id)
            .add("active", activation.active)
            .add_optional("deliver_from", activation.deliver_from);
        if (previous) {
            details.add("previous_active", previous->active).add_optional("previous_deliver_from", previous->deliver_from);
        }
        s.audit.append(activation.changed_at, activation.changed_by, "activation.changed",
                       "company:" + std::to_string(activation.company_id), details.str());
    }
    const auto change = s.routing.reroute(detail::reroute_scope::company, "", activation.company_id);
    tx.commit();
    return change;
}

std::optional<company_activation> activation_repository::find(std::int64_t company_id) {
    auto& s = *impl_;
    auto found = detail::guarded("reading the activation of company " + std::to_string(company_id), [&] {
        if (!s.find) {
            s.find.emplace(s.db.prepare(std::string(activation_columns) +
                                        " WHERE instance_id = $1 AND company_id = $2"));
            *s.find, use(s.instance_id), use(s.company_param);
            s.rows.bind(*s.find);
        }
        s.company_param = company_id;
        s.rows.clear();
        s.find->execute();
        return s.rows.take();
    });
    if (found.empty()) {
        return std::nullopt;
    }
    return std::move(found.front());
}

std::vector<company_activation> activation_repository::list() {
    auto& s = *impl_;
    return detail::guarded("listing the activations of instance " + s.instance_id, [&] {
        if (!s.list) {
            s.list.emplace(s.db.prepare(std::string(activation_columns) +
                                        " WHERE instance_id = $1 ORDER BY company_id"));
            *s.list, use(s.instance_id);
            s.rows.bind(*s.list);
        }
        s.rows.clear();
        s.list->execute();
        return s.rows.take();
    });
}

} // namespace jd::store
