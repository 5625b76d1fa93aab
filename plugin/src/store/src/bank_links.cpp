#include "store/bank_links.hpp"

#include "audit_writer.hpp"
#include "database_impl.hpp"
#include "errors_from_poco.hpp"
#include "json_text.hpp"
#include "router.hpp"
#include "store/database.hpp"
#include "store/error.hpp"
#include "store/transaction.hpp"
#include "text_rules.hpp"

#include <Poco/Nullable.h>

namespace jd::store {

using namespace Poco::Data::Keywords;

namespace {

struct bank_link_rows {
    std::vector<std::string> rib;
    std::vector<Poco::Int64> company;
    std::vector<Poco::Int64> account;
    std::vector<Poco::Nullable<std::string>> from;
    std::vector<std::string> by;
    std::vector<Poco::Int64> at;
    void clear() {
        rib.clear();
        company.clear();
        account.clear();
        from.clear();
        by.clear();
        at.clear();
    }
    void bind(Poco::Data::Statement& statement) {
        statement, into(rib), into(company), into(account), into(from), into(by), into(at);
    }
    std::vector<bank_link> take() {
        std::vector<bank_link> out;
        out.reserve(rib.size());
        for (std::size_t i = 0; i < rib.size(); ++i) {
            bank_link row;
            row.rib_key = std::move(rib[i]);
            row.company_id = company[i];
            row.bank_account_id = account[i];
            if (!from[i].isNull()) {
                row.deliver_from = from[i].value();
            }
            row.linked_by = std::move(by[i]);
            row.linked_at = at[i];
            out.push_back(std::move(row));
        }
        clear();
        return out;
    }
};

constexpr const char* bank_link_columns =
    "SELECT rib_key, company_id, bank_account_id, deliver_from, linked_by, linked_at FROM bank_link";

std::optional<bank_link> first(std::vector<bank_link> rows) {
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front());
}

} // namespace

struct bank_link_repository::impl {
    impl(database& db_, std::string instance)
        : owner(db_), db(db_.internals()), instance_id(std::move(instance)), audit(db, instance_id),
          routing(db, instance_id) {}

    database& owner;
    database::impl& db;
    std::string instance_id;
    detail::audit_writer audit;
    detail::router routing;

    std::string rib_param;
    Poco::Int64 company_param = 0;
    Poco::Int64 account_param = 0;
    Poco::Nullable<std::string> from_param;
    std::string by_param;
    Poco::Int64 at_param = 0;
    bank_link_rows rows;
    std::optional<Poco::Data::Statement> upsert, erase, by_rib, by_account, list, list_company;

    // Runs a prepared lookup, preparing it the first time with `where` and the parameters bound by `bind`.
    template <typename Bind>
    std::vector<bank_link> lookup(std::optional<Poco::Data::Statement>& slot, const char* where, Bind bind) {
        if (!slot) {
            slot.emplace(db.prepare(std::string(bank_link_columns) + where));
            bind(*slot);
            rows.bind(*slot);
        }
        rows.clear();
        slot->execute();
        return rows.take();
    }
};

bank_link_repository::bank_link_repository(database& db, std::string instance_id)
    : impl_(std::make_unique<impl>(db, std::move(instance_id))) {
    detail::require_nonempty_text(impl_->instance_id, "instance_id", "bank links");
}

bank_link_repository::~bank_link_repository() = default;

