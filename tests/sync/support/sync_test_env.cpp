#include "sync_test_env.hpp"

#include "refhost/ledger.hpp"
#include "refhost/seed.hpp"

#include "store/activation.hpp"
#include "store/bank_links.hpp"
#include "store/error.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

namespace sync_test {

namespace json = boost::json;

// ---------------------------------------------------------------------------------------------------------------
temp_dir::temp_dir(const std::string& prefix) {
    path_ = std::filesystem::temp_directory_path() / (prefix + "-" + unique_suffix());
    std::filesystem::create_directories(path_);
}

temp_dir::~temp_dir() {
    if (keep_) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string unique_suffix() {
    static std::atomic<int> counter{0};
    std::random_device device;
    return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(device() % 1000000U);
}

std::optional<std::string> pg_dsn() {
    const char* value = std::getenv("JD_TEST_PG_DSN");
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}

// ---------------------------------------------------------------------------------------------------------------
namespace {

class sqlite_place final : public store_place {
public:
    explicit sqlite_place(std::filesystem::path directory) : directory_(std::move(directory)) {}
    jd::store::backend kind() const override { return jd::store::backend::sqlite; }
    std::unique_ptr<jd::store::database> open() const override {
        jd::store::sqlite_settings settings;
        settings.data_directory = directory_;
        return jd::store::database::open_sqlite(settings);
    }
    std::string description() const override { return "sqlite:" + directory_.string(); }

private:
    std::filesystem::path directory_;
};

void pg_exec(const std::string& dsn, const std::string& sql) {
    PGconn* conn = PQconnectdb(dsn.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
        const std::string message = PQerrorMessage(conn);
        PQfinish(conn);
        throw std::runtime_error("test postgresql: cannot connect: " + message);
    }
    PGresult* result = PQexec(conn, ("SET client_min_messages TO warning; " + sql).c_str());
    const auto status = PQresultStatus(result);
    const std::string message = PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(conn);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        throw std::runtime_error("test postgresql: " + message + " in: " + sql);
}

class postgresql_place final : public store_place {
public:
    postgresql_place(std::string dsn, std::string schema, bool drop_at_end)
        : dsn_(std::move(dsn)), schema_(std::move(schema)), drop_(drop_at_end) {
        if (schema_.empty()) schema_ = "jd_sync_" + unique_suffix();
        pg_exec(dsn_, "CREATE SCHEMA IF NOT EXISTS " + schema_);
    }
    ~postgresql_place() override {
        if (!drop_) return;
        try {
            pg_exec(dsn_, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
        } catch (...) {
        }
    }
    jd::store::backend kind() const override { return jd::store::backend::postgresql; }
    std::unique_ptr<jd::store::database> open() const override {
        jd::store::postgresql_settings settings;
        settings.connection_string = dsn_ + " options=-csearch_path=" + schema_;
        return jd::store::database::open_postgresql(settings, "");
    }
    std::string description() const override { return "postgresql:" + schema_; }

private:
    std::string dsn_;
    std::string schema_;
    bool drop_;
};

} // namespace

std::unique_ptr<store_place> store_place::sqlite(const std::filesystem::path& directory) {
    return std::make_unique<sqlite_place>(directory);
}

std::unique_ptr<store_place> store_place::postgresql(const std::string& dsn, const std::string& schema,
                                                     bool drop_at_end) {
    return std::make_unique<postgresql_place>(dsn, schema, drop_at_end);
}

std::unique_ptr<store_place> store_place::from_description(const std::string& text) {
    if (text.rfind("sqlite:", 0) == 0) return sqlite(text.substr(7));
    if (text.rfind("postgresql:", 0) == 0) {
        const auto dsn = pg_dsn();
        if (!dsn) throw std::runtime_error("postgresql store without JD_TEST_PG_DSN");
        return postgresql(*dsn, text.substr(11), false);
    }
    throw std::runtime_error("unknown store place: " + text);
}

// ---------------------------------------------------------------------------------------------------------------
host_env::host_env(const std::filesystem::path& home, const std::string& instance_id)
    : home_{home}, clock_(std::nullopt) {
    home_.ensure();
    db_ = std::make_unique<refhost::database>(home_.database());
    log_ = std::make_unique<refhost::logger>(home_.log_file(), clock_, false);
    progress_ = std::make_unique<refhost::progress_display>(nullptr, false, clock_);
    secrets_ = std::make_unique<refhost::secret_store>(*db_, home_.secrets_key());
    services_ = std::make_unique<refhost::host_services>(
        refhost::host_services{home_, *db_, *secrets_, *log_, *progress_, clock_});
    table_ = std::make_unique<refhost::host_table>(*services_, "jedeclare", instance_id);
    api_ = *table_->api();
    // Progress goes through a recorder of ours; every other service is the reference host's.
    api_.progress = &host_env::capture_progress;
    std::lock_guard<std::mutex> guard(recorders_mutex());
    recorders()[api_.ctx] = this;
}

host_env::~host_env() {
    std::lock_guard<std::mutex> guard(recorders_mutex());
    recorders().erase(api_.ctx);
}

std::mutex& host_env::recorders_mutex() {
    static std::mutex mutex;
    return mutex;
}

std::map<void*, host_env*>& host_env::recorders() {
    static std::map<void*, host_env*> map;
    return map;
}

void host_env::capture_progress(void* ctx, const char* operation_id, const char* phase, std::uint64_t done,
                                std::uint64_t total) {
    host_env* self = nullptr;
    {
        std::lock_guard<std::mutex> guard(recorders_mutex());
        const auto found = recorders().find(ctx);
        if (found != recorders().end()) self = found->second;
    }
    if (self == nullptr) return;
    std::lock_guard<std::mutex> guard(self->events_mutex_);
    if (self->events_.size() > 100000) return;
    self->events_.push_back({operation_id ? operation_id : "", phase ? phase : "", done, total});
}

std::vector<progress_event> host_env::progress_events() const {
    std::lock_guard<std::mutex> guard(events_mutex_);
    return events_;
}

void host_env::clear_progress_events() {
    std::lock_guard<std::mutex> guard(events_mutex_);
    events_.clear();
}

void host_env::seed(const json::object& seed) {
    refhost::apply_seed(*db_, refhost::parse_seed(json::serialize(seed), "host-seed.json"));
}

ledger_map host_env::ledger() {
    ledger_map out;
    const auto rows = db_->with_session([](Poco::Data::Session& session) { return refhost::ledger::summary(session); });
    for (const auto& row : rows) {
        auto& entry = out[{row.company_id, row.bank_account_id}];
        entry.movements += row.movements;
        entry.sum_minor += row.sum_minor;
    }
    return out;
}

std::int64_t host_env::ledger_count() {
    return db_->with_session([](Poco::Data::Session& session) { return refhost::ledger::count(session); });
}

// ---------------------------------------------------------------------------------------------------------------
sim_endpoint endpoint_from_ready(const json::object& ready, std::size_t compte) {
    sim_endpoint out;
    out.soap_url = std::string(ready.at("soap_url").as_string());
    out.gestion_url = std::string(ready.at("gestion_url").as_string());
    out.ca_file = std::string(ready.at("ca_file").as_string());
    const auto& comptes = ready.at("comptes").as_array();
    const auto& c = comptes.at(compte).as_object();
    out.login = std::string(c.at("login").as_string());
    out.password = std::string(c.at("password").as_string());
    if (const auto* id = c.if_contains("gestion_account_id"); id != nullptr && id->is_string())
        out.gestion_account_id = std::string(id->as_string());
    return out;
}

jd::jedeclare::client_config client_config_for(const sim_endpoint& sim, bool quick) {
    jd::jedeclare::client_config config;
    config.soap_url = sim.soap_url;
    config.gestion_url = sim.gestion_url;
    config.ca_file = sim.ca_file;
    config.credentials.login = sim.login;
    config.credentials.password = jd::jedeclare::secret(sim.password);
    config.credentials.gestion_account_id = sim.gestion_account_id;
    config.identification.editeur = "jedeclare-aggregator";
    config.identification.logiciel = "sync-tests";
    config.identification.version = "1.0";
    config.jitter_seed = 7;
    if (quick) {
        config.retry.max_attempts = 4;
        config.retry.base_delay = std::chrono::milliseconds(20);
        config.retry.max_delay = std::chrono::milliseconds(200);
        config.retry.max_jitter = std::chrono::milliseconds(10);
        config.retry.retry_after_cap = std::chrono::milliseconds(1500);
        config.timeouts.connect = std::chrono::milliseconds(3000);
        config.timeouts.handshake = std::chrono::milliseconds(3000);
        config.timeouts.write = std::chrono::milliseconds(3000);
        config.timeouts.read = std::chrono::milliseconds(1500);
        config.timeouts.call = std::chrono::milliseconds(8000);
    }
    return config;
}

// ---------------------------------------------------------------------------------------------------------------
link_plan link_from_truth(jd::store::instance_store& store, const json::object& truth, const std::string& login,
                          const std::function<bool(std::int64_t)>& activate) {
    link_plan plan;
    std::set<std::int64_t> companies;
    std::set<std::int64_t> accounts_used;
    const auto now = jd::store::now_ms();
    for (const auto& value : truth.at("ribs").as_array()) {
        const auto& rib = value.as_object();
        if (const auto* compte = rib.if_contains("compte"); compte != nullptr && compte->is_string() &&
                                                           compte->as_string() != login)
            continue;
        const auto* account = rib.if_contains("intended_bank_account_id");
        const auto* company = rib.if_contains("intended_company_id");
        if (account == nullptr || account->is_null() || company == nullptr || company->is_null()) {
            ++plan.ribs_unlinked;
            continue;
        }
        const auto account_id = account->to_number<std::int64_t>();
        const auto company_id = company->to_number<std::int64_t>();
        if (!accounts_used.insert(account_id).second) {
            ++plan.ribs_unlinked; // a bank account receives one RIB at most
            continue;
        }
        jd::store::bank_link link;
        link.rib_key = std::string(rib.at("rib_key").as_string());
        link.company_id = company_id;
        link.bank_account_id = account_id;
        link.linked_by = "test";
        link.linked_at = now;
        store.bank_links().set(link);
        ++plan.ribs_linked;
        companies.insert(company_id);
        const bool active = !activate || activate(company_id);
        plan.linked.push_back({link.rib_key, company_id, account_id, active});
        auto& target = active ? plan.expected : plan.held_back;
        auto& entry = target[{company_id, account_id}];
        entry.movements += rib.at("movements").to_number<std::int64_t>();
        entry.sum_minor += rib.at("sum_minor").to_number<std::int64_t>();
        if (active) plan.expected_movements += rib.at("movements").to_number<std::int64_t>();
    }
    for (const auto company_id : companies) {
        const bool active = !activate || activate(company_id);
        if (!active) {
            plan.inactive_companies.push_back(company_id);
            continue;
        }
        jd::store::company_activation activation;
        activation.company_id = company_id;
        activation.active = true;
        activation.changed_by = "test";
        activation.changed_at = now;
        store.activations().set(activation);
    }
    // Accounts that hold no movement at all do not show in the ledger.
    for (auto it = plan.expected.begin(); it != plan.expected.end();)
        it = it->second.movements == 0 ? plan.expected.erase(it) : std::next(it);
    for (auto it = plan.held_back.begin(); it != plan.held_back.end();)
        it = it->second.movements == 0 ? plan.held_back.erase(it) : std::next(it);
    return plan;
}

std::string compare_ledgers(const ledger_map& expected, const ledger_map& actual) {
    std::ostringstream out;
    std::size_t shown = 0;
    std::int64_t expected_total = 0, actual_total = 0;
    for (const auto& [key, totals] : expected) expected_total += totals.movements;
    for (const auto& [key, totals] : actual) actual_total += totals.movements;
    for (const auto& [key, totals] : expected) {
        const auto found = actual.find(key);
        const host_env::totals got = found != actual.end() ? found->second : host_env::totals{};
        if (!(got == totals) && shown++ < 10)
            out << "company " << key.first << " account " << key.second << ": expected " << totals.movements << " ("
                << totals.sum_minor << "), ledger " << got.movements << " (" << got.sum_minor << ")\n";
    }
    for (const auto& [key, totals] : actual) {
        if (expected.count(key) == 0 && shown++ < 10)
            out << "company " << key.first << " account " << key.second << ": not expected, ledger " << totals.movements
                << "\n";
    }
    if (shown == 0) return {};
    out << "totals: expected " << expected_total << ", ledger " << actual_total << "\n";
    return out.str();
}

} // namespace sync_test
