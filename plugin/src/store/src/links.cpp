#include "store/links.hpp"

#include "audit_writer.hpp"
#include "database_impl.hpp"
#include "errors_from_poco.hpp"
#include "json_text.hpp"
#include "store/database.hpp"
#include "store/error.hpp"
#include "store/transaction.hpp"
#include "text_rules.hpp"

namespace jd::store {

using namespace Poco::Data::Keywords;

std::string_view to_string(link_kind kind) noexcept {
    return kind == link_kind::exact ? "exact" : "confirmed";
}

namespace {

struct link_rows {
    std::vector<std::string> dossier;
    std::vector<Poco::Int64> company;
    std::vector<std::string> kind;
    std::vector<std::string> by;
    std::vector<Poco::Int64> at;
    void clear() {
        dossier.clear();
        company.clear();
        kind.clear();
        by.clear();
        at.clear();
    }
    void bind(Poco::Data::Statement& statement) {
        statement, into(dossier), into(company), into(kind), into(by), into(at);
    }
    std::vector<company_link> take() {
        std::vector<company_link> out;
        out.reserve(dossier.size());
        for (std::size_t i = 0; i < dossier.size(); ++i) {
            out.push_back({std::move(dossier[i]), company[i],
                           kind[i] == "confirmed" ? link_kind::confirmed : link_kind::exact, std::move(by[i]),
                           at[i]});
        }
        clear();
        return out;
    }
};

constexpr const char* link_columns = "SELECT dossier_id, company_id, kind, linked_by, linked_at FROM company_link";

} // namespace

struct link_repository::impl {
    impl(database& db_, std::string instance)
        : owner(db_), db(db_.internals()), instance_id(std::move(instance)), audit(db, instance_id) {}

    database& owner;
    database::impl& db;
    std::string instance_id;
    detail::audit_writer audit;

    std::string dossier_param;
    Poco::Int64 company_param = 0;
    std::string kind_param;
    std::string by_param;
    Poco::Int64 at_param = 0;
    link_rows rows;

    std::optional<Poco::Data::Statement> by_dossier, by_company, list, upsert, erase;

    std::optional<company_link> find_dossier(const std::string& dossier_id) {
        return detail::guarded("reading the link of dossier " + dossier_id, [&]() -> std::optional<company_link> {
            if (!by_dossier) {
                by_dossier.emplace(db.prepare(std::string(link_columns) +
                                              " WHERE instance_id = $1 AND dossier_id = $2"));
                *by_dossier, use(instance_id), use(dossier_param);
                rows.bind(*by_dossier);
            }
            dossier_param = dossier_id;
            rows.clear();
            by_dossier->execute();
            auto found = rows.take();
            if (found.empty()) {
                return std::nullopt;
            }
            return std::move(found.front());
        });
    }