route_change bank_link_repository::set(const bank_link& link) {
    auto& s = *impl_;
    const std::string where = "bank link of RIB " + detail::shown(link.rib_key);
    detail::require_rib_key(link.rib_key, "bank link");
    if (link.deliver_from) {
        detail::require_date(*link.deliver_from, "deliver_from", where, false);
    }
    detail::require_text(link.linked_by, "linked_by", where);

    transaction tx(s.owner);
    s.routing.lock(true);
    const auto existing = find(link.rib_key);
    if (existing && (existing->company_id != link.company_id || existing->bank_account_id != link.bank_account_id)) {
        throw link_conflict(conflict_kind::rib_already_linked,
                            {existing->rib_key, "", existing->company_id, existing->bank_account_id},
                            "RIB " + link.rib_key + " is already linked to bank account " +
                                std::to_string(existing->bank_account_id) + " of company " +
                                std::to_string(existing->company_id) + ": unlink it first");
    }
    const auto holder = find_by_bank_account(link.bank_account_id);
    if (holder && holder->rib_key != link.rib_key) {
        throw link_conflict(conflict_kind::bank_account_already_linked,
                            {holder->rib_key, "", holder->company_id, holder->bank_account_id},
                            "bank account " + std::to_string(link.bank_account_id) + " already receives RIB " +
                                holder->rib_key + ": a bank account receives one RIB only");
    }
    if (!existing || existing->deliver_from != link.deliver_from) {
        detail::guarded("saving the " + where, [&] {
            if (!s.upsert) {
                s.upsert.emplace(s.db.prepare(
                    "INSERT INTO bank_link (instance_id, rib_key, company_id, bank_account_id, deliver_from,"
                    " linked_by, linked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                    " ON CONFLICT (instance_id, rib_key) DO UPDATE SET deliver_from = excluded.deliver_from,"
                    " linked_by = excluded.linked_by, linked_at = excluded.linked_at"));
                *s.upsert, use(s.instance_id), use(s.rib_param), use(s.company_param), use(s.account_param),
                    use(s.from_param), use(s.by_param), use(s.at_param);
            }
            s.rib_param = link.rib_key;
            s.company_param = link.company_id;
            s.account_param = link.bank_account_id;
            s.from_param =
                link.deliver_from ? Poco::Nullable<std::string>(*link.deliver_from) : Poco::Nullable<std::string>();
            s.by_param = link.linked_by;
            s.at_param = link.linked_at;
            s.upsert->execute();
        });
        detail::json_object details;
        details.add("rib_key", link.rib_key)
            .add("company_id", link.company_id)
            .add("bank_account_id", link.bank_account_id)
            .add_optional("deliver_from", link.deliver_from);
        if (existing) {
            details.add_optional("previous_deliver_from", existing->deliver_from);
        }
        s.audit.append(link.linked_at, link.linked_by, "bank_link.linked", "rib:" + link.rib_key, details.str());
    }
    const auto change = s.routing.reroute(detail::reroute_scope::rib, link.rib_key, 0);
    tx.commit();
    return change;
}

route_change bank_link_repository::remove(const std::string& rib_key, const std::string& actor, epoch_ms at) {
    auto& s = *impl_;
    detail::require_rib_key(rib_key, "bank unlink");
    detail::require_text(actor, "actor", "bank unlink");
    transaction tx(s.owner);
    s.routing.lock(true);
    const auto existing = find(rib_key);
    if (!existing) {
        tx.commit();
        return {};
    }
    detail::guarded("unlinking RIB " + rib_key, [&] {
        if (!s.erase) {
            s.erase.emplace(s.db.prepare("DELETE FROM bank_link WHERE instance_id = $1 AND rib_key = $2"));
            *s.erase, use(s.instance_id), use(s.rib_param);
        }
        s.rib_param = rib_key;
        s.erase->execute();
    });
    s.audit.append(at, actor, "bank_link.unlinked", "rib:" + rib_key,
                   detail::json_object()
                       .add("rib_key", rib_key)
                       .add("company_id", existing->company_id)
                       .add("bank_account_id", existing->bank_account_id)
                       .add_optional("deliver_from", existing->deliver_from)
                       .str());
    const auto change = s.routing.reroute(detail::reroute_scope::rib, rib_key, 0);
    tx.commit();
    return change;
}

std::optional<bank_link> bank_link_repository::find(const std::string& rib_key) {
    auto& s = *impl_;
    return first(detail::guarded("reading the bank link of RIB " + detail::shown(rib_key), [&] {
        s.rib_param = rib_key;
        return s.lookup(s.by_rib, " WHERE instance_id = $1 AND rib_key = $2",
                        [&](Poco::Data::Statement& st) { st, use(s.instance_id), use(s.rib_param); });
    }));
}

std::optional<bank_link> bank_link_repository::find_by_bank_account(std::int64_t bank_account_id) {
    auto& s = *impl_;
    return first(detail::guarded("reading the bank link of bank account " + std::to_string(bank_account_id), [&] {
        s.account_param = bank_account_id;
        return s.lookup(s.by_account, " WHERE instance_id = $1 AND bank_account_id = $2",
                        [&](Poco::Data::Statement& st) { st, use(s.instance_id), use(s.account_param); });
    }));
}

std::vector<bank_link> bank_link_repository::list() {
    auto& s = *impl_;
    return detail::guarded("listing the bank links of instance " + s.instance_id, [&] {
        return s.lookup(s.list, " WHERE instance_id = $1 ORDER BY rib_key",
                        [&](Poco::Data::Statement& st) { st, use(s.instance_id); });
    });
}

std::vector<bank_link> bank_link_repository::list_for_company(std::int64_t company_id) {
    auto& s = *impl_;
    return detail::guarded("listing the bank links of company " + std::to_string(company_id), [&] {
        s.company_param = company_id;
        return s.lookup(s.list_company, " WHERE instance_id = $1 AND company_id = $2 ORDER BY rib_key",
                        [&](Poco::Data::Statement& st) { st, use(s.instance_id), use(s.company_param); });
    });
}

} // namespace jd::store
