#pragma once
// host_sdk::host: the plugin's C++ view of the services a host offers (hs_host_api_v1).
//
// Cheap to copy (it holds the host's table pointer, which outlives every instance). Failures the host
// reports become host_sdk::error with the host's status and message. A service the host's table does
// not have (older or smaller struct, NULL member) throws host_sdk::error(HS_E_NOT_IMPLEMENTED) — except
// log() and progress(), which are best effort and silently do nothing.

#include "host_sdk/c/host_api_v1.h"
#include "host_sdk/company.hpp"
#include "host_sdk/error.hpp"
#include "host_sdk/movement.hpp"
#include "host_sdk/sink.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace host_sdk {

// The host's member `name` when its table has it, else host_sdk::error(HS_E_NOT_IMPLEMENTED).
#define HOST_SDK_REQUIRE_SERVICE(name) \
    require(HS_HAS_FIELD(hs_host_api_v1, api_, name) ? api_->name : nullptr, #name)

class host {
public:
    /// `api` must stay valid as long as this object and its copies are used (the host guarantees it for the
    /// lifetime of every instance it created).
    explicit host(const hs_host_api_v1* api) noexcept : api_(api) {}

    [[nodiscard]] const hs_host_api_v1* raw() const noexcept { return api_; }

    /// The host's name for logs ("aggregator-host 1.0.0"), or "" when it gives none.
    [[nodiscard]] std::string name() const {
        return HS_HAS_FIELD(hs_host_api_v1, api_, host_name) && api_->host_name != nullptr ? api_->host_name : "";
    }

    /// Does `user` hold `right`? company_id 0 asks about a platform right (HS_RIGHT_PLATFORM_*), otherwise
    /// about a right on that company (HS_RIGHT_COMPANY_*).
    [[nodiscard]] bool has_right(std::string_view user, std::string_view right, std::int64_t company_id = 0) const {
        const auto fn = HOST_SDK_REQUIRE_SERVICE(check_permission);
        const std::string user_text(user), right_text(right);
        int allowed = 0;
        hs_error err{};
        check(fn(api_->ctx, user_text.c_str(), right_text.c_str(), company_id, &allowed, &err), err);
        return allowed != 0;
    }

    /// The company with this id, or std::nullopt when the host has none (HS_E_NOT_FOUND).
    [[nodiscard]] std::optional<company> get_company(std::int64_t company_id) const {
        const auto fn = HOST_SDK_REQUIRE_SERVICE(get_company);
        string_sink out;
        hs_error err{};
        const auto status = fn(api_->ctx, company_id, &string_sink::append, &out, &err);
        if (status == HS_E_NOT_FOUND) return std::nullopt;
        check(status, err);
        return boost::json::value_to<company>(parse(out, "get_company"));
    }

    /// The companies whose legal name equals `legal_name` byte for byte (possibly several, possibly none).
    [[nodiscard]] std::vector<company> find_companies_by_legal_name(std::string_view legal_name) const {
        const auto fn = HOST_SDK_REQUIRE_SERVICE(find_companies_by_legal_name);
        const std::string name_text(legal_name);
        string_sink out;
        hs_error err{};
        check(fn(api_->ctx, name_text.c_str(), &string_sink::append, &out, &err), err);
        return boost::json::value_to<std::vector<company>>(parse(out, "find_companies_by_legal_name"));
    }

    /// At most `limit` companies from `offset`, ordered by id, with the total count.
    [[nodiscard]] company_page list_companies(std::uint32_t offset, std::uint32_t limit) const {
        const auto fn = HOST_SDK_REQUIRE_SERVICE(list_companies);
        string_sink out;
        hs_error err{};
        check(fn(api_->ctx, offset, limit, &string_sink::append, &out, &err), err);
        return boost::json::value_to<company_page>(parse(out, "list_companies"));
    }

    /// Calls `visit(const company&)` for every company of the host, page by page.
    template <class Visitor>
    void for_each_company(Visitor&& visit, std::uint32_t page_size = 500) const {
        if (page_size == 0) page_size = 1;
        for (std::uint32_t offset = 0;;) {
            const auto page = list_companies(offset, page_size);
            for (const auto& value : page.companies) visit(value);
            offset += static_cast<std::uint32_t>(page.companies.size());
            if (page.companies.empty() || static_cast<std::int64_t>(offset) >= page.total) break;
        }
    }

    /// Every company of the host (convenience over for_each_company).
    [[nodiscard]] std::vector<company> all_companies(std::uint32_t page_size = 500) const {
        std::vector<company> companies;
        for_each_company([&](const company& value) { companies.push_back(value); }, page_size);
        return companies;
    }

    /// Hands a batch of movements of one bank account to the host's ledger, atomically. Returns one
    /// HS_MOVEMENT_STORED / HS_MOVEMENT_ALREADY_STORED byte per movement. `source` is the instance id.
    std::vector<std::uint8_t> deliver(std::int64_t company_id, std::int64_t bank_account_id, std::string_view source,
                                      std::span<const hs_movement_v1> movements) const {
        const auto fn = HOST_SDK_REQUIRE_SERVICE(deliver_movements);
        const std::string source_text(source);
        hs_delivery_v1 delivery{};
        delivery.header = header<hs_delivery_v1>();
        delivery.source = source_text.c_str();
        delivery.company_id = company_id;
        delivery.bank_account_id = bank_account_id;
        delivery.movements = movements.data();
        delivery.count = movements.size();
        delivery.movement_size = sizeof(hs_movement_v1);
        std::vector<std::uint8_t> outcomes(movements.size(), 0);
        hs_error err{};
        check(fn(api_->ctx, &delivery, outcomes.data(), &err), err);
        return outcomes;
    }

    /// Same, from owning movements.
    std::vector<std::uint8_t> deliver(std::int64_t company_id, std::int64_t bank_account_id, std::string_view source,
                                      std::span<const movement> movements) const {
        std::vector<hs_movement_v1> views;
        views.reserve(movements.size());
        for (const auto& value : movements) views.push_back(value.to_c());
        return deliver(company_id, bank_account_id, source, std::span<const hs_movement_v1>(views));
    }

    /// Stores a secret (opaque bytes, kept encrypted by the host) under `key`, replacing any previous value.
    void secret_put(std::string_view key, std::string_view value) const {
        const auto fn = HOST_SDK_REQUIRE_SERVICE(secret_put);
        const std::string key_text(key);
        hs_error err{};
        check(fn(api_->ctx, key_text.c_str(), value.data(), value.size(), &err), err);
    }

    /// The secret stored under `key`, or std::nullopt when there is none.
    [[nodiscard]] std::optional<std::string> secret_get(std::string_view key) const {
        const auto fn = HOST_SDK_REQUIRE_SERVICE(secret_get);
        const std::string key_text(key);
        string_sink out;
        hs_error err{};
        const auto status = fn(api_->ctx, key_text.c_str(), &string_sink::append, &out, &err);
        if (status == HS_E_NOT_FOUND) return std::nullopt;
        check(status, err);
        complete(out, "secret_get");
        return std::move(out.text);
    }

    /// Removes the secret under `key`; removing an absent key is not an error.
    void secret_erase(std::string_view key) const {
        const auto fn = HOST_SDK_REQUIRE_SERVICE(secret_delete);
        const std::string key_text(key);
        hs_error err{};
        const auto status = fn(api_->ctx, key_text.c_str(), &err);
        if (status == HS_E_NOT_FOUND) return;
        check(status, err);
    }

    /// One structured log event. Best effort: never throws, does nothing if the host has no log.
    /// Never put a secret in `fields`.
    void log(hs_log_level level, std::string_view component, std::string_view event,
             const boost::json::object& fields = {}) const noexcept {
        if (!HS_HAS_FIELD(hs_host_api_v1, api_, log) || api_->log == nullptr) return;
        try {
            const std::string component_text(component), event_text(event);
            const std::string fields_text = fields.empty() ? std::string() : boost::json::serialize(fields);
            api_->log(api_->ctx, static_cast<int>(level), component_text.c_str(), event_text.c_str(),
                      fields.empty() ? nullptr : fields_text.c_str());
        } catch (...) {
            // Logging must never be the reason an operation fails.
        }
    }

    /// Progress of a long operation (phase "list", "download", "deliver"…; total 0 = unknown). Best effort.
    void progress(std::string_view operation_id, std::string_view phase, std::uint64_t done,
                  std::uint64_t total = 0) const noexcept {
        if (!HS_HAS_FIELD(hs_host_api_v1, api_, progress) || api_->progress == nullptr) return;
        try {
            const std::string id_text(operation_id), phase_text(phase);
            api_->progress(api_->ctx, id_text.c_str(), phase_text.c_str(), done, total);
        } catch (...) {
        }
    }

    /// The host's clock in milliseconds since the Unix epoch (the system clock if the host has none).
    [[nodiscard]] std::int64_t now_ms() const noexcept {
        if (HS_HAS_FIELD(hs_host_api_v1, api_, now_ms) && api_->now_ms != nullptr) return api_->now_ms(api_->ctx);
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }

    /// The directory the host created for this plugin.
    [[nodiscard]] std::filesystem::path data_directory() const {
        const auto fn = HOST_SDK_REQUIRE_SERVICE(data_directory);
        string_sink out;
        hs_error err{};
        check(fn(api_->ctx, &string_sink::append, &out, &err), err);
        complete(out, "data_directory");
        return std::filesystem::path(out.text);
    }

private:
    template <class T>
    static hs_struct_header header() noexcept {
        return {static_cast<std::uint32_t>(sizeof(T)), HS_ABI_MAJOR, HS_ABI_MINOR};
    }

    // `fn` (the member read when the host's table has it, else NULL) or host_sdk::error(HS_E_NOT_IMPLEMENTED).
    template <class Fn>
    static Fn require(Fn fn, const char* name) {
        if (fn == nullptr)
            throw error(HS_E_NOT_IMPLEMENTED, std::string("l'hôte ne fournit pas le service ") + name +
                                                  " / the host does not offer " + name);
        return fn;
    }

    static void check(hs_status status, const hs_error& err) {
        if (status != HS_OK) throw error::from_c(status, err);
    }

    static void complete(const string_sink& out, const char* what) {
        if (out.overflowed)
            throw error(HS_E_INTERNAL, std::string("mémoire insuffisante pour la réponse de l'hôte (") + what +
                                           ") / out of memory for the host's answer");
    }

    static boost::json::value parse(const string_sink& out, const char* what) {
        complete(out, what);
        boost::system::error_code ec;
        auto value = boost::json::parse(out.text, ec);
        if (ec)
            throw error(HS_E_INTERNAL, std::string("réponse JSON de l'hôte illisible (") + what + ") : " +
                                           ec.message() + " / unreadable JSON from the host");
        return value;
    }

    const hs_host_api_v1* api_;
};

#undef HOST_SDK_REQUIRE_SERVICE

} // namespace host_sdk
