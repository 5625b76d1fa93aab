#include "store/dossiers_and_ribs.hpp"

#include "database_impl.hpp"
#include "errors_from_poco.hpp"
#include "store/database.hpp"
#include "store/transaction.hpp"
#include "text_rules.hpp"

#include <Poco/Nullable.h>

namespace jd::store {

using namespace Poco::Data::Keywords;

std::string_view to_string(rib_source source) noexcept {
    return source == rib_source::gestion ? "gestion" : "statement";
}

bool is_rib_key(std::string_view text) noexcept {
    if (text.size() != 21) {
        return false;
    }
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
            return false;
        }
    }
    return true;
}

namespace {

constexpr const char* dossier_columns = "dossier_id, rs, siren, nic, first_seen_at, last_seen_at";
constexpr const char* rib_columns = "rib_key, dossier_id, iban, label, source, first_seen_at, last_seen_at";

struct dossier_rows {
    std::vector<std::string> id, rs, siren, nic;
    std::vector<Poco::Int64> first, last;
    void clear() {
        id.clear();
        rs.clear();
        siren.clear();
        nic.clear();
        first.clear();
        last.clear();
    }
    void bind(Poco::Data::Statement& statement) {
        statement, into(id), into(rs), into(siren), into(nic), into(first), into(last);
    }
    std::vector<remote_dossier> take() {
        std::vector<remote_dossier> out;
        out.reserve(id.size());
        for (std::size_t i = 0; i < id.size(); ++i) {
            out.push_back({std::move(id[i]), std::move(rs[i]), std::move(siren[i]), std::move(nic[i]), first[i],
                           last[i]});
        }
        clear();
        return out;
    }
};

struct rib_rows {
    std::vector<std::string> key;
    std::vector<Poco::Nullable<std::string>> dossier;
    std::vector<std::string> iban, label, source;
    std::vector<Poco::Int64> first, last;
    void clear() {
        key.clear();
        dossier.clear();
        iban.clear();
        label.clear();
        source.clear();
        first.clear();
        last.clear();
    }
    void bind(Poco::Data::Statement& statement) {
        statement, into(key), into(dossier), into(iban), into(label), into(source), into(first), into(last);
    }
    std::vector<remote_rib> take() {
        std::vector<remote_rib> out;
        out.reserve(key.size());
        for (std::size_t i = 0; i < key.size(); ++i) {
            remote_rib rib;
            rib.rib_key = std::move(key[i]);
            if (!dossier[i].isNull()) {
                rib.dossier_id = dossier[i].value();
            }
            rib.iban = std::move(iban[i]);
            rib.label = std::move(label[i]);
            rib.source = source[i] == "gestion" ? rib_source::gestion : rib_source::statement;
            rib.first_seen_at = first[i];
            rib.last_seen_at = last[i];
            out.push_back(std::move(rib));
        }
        clear();
        return out;
    }
};

} // namespace

struct dossier_repository::impl {
    impl(database& db_, std::string instance) : owner(db_), db(db_.internals()), instance_id(std::move(instance)) {}

    database& owner;
    database::impl& db;
    std::string instance_id;

    // Parameters bound by reference.
    remote_dossier dossier;
    std::string rib_key;
    Poco::Nullable<std::string> rib_dossier;
    std::string rib_iban;
    std::string rib_label;
    std::string rib_source_text;
    Poco::Int64 seen_at = 0;
    std::string key_param;

    dossier_rows dossiers;
    rib_rows ribs;

    std::optional<Poco::Data::Statement> insert_dossier, update_dossier, list_dossiers, find_dossier;
    std::optional<Poco::Data::Statement> insert_rib, update_rib_gestion, update_rib_statement;
    std::optional<Poco::Data::Statement> list_ribs, list_ribs_of_dossier, find_rib;
};

dossier_repository::dossier_repository(database& db, std::string instance_id)
    : impl_(std::make_unique<impl>(db, std::move(instance_id))) {
    detail::require_nonempty_text(impl_->instance_id, "instance_id", "dossiers");
}

dossier_repository::~dossier_repository() = default;

