#pragma once
// What the sync tests, the crash driver and the benchmark share: a throw-away place for the plugin's store
// (SQLite directory or a fresh PostgreSQL schema), an in-process reference host with its ledger, a client
// configuration pointing at the simulator, links and activations set from the simulator's truth, and the
// comparison of the host's ledger with what the truth expects.

#include "jedeclare/client_config.hpp"
#include "store/database.hpp"
#include "store/instance_store.hpp"

#include "refhost/clock.hpp"
#include "refhost/database.hpp"
#include "refhost/home.hpp"
#include "refhost/host_services.hpp"
#include "refhost/host_table.hpp"
#include "refhost/logger.hpp"
#include "refhost/progress.hpp"
#include "refhost/secret_store.hpp"

#include <host_sdk/host.hpp>

#include <boost/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sync_test {

/// A fresh directory under the system temp dir, removed on destruction (unless keep()).
class temp_dir {
public:
    explicit temp_dir(const std::string& prefix = "jd-sync-test");
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    void keep() noexcept { keep_ = true; }

private:
    std::filesystem::path path_;
    bool keep_ = false;
};

/// A unique suffix: pid, counter, random.
[[nodiscard]] std::string unique_suffix();

/// JD_TEST_PG_DSN, or nullopt.
[[nodiscard]] std::optional<std::string> pg_dsn();

/// Where the plugin's store lives.
class store_place {
public:
    virtual ~store_place() = default;
    [[nodiscard]] virtual jd::store::backend kind() const = 0;
    /// A new connection.
    [[nodiscard]] virtual std::unique_ptr<jd::store::database> open() const = 0;
    /// "sqlite:DIR" or "postgresql:SCHEMA" (with JD_TEST_PG_DSN), for a child process.
    [[nodiscard]] virtual std::string description() const = 0;

    /// A SQLite database in `directory`.
    static std::unique_ptr<store_place> sqlite(const std::filesystem::path& directory);
    /// A fresh schema on JD_TEST_PG_DSN, dropped on destruction unless `keep` (then `schema` is reused).
    static std::unique_ptr<store_place> postgresql(const std::string& dsn, const std::string& schema = {},
                                                   bool drop_at_end = true);
    /// Reads description(); PostgreSQL places read this way are never dropped.
    static std::unique_ptr<store_place> from_description(const std::string& text);
};

/// A progress event as the host received it.
struct progress_event {
    std::string operation_id;
    std::string phase;
    std::uint64_t done = 0;
    std::uint64_t total = 0;
};

/// The reference host's services over a home directory (kept across processes), with a host table for one
/// instance of the "jedeclare" provider. Progress events are recorded.
class host_env {
public:
    host_env(const std::filesystem::path& home, const std::string& instance_id);
    ~host_env();
    host_env(const host_env&) = delete;
    host_env& operator=(const host_env&) = delete;

    [[nodiscard]] host_sdk::host host() const noexcept { return host_sdk::host(&api_); }
    [[nodiscard]] refhost::database& db() noexcept { return *db_; }

    /// Seeds users, companies and bank accounts (contract A).
    void seed(const boost::json::object& seed);

    /// Ledger totals per (company, bank account).
    struct totals {
        std::int64_t movements = 0;
        std::int64_t sum_minor = 0;
        friend bool operator==(const totals&, const totals&) = default;
    };
    using ledger_map = std::map<std::pair<std::int64_t, std::int64_t>, totals>;
    [[nodiscard]] ledger_map ledger();
    [[nodiscard]] std::int64_t ledger_count();

    [[nodiscard]] std::vector<progress_event> progress_events() const;
    void clear_progress_events();

private:
    static void capture_progress(void* ctx, const char* operation_id, const char* phase, std::uint64_t done,
                                 std::uint64_t total);
    static std::mutex& recorders_mutex();
    static std::map<void*, host_env*>& recorders();

    refhost::home_layout home_;
    refhost::system_clock clock_;
    std::unique_ptr<refhost::database> db_;
    std::unique_ptr<refhost::logger> log_;
    std::unique_ptr<refhost::progress_display> progress_;
    std::unique_ptr<refhost::secret_store> secrets_;
    std::unique_ptr<refhost::host_services> services_;
    std::unique_ptr<refhost::host_table> table_;
    hs_host_api_v1 api_{};
    mutable std::mutex events_mutex_;
    std::vector<progress_event> events_;
};

using ledger_map = host_env::ledger_map;

/// Simulator coordinates, from its ready file (contract B) or the fixture.
struct sim_endpoint {
    std::string soap_url;
    std::string gestion_url;
    std::string ca_file;
    std::string login;
    std::string password;
    std::string gestion_account_id;
};

[[nodiscard]] sim_endpoint endpoint_from_ready(const boost::json::object& ready, std::size_t compte = 0);

/// A client configuration for the simulator: short retries and timeouts so that fault tests stay quick.
[[nodiscard]] jd::jedeclare::client_config client_config_for(const sim_endpoint& sim, bool quick = true);

struct linked_rib {
    std::string rib_key;
    std::int64_t company_id = 0;
    std::int64_t bank_account_id = 0;
    bool active = false;
};

/// What the ledger must hold once everything linked is delivered.
struct link_plan {
    std::vector<linked_rib> linked;
    ledger_map expected;                   ///< per linked and active (company, bank account)
    std::int64_t expected_movements = 0;
    std::vector<std::int64_t> inactive_companies; ///< linked but left inactive
    ledger_map held_back;                  ///< what the inactive companies would receive once activated
    std::size_t ribs_linked = 0;
    std::size_t ribs_unlinked = 0;         ///< RIBs of the compte with no intended bank account
};

/// Links every RIB of the compte `login` that has an intended bank account (exact or not: an admin would
/// confirm the others), and activates each linked company for which `activate(company_id)` is true.
[[nodiscard]] link_plan link_from_truth(jd::store::instance_store& store, const boost::json::object& truth,
                                        const std::string& login,
                                        const std::function<bool(std::int64_t)>& activate = {});

/// "" when equal, else a readable list of differences.
[[nodiscard]] std::string compare_ledgers(const ledger_map& expected, const ledger_map& actual);

} // namespace sync_test
