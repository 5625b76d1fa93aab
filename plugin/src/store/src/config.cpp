#include "store/config.hpp"

#include "audit_writer.hpp"
#include "errors_from_poco.hpp"
#include "json_text.hpp"
#include "store/database.hpp"
#include "store/transaction.hpp"
#include "text_rules.hpp"

#include <array>
#include <utility>

namespace jd::store {

using namespace Poco::Data::Keywords;

namespace {

// Field name and member, in column order.
using text_member = std::string instance_config::*;
constexpr std::array<std::pair<const char*, text_member>, 9> text_fields{{
    {"login", &instance_config::login},
    {"gestion_account_id", &instance_config::gestion_account_id},
    {"editeur", &instance_config::editeur},
    {"logiciel", &instance_config::logiciel},
    {"version", &instance_config::version},
    {"soap_url", &instance_config::soap_url},
    {"gestion_url", &instance_config::gestion_url},
    {"ca_bundle", &instance_config::ca_bundle},
    {"password_ref", &instance_config::password_ref},
}};

} // namespace

struct config_repository::impl {
    impl(database& db_, std::string instance)
        : owner(db_), db(db_.internals()), instance_id(std::move(instance)), audit(db, instance_id) {}

    database& owner;
    database::impl& db;
    std::string instance_id;
    detail::audit_writer audit;
    instance_config row;  // bound to the statements below
    Poco::Int64 updated_at = 0;
    struct select_columns {
        std::vector<std::string> login, account, editeur, logiciel, version, soap, gestion, ca, ref, by;
        std::vector<Poco::Int64> at;
        void clear() {
            for (auto* column : {&login, &account, &editeur, &logiciel, &version, &soap, &gestion, &ca, &ref, &by}) {
                column->clear();
            }
            at.clear();
        }
    } columns; // into() appends: cleared before each execution
    std::optional<Poco::Data::Statement> select;
    std::optional<Poco::Data::Statement> upsert;
    std::optional<Poco::Data::Statement> erase;
};

config_repository::config_repository(database& db, std::string instance_id)
    : impl_(std::make_unique<impl>(db, std::move(instance_id))) {
    detail::require_nonempty_text(impl_->instance_id, "instance_id", "configuration");
}

config_repository::~config_repository() = default;

std::optional<instance_config> config_repository::get() {
    auto& s = *impl_;
    auto& c = s.columns;
    detail::guarded("reading the configuration of instance " + s.instance_id, [&] {
        if (!s.select) {
            s.select.emplace(s.db.prepare(
                "SELECT login, gestion_account_id, editeur, logiciel, version, soap_url, gestion_url, ca_bundle,"
                " password_ref, updated_by, updated_at FROM instance_config WHERE instance_id = $1"));
            *s.select, use(s.instance_id), into(c.login), into(c.account), into(c.editeur), into(c.logiciel),
                into(c.version), into(c.soap), into(c.gestion), into(c.ca), into(c.ref), into(c.by), into(c.at);
        }
        c.clear();
        s.select->execute();
    });
    if (c.login.empty()) {
        return std::nullopt;
    }
    instance_config config;
    config.login = c.login[0];
    config.gestion_account_id = c.account[0];
    config.editeur = c.editeur[0];
    config.logiciel = c.logiciel[0];
    config.version = c.version[0];
    config.soap_url = c.soap[0];
    config.gestion_url = c.gestion[0];
    config.ca_bundle = c.ca[0];
    config.password_ref = c.ref[0];
    config.updated_by = c.by[0];
    config.updated_at = c.at[0];
    return config;
}

int config_repository::save(const instance_config& config) {
    auto& s = *impl_;
    const std::string where = "configuration of instance " + s.instance_id;
    for (const auto& [name, member] : text_fields) {
        detail::require_text(config.*member, name, where);
    }
    detail::require_text(config.updated_by, "updated_by", where);

    transaction tx(s.owner);
    const auto previous = get();
    detail::json_object changed;
    int changes = 0;
    for (const auto& [name, member] : text_fields) {
        if (!previous || (*previous).*member != config.*member) {
            changed.add(name, config.*member);
            ++changes;
        }
    }
    if (changes == 0) {
        tx.commit();
        return 0;
    }
    detail::guarded("saving the " + where, [&] {
        if (!s.upsert) {
            s.upsert.emplace(s.db.prepare(
                "INSERT INTO instance_config (instance_id, login, gestion_account_id, editeur, logiciel, version,"
                " soap_url, gestion_url, ca_bundle, password_ref, updated_at, updated_by)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                " ON CONFLICT (instance_id) DO UPDATE SET login = excluded.login,"
                " gestion_account_id = excluded.gestion_account_id, editeur = excluded.editeur,"
                " logiciel = excluded.logiciel, version = excluded.version, soap_url = excluded.soap_url,"
                " gestion_url = excluded.gestion_url, ca_bundle = excluded.ca_bundle,"
                " password_ref = excluded.password_ref, updated_at = excluded.updated_at,"
                " updated_by = excluded.updated_by"));
            *s.upsert, use(s.instance_id), use(s.row.login), use(s.row.gestion_account_id), use(s.row.editeur),
                use(s.row.logiciel), use(s.row.version), use(s.row.soap_url), use(s.row.gestion_url),
                use(s.row.ca_bundle), use(s.row.password_ref), use(s.updated_at), use(s.row.updated_by);
        }
        s.row = config;
        s.updated_at = config.updated_at;
        s.upsert->execute();
    });
    s.audit.append(config.updated_at, config.updated_by, "config.saved", "instance:" + s.instance_id,
                   detail::json_object().add_raw("changed", changed.str()).str());
    tx.commit();
    return changes;
}

bool config_repository::remove(const std::string& actor, epoch_ms at) {
    auto& s = *impl_;
    detail::require_text(actor, "actor", "removing the configuration");
    transaction tx(s.owner);
    const auto removed = detail::guarded("removing the configuration of instance " + s.instance_id, [&] {
        if (!s.erase) {
            s.erase.emplace(s.db.prepare("DELETE FROM instance_config WHERE instance_id = $1"));
            *s.erase, use(s.instance_id);
        }
        return s.erase->execute();
    });
    if (removed > 0) {
        s.audit.append(at, actor, "config.removed", "instance:" + s.instance_id, "{}");
    }
    tx.commit();
    return removed > 0;
}

} // namespace jd::store