std::int64_t dossier_repository::record_dossiers(const std::vector<remote_dossier>& dossiers, epoch_ms seen_at) {
    auto& s = *impl_;
    for (std::size_t i = 0; i < dossiers.size(); ++i) {
        const auto& d = dossiers[i];
        const std::string where = "dossier #" + std::to_string(i);
        detail::require_nonempty_text(d.dossier_id, "dossier_id", where);
        detail::require_text(d.rs, "rs", where);
        detail::require_text(d.siren, "siren", where);
        detail::require_text(d.nic, "nic", where);
    }
    transaction tx(s.owner);
    std::int64_t added = 0;
    detail::guarded("recording the dossiers of instance " + s.instance_id, [&] {
        if (!s.insert_dossier) {
            s.insert_dossier.emplace(s.db.prepare(
                "INSERT INTO remote_dossier (instance_id, dossier_id, rs, siren, nic, first_seen_at, last_seen_at)"
                " VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (instance_id, dossier_id) DO NOTHING"));
            *s.insert_dossier, use(s.instance_id), use(s.dossier.dossier_id), use(s.dossier.rs),
                use(s.dossier.siren), use(s.dossier.nic), use(s.seen_at);
            s.update_dossier.emplace(s.db.prepare(
                "UPDATE remote_dossier SET rs = $3, siren = $4, nic = $5,"
                " last_seen_at = CASE WHEN last_seen_at < $6 THEN $6 ELSE last_seen_at END"
                " WHERE instance_id = $1 AND dossier_id = $2"));
            *s.update_dossier, use(s.instance_id), use(s.dossier.dossier_id), use(s.dossier.rs),
                use(s.dossier.siren), use(s.dossier.nic), use(s.seen_at);
        }
        s.seen_at = seen_at;
        for (const auto& d : dossiers) {
            s.dossier = d;
            if (s.insert_dossier->execute() > 0) {
                ++added;
            } else {
                s.update_dossier->execute();
            }
        }
    });
    tx.commit();
    return added;
}

std::vector<remote_dossier> dossier_repository::list_dossiers() {
    auto& s = *impl_;
    return detail::guarded("listing the dossiers of instance " + s.instance_id, [&] {
        if (!s.list_dossiers) {
            s.list_dossiers.emplace(s.db.prepare(std::string("SELECT ") + dossier_columns +
                                                 " FROM remote_dossier WHERE instance_id = $1 ORDER BY dossier_id"));
            *s.list_dossiers, use(s.instance_id);
            s.dossiers.bind(*s.list_dossiers);
        }
        s.dossiers.clear();
        s.list_dossiers->execute();
        return s.dossiers.take();
    });
}

std::optional<remote_dossier> dossier_repository::find_dossier(const std::string& dossier_id) {
    auto& s = *impl_;
    auto rows = detail::guarded("reading dossier " + dossier_id, [&] {
        if (!s.find_dossier) {
            s.find_dossier.emplace(s.db.prepare(std::string("SELECT ") + dossier_columns +
                                                " FROM remote_dossier WHERE instance_id = $1 AND dossier_id = $2"));
            *s.find_dossier, use(s.instance_id), use(s.key_param);
            s.dossiers.bind(*s.find_dossier);
        }
        s.key_param = dossier_id;
        s.dossiers.clear();
        s.find_dossier->execute();
        return s.dossiers.take();
    });
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front());
}

