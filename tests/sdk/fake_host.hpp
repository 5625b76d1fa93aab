#pragma once
// A minimal in-memory host for the SDK tests: rights, companies, a ledger, secrets, logs, progress, a clock.
// It fills an hs_host_api_v1 whose functions reach this object through ctx.

#include <host_sdk/c/host_api_v1.h>
#include <host_sdk/company.hpp>
#include <host_sdk/error.hpp>

#include <boost/json.hpp>

#include <cstring>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace sdk_test {

class fake_host {
public:
    struct log_entry {
        int level;
        std::string component, event, fields;
    };
    struct progress_entry {
        std::string operation_id, phase;
        std::uint64_t done, total;
    };
    struct stored_movement {
        std::string source;
        std::int64_t company_id, bank_account_id;
        std::string key, booking_date, label;
        std::int64_t amount_minor;
    };

    fake_host() {
        api.header = {static_cast<std::uint32_t>(sizeof(hs_host_api_v1)), HS_ABI_MAJOR, HS_ABI_MINOR};
        api.ctx = this;
        api.host_name = "fake-host 0.1";
        api.check_permission = &check_permission;
        api.get_company = &get_company;
        api.find_companies_by_legal_name = &find_companies_by_legal_name;
        api.list_companies = &list_companies;
        api.deliver_movements = &deliver_movements;
        api.secret_put = &secret_put;
        api.secret_get = &secret_get;
        api.secret_delete = &secret_delete;
        api.log = &log;
        api.progress = &progress;
        api.now_ms = &now_ms;
        api.data_directory = &data_directory;

        grant("admin", HS_RIGHT_PLATFORM_CONFIGURATION);
        grant("admin", HS_RIGHT_PLATFORM_ADMINISTRATION);
        grant("admin", HS_RIGHT_COMPANY_ACCOUNTING_SETTINGS, 1);
        companies[1] = {1, "SARL L'ÉTOILE", "123456782", "12345678200011",
                        {{101, "Compte courant", "FR7630004000010001234567897", "BQ1"}}};
        companies[2] = {2, "DUPONT ET FILS", "987654321", "", {}};
        companies[3] = {3, "SARL L'ÉTOILE", "111111118", "", {}};
        companies[4] = {4, "BOULANGERIE MARTIN", "222222226", "", {}};
        companies[5] = {5, "CABINET PETIT", "333333334", "", {}};
    }
    fake_host(const fake_host&) = delete;
    fake_host& operator=(const fake_host&) = delete;

    void grant(const std::string& user, const std::string& right, std::int64_t company_id = 0) {
        rights.insert({user, right, company_id});
    }

    hs_host_api_v1 api{};
    std::set<std::tuple<std::string, std::string, std::int64_t>> rights;
    std::map<std::int64_t, host_sdk::company> companies;
    std::map<std::string, std::string> secrets;
    std::map<std::string, stored_movement> ledger; // by idempotency key
    std::vector<log_entry> logs;
    std::vector<progress_entry> progress_events;
    std::int64_t clock_ms = 1767225600000; // 2026-01-01T00:00:00Z
    std::string data_dir = "/tmp/fake-host-data";

private:
    static fake_host& self(void* ctx) { return *static_cast<fake_host*>(ctx); }

    static hs_status fail(hs_error* err, hs_status status, const std::string& message) {
        host_sdk::fill_error(err, status, message);
        return status;
    }

    static void emit(hs_sink_fn sink, void* user, const std::string& text) { sink(user, text.data(), text.size()); }

    static hs_status check_permission(void* ctx, const char* user_id, const char* right, std::int64_t company_id,
                                      int* allowed, hs_error* err) {
        if (user_id == nullptr || right == nullptr || allowed == nullptr)
            return fail(err, HS_E_INVALID_ARGUMENT, "argument absent");
        *allowed = self(ctx).rights.contains({user_id, right, company_id}) ? 1 : 0;
        return HS_OK;
    }

