#include "store/lease.hpp"

#include "database_impl.hpp"
#include "errors_from_poco.hpp"
#include "store/database.hpp"
#include "store/error.hpp"
#include "text_rules.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <random>

namespace jd::store {

using namespace Poco::Data::Keywords;

struct lease_repository::impl {
    impl(database& db_, std::string instance) : db(db_.internals()), instance_id(std::move(instance)) {}

    database::impl& db;
    std::string instance_id;
    std::string holder;
    Poco::Int64 now = 0;
    Poco::Int64 expires = 0;
    std::vector<std::string> holders;
    std::vector<Poco::Int64> acquired, expiries;
    std::optional<Poco::Data::Statement> acquire, renew, release, current;

    // A lease must be visible to other nodes as soon as it is taken: never inside a caller's transaction.
    void require_autocommit(std::string_view call) const {
        if (db.depth > 0) {
            throw store_error(error_code::usage, "lease " + std::string(call) +
                                                     " must not run inside a store::transaction: it commits at once");
        }
    }

    template <typename Bind>
    Poco::Data::Statement& statement(std::optional<Poco::Data::Statement>& slot, const char* sql, Bind bind) {
        if (!slot) {
            slot.emplace(db.prepare(sql));
            bind(*slot);
        }
        return *slot;
    }
};

lease_repository::lease_repository(database& db, std::string instance_id)
    : impl_(std::make_unique<impl>(db, std::move(instance_id))) {
    detail::require_nonempty_text(impl_->instance_id, "instance_id", "lease");
}

lease_repository::~lease_repository() = default;

std::string lease_repository::make_holder_id() {
    std::array<char, 256> host{};
    if (gethostname(host.data(), host.size() - 1) != 0) {
        host[0] = '\0';
    }
    std::random_device device;
    const auto random = (static_cast<std::uint64_t>(device()) << 32U) ^ device();
    char suffix[64];
    std::snprintf(suffix, sizeof suffix, ":%ld:%016llx", static_cast<long>(getpid()),
                  static_cast<unsigned long long>(random));
    return detail::repaired_text(host.data()) + suffix;
}

bool lease_repository::acquire(const std::string& holder, epoch_ms now, std::int64_t ttl_ms) {
    auto& s = *impl_;
    s.require_autocommit("acquire");
    detail::require_nonempty_text(holder, "holder", "lease");
    return detail::guarded("taking the sync lease of instance " + s.instance_id, [&] {
        auto& st = s.statement(
            s.acquire,
            "INSERT INTO sync_lease (instance_id, holder, acquired_at, expires_at) VALUES ($1, $2, $3, $4)"
            " ON CONFLICT (instance_id) DO UPDATE SET holder = excluded.holder,"
            " acquired_at = CASE WHEN sync_lease.holder = excluded.holder THEN sync_lease.acquired_at"
            " ELSE excluded.acquired_at END, expires_at = excluded.expires_at"
            " WHERE sync_lease.expires_at < $3 OR sync_lease.holder = excluded.holder",
            [&](Poco::Data::Statement& x) { x, use(s.instance_id), use(s.holder), use(s.now), use(s.expires); });
        s.holder = holder;
        s.now = now;
        s.expires = now + ttl_ms;
        return st.execute() > 0;
    });
}

bool lease_repository::renew(const std::string& holder, epoch_ms now, std::int64_t ttl_ms) {
    auto& s = *impl_;
    s.require_autocommit("renew");
    return detail::guarded("renewing the sync lease of instance " + s.instance_id, [&] {
        auto& st = s.statement(s.renew,
                               "UPDATE sync_lease SET expires_at = $3 WHERE instance_id = $1 AND holder = $2",
                               [&](Poco::Data::Statement& x) { x, use(s.instance_id), use(s.holder), use(s.expires); });
        s.holder = holder;
        s.expires = now + ttl_ms;
        return st.execute() > 0;
    });
}

bool lease_repository::release(const std::string& holder) {
    auto& s = *impl_;
    s.require_autocommit("release");
    return detail::guarded("releasing the sync lease of instance " + s.instance_id, [&] {
        auto& st = s.statement(s.release, "DELETE FROM sync_lease WHERE instance_id = $1 AND holder = $2",
                               [&](Poco::Data::Statement& x) { x, use(s.instance_id), use(s.holder); });
        s.holder = holder;
        return st.execute() > 0;
    });
}

std::optional<lease_info> lease_repository::current() {
    auto& s = *impl_;
    return detail::guarded("reading the sync lease of instance " + s.instance_id, [&]() -> std::optional<lease_info> {
        auto& st = s.statement(s.current,
                               "SELECT holder, acquired_at, expires_at FROM sync_lease WHERE instance_id = $1",
                               [&](Poco::Data::Statement& x) {
                                   x, use(s.instance_id), into(s.holders), into(s.acquired), into(s.expiries);
                               });
        s.holders.clear();
        s.acquired.clear();
        s.expiries.clear();
        st.execute();
        if (s.holders.empty()) {
            return std::nullopt;
        }
        return lease_info{s.holders.front(), s.acquired.front(), s.expiries.front()};
    });
}

} // namespace jd::store