std::int64_t dossier_repository::record_ribs(const std::vector<remote_rib>& ribs, epoch_ms seen_at) {
    auto& s = *impl_;
    for (std::size_t i = 0; i < ribs.size(); ++i) {
        const auto& r = ribs[i];
        const std::string where = "RIB #" + std::to_string(i);
        detail::require_rib_key(r.rib_key, where);
        if (r.dossier_id) {
            detail::require_nonempty_text(*r.dossier_id, "dossier_id", where);
        }
        detail::require_text(r.iban, "iban", where);
        detail::require_text(r.label, "label", where);
    }
    transaction tx(s.owner);
    std::int64_t added = 0;
    detail::guarded("recording the RIBs of instance " + s.instance_id, [&] {
        if (!s.insert_rib) {
            s.insert_rib.emplace(s.db.prepare(
                "INSERT INTO remote_rib (instance_id, rib_key, dossier_id, iban, label, source, first_seen_at,"
                " last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)"
                " ON CONFLICT (instance_id, rib_key) DO NOTHING"));
            *s.insert_rib, use(s.instance_id), use(s.rib_key), use(s.rib_dossier), use(s.rib_iban),
                use(s.rib_label), use(s.rib_source_text), use(s.seen_at);
            // A gestion sighting is the reference: it sets the dossier, IBAN and label.
            s.update_rib_gestion.emplace(s.db.prepare(
                "UPDATE remote_rib SET dossier_id = $3, iban = $4, label = $5, source = 'gestion',"
                " last_seen_at = CASE WHEN last_seen_at < $6 THEN $6 ELSE last_seen_at END"
                " WHERE instance_id = $1 AND rib_key = $2"));
            *s.update_rib_gestion, use(s.instance_id), use(s.rib_key), use(s.rib_dossier), use(s.rib_iban),
                use(s.rib_label), use(s.seen_at);
            // A statement sighting only fills what is unknown.
            s.update_rib_statement.emplace(s.db.prepare(
                "UPDATE remote_rib SET iban = CASE WHEN iban = '' THEN $3 ELSE iban END,"
                " label = CASE WHEN label = '' THEN $4 ELSE label END,"
                " last_seen_at = CASE WHEN last_seen_at < $5 THEN $5 ELSE last_seen_at END"
                " WHERE instance_id = $1 AND rib_key = $2"));
            *s.update_rib_statement, use(s.instance_id), use(s.rib_key), use(s.rib_iban), use(s.rib_label),
                use(s.seen_at);
        }
        s.seen_at = seen_at;
        for (const auto& r : ribs) {
            s.rib_key = r.rib_key;
            s.rib_dossier = r.dossier_id ? Poco::Nullable<std::string>(*r.dossier_id) : Poco::Nullable<std::string>();
            s.rib_iban = r.iban;
            s.rib_label = r.label;
            s.rib_source_text = std::string(to_string(r.source));
            if (s.insert_rib->execute() > 0) {
                ++added;
            } else if (r.source == rib_source::gestion) {
                s.update_rib_gestion->execute();
            } else {
                s.update_rib_statement->execute();
            }
        }
    });
    tx.commit();
    return added;
}

std::vector<remote_rib> dossier_repository::list_ribs() {
    auto& s = *impl_;
    return detail::guarded("listing the RIBs of instance " + s.instance_id, [&] {
        if (!s.list_ribs) {
            s.list_ribs.emplace(s.db.prepare(std::string("SELECT ") + rib_columns +
                                             " FROM remote_rib WHERE instance_id = $1 ORDER BY rib_key"));
            *s.list_ribs, use(s.instance_id);
            s.ribs.bind(*s.list_ribs);
        }
        s.ribs.clear();
        s.list_ribs->execute();
        return s.ribs.take();
    });
}

std::vector<remote_rib> dossier_repository::list_ribs_of_dossier(const std::string& dossier_id) {
    auto& s = *impl_;
    return detail::guarded("listing the RIBs of dossier " + dossier_id, [&] {
        if (!s.list_ribs_of_dossier) {
            s.list_ribs_of_dossier.emplace(
                s.db.prepare(std::string("SELECT ") + rib_columns +
                             " FROM remote_rib WHERE instance_id = $1 AND dossier_id = $2 ORDER BY rib_key"));
            *s.list_ribs_of_dossier, use(s.instance_id), use(s.key_param);
            s.ribs.bind(*s.list_ribs_of_dossier);
        }
        s.key_param = dossier_id;
        s.ribs.clear();
        s.list_ribs_of_dossier->execute();
        return s.ribs.take();
    });
}

std::optional<remote_rib> dossier_repository::find_rib(const std::string& rib_key) {
    auto& s = *impl_;
    auto rows = detail::guarded("reading RIB " + rib_key, [&] {
        if (!s.find_rib) {
            s.find_rib.emplace(s.db.prepare(std::string("SELECT ") + rib_columns +
                                            " FROM remote_rib WHERE instance_id = $1 AND rib_key = $2"));
            *s.find_rib, use(s.instance_id), use(s.key_param);
            s.ribs.bind(*s.find_rib);
        }
        s.key_param = rib_key;
        s.ribs.clear();
        s.find_rib->execute();
        return s.ribs.take();
    });
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front());
}

} // namespace jd::store