    static hs_status get_company(void* ctx, std::int64_t company_id, hs_sink_fn sink, void* user, hs_error* err) {
        if (company_id <= 0) return fail(err, HS_E_INVALID_ARGUMENT, "identifiant de société invalide : " + std::to_string(company_id));
        const auto& companies_ = self(ctx).companies;
        const auto found = companies_.find(company_id);
        if (found == companies_.end()) return fail(err, HS_E_NOT_FOUND, "société inconnue");
        emit(sink, user, boost::json::serialize(boost::json::value_from(found->second)));
        return HS_OK;
    }

    static hs_status find_companies_by_legal_name(void* ctx, const char* legal_name, hs_sink_fn sink, void* user,
                                                  hs_error*) {
        boost::json::array found;
        for (const auto& [id, value] : self(ctx).companies)
            if (value.legal_name == legal_name) found.push_back(boost::json::value_from(value));
        emit(sink, user, boost::json::serialize(found));
        return HS_OK;
    }

    static hs_status list_companies(void* ctx, std::uint32_t offset, std::uint32_t limit, hs_sink_fn sink, void* user,
                                    hs_error*) {
        const auto& companies_ = self(ctx).companies;
        host_sdk::company_page page;
        page.total = static_cast<std::int64_t>(companies_.size());
        std::uint32_t index = 0;
        for (const auto& [id, value] : companies_) {
            if (index >= offset && page.companies.size() < limit) page.companies.push_back(value);
            ++index;
        }
        emit(sink, user, boost::json::serialize(boost::json::value_from(page)));
        return HS_OK;
    }

    static hs_status deliver_movements(void* ctx, const hs_delivery_v1* delivery, std::uint8_t* outcomes,
                                       hs_error* err) {
        auto& host = self(ctx);
        if (!host.companies.contains(delivery->company_id)) return fail(err, HS_E_NOT_FOUND, "société inconnue");
        const auto* bytes = reinterpret_cast<const unsigned char*>(delivery->movements);
        for (std::size_t i = 0; i < delivery->count; ++i) {
            const auto* m = reinterpret_cast<const hs_movement_v1*>(bytes + i * delivery->movement_size);
            const std::string key = m->idempotency_key;
            if (host.ledger.contains(key)) {
                outcomes[i] = HS_MOVEMENT_ALREADY_STORED;
                continue;
            }
            host.ledger[key] = {delivery->source, delivery->company_id, delivery->bank_account_id, key,
                                m->booking_date, m->label, m->amount_minor};
            outcomes[i] = HS_MOVEMENT_STORED;
        }
        return HS_OK;
    }

    static hs_status secret_put(void* ctx, const char* key, const char* value, std::size_t size, hs_error*) {
        self(ctx).secrets[key] = std::string(value, size);
        return HS_OK;
    }

    static hs_status secret_get(void* ctx, const char* key, hs_sink_fn sink, void* user, hs_error* err) {
        const auto& secrets_ = self(ctx).secrets;
        const auto found = secrets_.find(key);
        if (found == secrets_.end()) return fail(err, HS_E_NOT_FOUND, "secret absent");
        emit(sink, user, found->second);
        return HS_OK;
    }

    static hs_status secret_delete(void* ctx, const char* key, hs_error* err) {
        if (self(ctx).secrets.erase(key) == 0) return fail(err, HS_E_NOT_FOUND, "secret absent");
        return HS_OK;
    }

    static void log(void* ctx, int level, const char* component, const char* event, const char* fields_json) {
        self(ctx).logs.push_back({level, component, event, fields_json != nullptr ? fields_json : ""});
    }

    static void progress(void* ctx, const char* operation_id, const char* phase, std::uint64_t done,
                         std::uint64_t total) {
        self(ctx).progress_events.push_back({operation_id, phase, done, total});
    }

    static std::int64_t now_ms(void* ctx) { return self(ctx).clock_ms; }

    static hs_status data_directory(void* ctx, hs_sink_fn sink, void* user, hs_error*) {
        emit(sink, user, self(ctx).data_dir);
        return HS_OK;
    }
};

} // namespace sdk_test
