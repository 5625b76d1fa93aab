#pragma once
// The admin flow's test bench: the REAL plugin, loaded by the reference host's code (refhost_core: the SDK
// loader, rights, companies, secret store, log) over a throw-away home, against the JeDéclare simulator over
// TLS on 127.0.0.1. Operations go through the C ABI exactly as in production.
#include "refhost/clock.hpp"
#include "refhost/database.hpp"
#include "refhost/home.hpp"
#include "refhost/host_services.hpp"
#include "refhost/instances.hpp"
#include "refhost/logger.hpp"
#include "refhost/plugin_catalog.hpp"
#include "refhost/progress.hpp"
#include "refhost/secret_store.hpp"
#include "refhost/seed.hpp"

#include "store/database.hpp"
#include "store/instance_store.hpp"

#include <host_sdk/call_context.hpp>
#include <host_sdk/error.hpp>

#include <jdsim/sim_process.hpp>

#include <boost/json.hpp>

#include <filesystem>
#include <map>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace admin_test {

namespace json = boost::json;

/// A fresh directory, removed on destruction.
class temp_directory {
public:
    explicit temp_directory(const std::string& prefix) {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() /
                (prefix + "-" + std::to_string(random()) + "-" + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    temp_directory(const temp_directory&) = delete;
    temp_directory& operator=(const temp_directory&) = delete;
    ~temp_directory() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

inline std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The outcome of one operation: its JSON answer, or the status and message of its refusal.
struct outcome {
    hs_status status = HS_OK;
    std::string message;
    json::value answer;

    [[nodiscard]] bool ok() const noexcept { return status == HS_OK; }
    [[nodiscard]] const json::object& object() const { return answer.as_object(); }
};

inline std::string describe(const outcome& result) {
    if (result.ok()) return "ok " + json::serialize(result.answer).substr(0, 400);
    return std::string(host_sdk::status_name(result.status)) + ": " + result.message;
}

/// The simulator shared by the test cases of one executable (started on first use, stopped at exit).
/// Comptes: the demo one (gestion 4242), one with a distinctive password, one without RELEVE.
struct sim_comptes {
    static constexpr const char* demo_login = "cabinet-demo@jedeclare.com";
    static constexpr const char* demo_password = "Demo-Flux-2024";
    static constexpr const char* canary_login = "cabinet-canari@jedeclare.com";
    static constexpr const char* canary_password = "Kx9-CANARI-s3cr3t-Qz7w";
    static constexpr const char* tva_login = "cabinet-tva@jedeclare.com";
    static constexpr const char* tva_password = "Tva-Seulement-2024";
};

inline jdsim::sim_process& simulator() {
    static jdsim::sim_process sim({"--seed", "7", "--dossiers", "24", "--days", "3",
                                   "--compte", "login=cabinet-demo@jedeclare.com,password=Demo-Flux-2024,gestion=4242,weight=90",
                                   "--compte", "login=cabinet-canari@jedeclare.com,password=Kx9-CANARI-s3cr3t-Qz7w,gestion=4245,weight=10",
                                   "--compte", "login=cabinet-tva@jedeclare.com,password=Tva-Seulement-2024,gestion=4244,"
                                               "procedures=EDI-TVA,weight=0"});
    return sim;
}

/// A form for the simulator (demo compte unless told otherwise).
inline json::object sim_form(const std::string& login = sim_comptes::demo_login,
                             const std::string& password = sim_comptes::demo_password,
                             const std::string& gestion = "4242") {
    auto& sim = simulator();
    return json::object{{"login", login},
                        {"password", password},
                        {"gestion_account_id", gestion},
                        {"soap_url", sim.soap_url()},
                        {"gestion_url", sim.gestion_url()},
                        {"ca_bundle", sim.ca_file()}};
}

/// A reference host over a temporary home, with the build's plugin directory.
class host_bench {
public:
    host_bench()
        : home_{directory_.path() / "home"},
          db_(std::make_unique<refhost::database>((home_.ensure(), home_.database()))),
          log_(home_.log_file(), time_, false),
          progress_(nullptr, false, time_),
          secrets_(*db_, home_.secrets_key()),
          services_{home_, *db_, secrets_, log_, progress_, time_},
          catalog_(services_, {std::filesystem::path(JD_TEST_PLUGIN_DIR)}) {}

    [[nodiscard]] const refhost::home_layout& home() const noexcept { return home_; }
    [[nodiscard]] refhost::database& db() noexcept { return *db_; }
    [[nodiscard]] refhost::plugin_catalog& catalog() noexcept { return catalog_; }

    void seed(const json::value& document) {
        refhost::apply_seed(*db_, refhost::parse_seed(json::serialize(document), "test-seed.json"));
    }

    /// The simulator's host seed, plus a user holding one company's accounting right only.
    json::object simulator_seed() {
        auto seed = simulator().host_seed();
        const auto first_company = seed.at("companies").as_array().at(0).as_object().at("id").as_int64();
        seed.at("users").as_array().push_back(json::object{
            {"id", "accountant"},
            {"display_name", "Camille Comptable"},
            {"rights", json::array{}},
            {"company_rights", json::array{json::object{{"company_id", first_company},
                                                        {"right", "company.accounting_settings"}}}}});
        return seed;
    }

    std::unique_ptr<refhost::open_instance> open(const std::string& instance_id, const std::string& settings = "{}") {
        refhost::instance_record record;
        record.instance_id = instance_id;
        record.provider_id = "jedeclare";
        record.settings_json = settings;
        return catalog_.open(record);
    }

    /// The plugin's data directory of an instance, where its SQLite file lives.
    [[nodiscard]] std::filesystem::path plugin_data(const std::string& instance_id) const {
        return home_.plugins_data() / instance_id;
    }

private:
    temp_directory directory_{"jd-admin-test"};
    refhost::home_layout home_;
    refhost::system_clock time_;
    std::unique_ptr<refhost::database> db_;
    refhost::logger log_;
    refhost::progress_display progress_;
    refhost::secret_store secrets_;
    refhost::host_services services_;
    refhost::plugin_catalog catalog_;
};

inline host_sdk::call_context as(const std::string& user, const std::string& locale = "fr") {
    host_sdk::call_context call;
    call.user_id = user;
    call.locale = locale;
    call.operation_id = "test";
    return call;
}

/// Calls one operation of an instance and catches its refusal.
inline outcome run(const refhost::open_instance& instance, host_sdk::operation op, const host_sdk::call_context& call,
                   const json::value& input = json::object{}) {
    outcome result;
    try {
        result.answer = json::parse(instance.handle().call(op, call, json::serialize(input)));
    } catch (const host_sdk::error& error) {
        result.status = error.status();
        result.message = error.what();
    }
    return result;
}

/// What the plugin's store holds for an instance, read on a connection of its own: to prove that a refused
/// call changed nothing.
inline std::string store_snapshot(const std::filesystem::path& data_directory, const std::string& instance_id) {
    jd::store::sqlite_settings settings;
    settings.data_directory = data_directory;
    auto db = jd::store::database::open_sqlite(settings);
    jd::store::instance_store s(*db, instance_id);
    std::ostringstream out;
    if (const auto config = s.config().get())
        out << "config " << config->login << ' ' << config->gestion_account_id << ' ' << config->editeur << ' '
            << config->updated_at << ' ' << config->updated_by << ' ' << config->password_ref << '\n';
    for (const auto& link : s.links().list())
        out << "link " << link.dossier_id << ' ' << link.company_id << ' ' << jd::store::to_string(link.kind) << '\n';
    for (const auto& a : s.activations().list())
        out << "activation " << a.company_id << ' ' << a.active << ' ' << a.deliver_from.value_or("-") << '\n';
    for (const auto& b : s.bank_links().list())
        out << "bank_link " << b.rib_key << ' ' << b.company_id << ' ' << b.bank_account_id << '\n';
    jd::store::audit_query query;
    query.limit = 100000;
    for (const auto& e : s.audit().list(query)) out << "audit " << e.event_id << ' ' << e.action << ' ' << e.actor << '\n';
    if (const auto health = s.states().instance())
        out << "state " << jd::store::to_string(health->state) << ' ' << health->updated_at << '\n';
    return out.str();
}

} // namespace admin_test

namespace admin_test {

using host_sdk::operation;

/// A host seeded with the simulator's firm, and one instance configured on the demo compte by "admin".
struct configured_bench {
    host_bench host;
    std::string instance_id;
    std::unique_ptr<refhost::open_instance> instance;

    explicit configured_bench(std::string id = "jd-1", const json::object& form = sim_form()) : instance_id(std::move(id)) {
        host.seed(host.simulator_seed());
        instance = host.open(instance_id);
        const auto configured = run(*instance, operation::configure, as("admin"), form);
        if (!configured.ok()) throw std::runtime_error("configure failed: " + describe(configured));
    }

    outcome call(operation op, const json::value& input = json::object{}, const std::string& user = "admin",
                 const std::string& locale = "fr") {
        return run(*instance, op, as(user, locale), input);
    }

    [[nodiscard]] std::string snapshot() const { return store_snapshot(host.plugin_data(instance_id), instance_id); }
};

/// dossier id → {"link": "exact"|"proposed"|…, "intended_company_id": id or 0}, from the simulator's truth, for
/// the dossiers whose statements go to `login` (the gestion listing of a compte shows those).
struct intended_link {
    std::string link;
    std::int64_t company_id = 0;
};

inline std::map<std::string, intended_link> truth_by_dossier(const std::string& login = sim_comptes::demo_login) {
    std::map<std::string, intended_link> result;
    const auto truth = simulator().truth();
    for (const auto& item : truth.at("ribs").as_array()) {
        const auto& rib = item.as_object();
        if (!rib.at("dossier_id").is_string() || rib.at("compte").as_string() != login) continue;
        intended_link link;
        link.link = std::string(rib.at("link").as_string());
        if (rib.at("intended_company_id").is_int64()) link.company_id = rib.at("intended_company_id").as_int64();
        result[std::string(rib.at("dossier_id").as_string())] = link;
    }
    return result;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace admin_test
