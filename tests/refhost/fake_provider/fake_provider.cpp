// A small provider for the reference host's tests: it exercises every host service (rights, secrets,
// data directory, progress, log, deliveries) without any network, so the host's flows are tested on
// their own. Settings: {"company_id":1,"bank_account_id":101,"movements":3,"key_prefix":"k"}.
#include <host_sdk/provider.hpp>

#include "host_sdk_plugin_manifest.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <sstream>

namespace refhost_test {

class fake_provider final : public host_sdk::provider {
public:
    using host_sdk::provider::provider;

    boost::json::value configure(const host_sdk::call_context& call, const boost::json::value& input) override {
        require_admin(call);
        const auto& form = input.as_object();
        const auto* login = form.if_contains("login");
        if (login == nullptr || !login->is_string() || login->get_string().empty())
            throw host_sdk::error(HS_E_INVALID_ARGUMENT, call.pick("identifiant manquant", "missing login"));
        if (login->get_string() == "refuse")
            throw host_sdk::error(HS_E_REMOTE_REFUSED, call.pick("identifiants refusés", "credentials refused"));
        const auto* password = form.if_contains("password");
        if (password != nullptr && password->is_string()) {
            services().secret_put("password", std::string(password->get_string()));
        } else if (!services().secret_get("password")) {
            throw host_sdk::error(HS_E_INVALID_ARGUMENT, call.pick("mot de passe manquant", "missing password"));
        }
        boost::json::object saved;
        for (const auto& entry : form)
            if (entry.key() != "password") saved[entry.key()] = entry.value();
        saved["updated_by"] = call.user_id;
        std::ofstream(config_file()) << boost::json::serialize(saved);
        // Defence in depth under test: a careless plugin logging the password must not leak it.
        services().log(HS_LOG_INFO, "fake", "configured", {{"login", saved["login"]}, {"password", form.contains("password") ? form.at("password") : nullptr}});
        return get_configuration(call, boost::json::object{});
    }

    boost::json::value get_configuration(const host_sdk::call_context& call, const boost::json::value&) override {
        require_admin(call);
        boost::json::object answer = read_config();
        answer["instance_id"] = instance().instance_id;
        answer["configured"] = !answer.empty();
        answer["password"] = services().secret_get("password") ? call.pick("défini", "set") : call.pick("non défini", "not set");
        return answer;
    }

    boost::json::value test_connection(const host_sdk::call_context& call, const boost::json::value&) override {
        require_admin(call);
        return {{"ok", true}, {"dossiers", 2}, {"pieces_available", 5}};
    }

    boost::json::value status(const host_sdk::call_context& call, const boost::json::value&) override {
        require_admin(call);
        return {{"instance", {{"state", "ok"}, {"message", "tout va bien"}, {"last_success_at", ""}, {"last_run_at", ""}}},
                {"companies", boost::json::array{}}};
    }

    boost::json::value sync(const host_sdk::call_context& call, const boost::json::value& input) override {
        const auto trigger = input.as_object().contains("trigger") ? std::string(input.at("trigger").as_string()) : "";
        if (trigger != "scheduler") require_admin(call);
        const auto& settings = instance().settings;
        const auto number = [&](const char* key, std::int64_t fallback) {
            const auto* value = settings.if_contains(key);
            return value != nullptr && value->is_int64() ? value->get_int64() : fallback;
        };
        const auto company_id = number("company_id", 1);
        const auto bank_account_id = number("bank_account_id", 101);
        const auto count = number("movements", 3);
        const auto* prefix_value = settings.if_contains("key_prefix");
        const std::string prefix = prefix_value != nullptr && prefix_value->is_string() ? std::string(prefix_value->get_string()) : "k";
        const auto started = services().now_ms();
        std::vector<host_sdk::movement> movements;
        for (std::int64_t i = 0; i < count; ++i) {
            host_sdk::movement m;
            m.idempotency_key = prefix + "-" + std::to_string(i);
            const auto day = i % 28 + 1;
            m.booking_date = "2026-01-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
            m.amount_minor = (i % 2 == 0 ? 1 : -1) * (1000 + i);
            m.label = "MOUVEMENT " + std::to_string(i);
            movements.push_back(std::move(m));
            services().progress(call.operation_id, "deliver", static_cast<std::uint64_t>(i + 1), static_cast<std::uint64_t>(count));
        }
        const auto outcomes = services().deliver(company_id, bank_account_id, instance().instance_id, movements);
        std::int64_t stored = 0, duplicates = 0;
        for (const auto outcome : outcomes) (outcome == HS_MOVEMENT_STORED ? stored : duplicates) += 1;
        const auto finished = services().now_ms();
        return {{"instance_id", instance().instance_id},
                {"started_at", std::to_string(started)},
                {"finished_at", std::to_string(finished)},
                {"duration_ms", finished - started},
                {"pieces", {{"listed", 1}, {"downloaded", 1}, {"recovered", 0}, {"parse_failed", 0}}},
                {"movements", {{"parsed", count}, {"delivered", stored}, {"duplicates", duplicates}, {"quarantined", 0}, {"released", 0}}},
                {"balance_warnings", 0},
                {"errors", boost::json::object{}},
                {"state", "ok"}};
    }

private:
    void require_admin(const host_sdk::call_context& call) const {
        if (!services().has_right(call.user_id, HS_RIGHT_PLATFORM_CONFIGURATION) ||
            !services().has_right(call.user_id, HS_RIGHT_PLATFORM_ADMINISTRATION))
            throw host_sdk::error(HS_E_PERMISSION_DENIED, call.pick("accès refusé", "access denied"));
    }

    std::filesystem::path config_file() const { return services().data_directory() / "config.json"; }

    boost::json::object read_config() const {
        std::ifstream in(config_file());
        if (!in) return {};
        std::stringstream text;
        text << in.rdbuf();
        return boost::json::parse(text.str()).as_object();
    }
};

inline std::string descriptor() {
    return R"({"id":"refhost_fake","display_name":"Fake Aggregator","menu":{"section":"aggregators","label":"Fake Aggregator"},"configuration_schema":{"type":"object"}})";
}

} // namespace refhost_test

HOST_SDK_DEFINE_PROVIDER(refhost_test::fake_provider, HOST_SDK_PLUGIN_MANIFEST_JSON, refhost_test::descriptor())