    std::optional<company_link> find_company(std::int64_t company_id) {
        return detail::guarded("reading the link of company " + std::to_string(company_id),
                               [&]() -> std::optional<company_link> {
                                   if (!by_company) {
                                       by_company.emplace(db.prepare(std::string(link_columns) +
                                                                     " WHERE instance_id = $1 AND company_id = $2"));
                                       *by_company, use(instance_id), use(company_param);
                                       rows.bind(*by_company);
                                   }
                                   company_param = company_id;
                                   rows.clear();
                                   by_company->execute();
                                   auto found = rows.take();
                                   if (found.empty()) {
                                       return std::nullopt;
                                   }
                                   return std::move(found.front());
                               });
    }
};

link_repository::link_repository(database& db, std::string instance_id)
    : impl_(std::make_unique<impl>(db, std::move(instance_id))) {
    detail::require_nonempty_text(impl_->instance_id, "instance_id", "company links");
}

link_repository::~link_repository() = default;

bool link_repository::link(const company_link& link) {
    auto& s = *impl_;
    detail::require_nonempty_text(link.dossier_id, "dossier_id", "company link");
    detail::require_text(link.linked_by, "linked_by", "company link");

    transaction tx(s.owner);
    const auto of_dossier = s.find_dossier(link.dossier_id);
    if (of_dossier && of_dossier->company_id != link.company_id) {
        throw link_conflict(conflict_kind::dossier_already_linked,
                            {"", of_dossier->dossier_id, of_dossier->company_id, 0},
                            "dossier " + detail::shown(link.dossier_id) + " is already linked to company " +
                                std::to_string(of_dossier->company_id) + ": unlink it first");
    }
    const auto of_company = s.find_company(link.company_id);
    if (of_company && of_company->dossier_id != link.dossier_id) {
        throw link_conflict(conflict_kind::company_already_linked,
                            {"", of_company->dossier_id, of_company->company_id, 0},
                            "company " + std::to_string(link.company_id) + " is already linked to dossier " +
                                detail::shown(of_company->dossier_id) + ": unlink it first");
    }
    // A confirmed link is never downgraded to exact.
    link_kind kind = link.kind;
    if (of_dossier && of_dossier->kind == link_kind::confirmed) {
        kind = link_kind::confirmed;
    }
    if (of_dossier && of_dossier->kind == kind) {
        tx.commit();
        return false;
    }
    detail::guarded("linking dossier " + detail::shown(link.dossier_id), [&] {
        if (!s.upsert) {
            s.upsert.emplace(s.db.prepare(
                "INSERT INTO company_link (instance_id, dossier_id, company_id, kind, linked_by, linked_at)"
                " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (instance_id, dossier_id) DO UPDATE SET"
                " kind = excluded.kind, linked_by = excluded.linked_by, linked_at = excluded.linked_at"));
            *s.upsert, use(s.instance_id), use(s.dossier_param), use(s.company_param), use(s.kind_param),
                use(s.by_param), use(s.at_param);
        }
        s.dossier_param = link.dossier_id;
        s.company_param = link.company_id;
        s.kind_param = std::string(to_string(kind));
        s.by_param = link.linked_by;
        s.at_param = link.linked_at;
        s.upsert->execute();
    });
    s.audit.append(link.linked_at, link.linked_by, "company_link.linked", "dossier:" + link.dossier_id,
                   detail::json_object()
                       .add("dossier_id", link.dossier_id)
                       .add("company_id", link.company_id)
                       .add("kind", to_string(kind))
                       .str());
    tx.commit();
    return true;
}

bool link_repository::unlink_dossier(const std::string& dossier_id, const std::string& actor, epoch_ms at) {
    auto& s = *impl_;
    detail::require_nonempty_text(dossier_id, "dossier_id", "company unlink");
    detail::require_text(actor, "actor", "company unlink");
    transaction tx(s.owner);
    const auto existing = s.find_dossier(dossier_id);
    if (!existing) {
        tx.commit();
        return false;
    }
    detail::guarded("unlinking dossier " + detail::shown(dossier_id), [&] {
        if (!s.erase) {
            s.erase.emplace(s.db.prepare("DELETE FROM company_link WHERE instance_id = $1 AND dossier_id = $2"));
            *s.erase, use(s.instance_id), use(s.dossier_param);
        }
        s.dossier_param = dossier_id;
        s.erase->execute();
    });
    s.audit.append(at, actor, "company_link.unlinked", "dossier:" + dossier_id,
                   detail::json_object()
                       .add("dossier_id", dossier_id)
                       .add("company_id", existing->company_id)
                       .add("kind", to_string(existing->kind))
                       .str());
    tx.commit();
    return true;
}

std::vector<company_link> link_repository::list() {
    auto& s = *impl_;
    return detail::guarded("listing the company links of instance " + s.instance_id, [&] {
        if (!s.list) {
            s.list.emplace(s.db.prepare(std::string(link_columns) + " WHERE instance_id = $1 ORDER BY dossier_id"));
            *s.list, use(s.instance_id);
            s.rows.bind(*s.list);
        }
        s.rows.clear();
        s.list->execute();
        return s.rows.take();
    });
}

std::optional<company_link> link_repository::find_by_dossier(const std::string& dossier_id) {
    return impl_->find_dossier(dossier_id);
}

std::optional<company_link> link_repository::find_by_company(std::int64_t company_id) {
    return impl_->find_company(company_id);
}

} // namespace jd::store
