#include "refhost/host_table.hpp"

#include "refhost/companies.hpp"
#include "refhost/data_directories.hpp"
#include "refhost/database.hpp"
#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/ledger.hpp"
#include "refhost/logger.hpp"
#include "refhost/progress.hpp"
#include "refhost/secret_store.hpp"
#include "refhost/clock.hpp"
#include "refhost/users.hpp"

#include <boost/json.hpp>

#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Exception.h>

#include <cstring>
#include <limits>

namespace refhost {

const char* host_name_and_version() noexcept { return "aggregator-host " REFHOST_VERSION; }

namespace {

host_table& table_of(void* ctx) { return *static_cast<host_table*>(ctx); }

// Runs `body`, turning every exception into a status and a message (the C boundary's exception firewall).
template <class Body>
hs_status firewall(void* ctx, const char* service, hs_error* err, Body&& body) noexcept {
    try {
        try {
            host_sdk::clear_error(err);
            if (ctx == nullptr) throw failure(HS_E_INVALID_ARGUMENT, "ctx NULL");
            body(table_of(ctx));
            return HS_OK;
        } catch (const failure& e) {
            host_sdk::fill_error(err, e.status(), e.what());
            return e.status();
        } catch (const Poco::Data::SQLite::DBLockedException& e) {
            host_sdk::fill_error(err, HS_E_TRANSIENT, std::string(service) + " : " + e.displayText());
            return HS_E_TRANSIENT;
        } catch (const Poco::Data::SQLite::TableLockedException& e) {
            host_sdk::fill_error(err, HS_E_TRANSIENT, std::string(service) + " : " + e.displayText());
            return HS_E_TRANSIENT;
        } catch (const Poco::Exception& e) {
            host_sdk::fill_error(err, HS_E_INTERNAL, std::string(service) + " : " + e.displayText());
            return HS_E_INTERNAL;
        } catch (const std::exception& e) {
            host_sdk::fill_error(err, HS_E_INTERNAL, std::string(service) + " : " + e.what());
            return HS_E_INTERNAL;
        }
    } catch (...) {
        host_sdk::fill_error(err, HS_E_INTERNAL, service);
        return HS_E_INTERNAL;
    }
}

void require_text(const char* text, const char* name) {
    if (text == nullptr)
        throw failure(HS_E_INVALID_ARGUMENT, std::string(name) + tr(" : NULL", ": NULL"));
}

const std::string& require_instance(host_table& table, const char* service) {
    if (table.instance_id().empty()) {
        throw failure(HS_E_INVALID_ARGUMENT,
                      std::string(service) + tr(" : service réservé aux instances (utilisez la table reçue par create)",
                                                ": a per-instance service (use the table given to create)"));
    }
    return table.instance_id();
}

void send(hs_sink_fn sink, void* user, const std::string& text) {
    if (sink == nullptr) throw failure(HS_E_INVALID_ARGUMENT, "sink NULL");
    sink(user, text.data(), text.size());
}

hs_status check_permission(void* ctx, const char* user_id, const char* right, int64_t company_id, int* allowed,
                           hs_error* err) {
    return firewall(ctx, "check_permission", err, [&](host_table& table) {
        require_text(user_id, "user_id");
        require_text(right, "right");
        if (allowed == nullptr) throw failure(HS_E_INVALID_ARGUMENT, "allowed NULL");
        if (company_id < 0) throw failure(HS_E_INVALID_ARGUMENT, "company_id < 0");
        *allowed = 0;
        // The scheduler ("") holds no right: what it may do without one is the provider's rule.
        if (*user_id == '\0') return;
        const bool granted = table.services().db.with_session([&](Poco::Data::Session& session) {
            return users::has_right(session, user_id, right, company_id);
        });
        *allowed = granted ? 1 : 0;
    });
}

hs_status get_company(void* ctx, int64_t company_id, hs_sink_fn sink, void* user, hs_error* err) {
    return firewall(ctx, "get_company", err, [&](host_table& table) {
        const auto company = table.services().db.with_session(
            [&](Poco::Data::Session& session) { return companies::get(session, company_id); });
        if (!company) {
            throw failure(HS_E_NOT_FOUND, tr("société inconnue : ", "unknown company: ") + std::to_string(company_id));
        }
        send(sink, user, boost::json::serialize(boost::json::value_from(*company)));
    });
}

hs_status find_companies_by_legal_name(void* ctx, const char* legal_name, hs_sink_fn sink, void* user, hs_error* err) {
    return firewall(ctx, "find_companies_by_legal_name", err, [&](host_table& table) {
        require_text(legal_name, "legal_name");
        const auto found = table.services().db.with_session(
            [&](Poco::Data::Session& session) { return companies::find_by_legal_name(session, legal_name); });
        send(sink, user, boost::json::serialize(boost::json::value_from(found)));
    });
}

hs_status list_companies(void* ctx, uint32_t offset, uint32_t limit, hs_sink_fn sink, void* user, hs_error* err) {
    return firewall(ctx, "list_companies", err, [&](host_table& table) {
        host_sdk::company_page page;
        table.services().db.with_session([&](Poco::Data::Session& session) {
            page.total = companies::count(session);
            page.companies = companies::list(session, offset, limit);
        });
        send(sink, user, boost::json::serialize(boost::json::value_from(page)));
    });
}

std::string text_member(const hs_movement_v1* m, const char* const hs_movement_v1::*member, bool present) {
    if (!present) return {};
    const char* text = m->*member;
    return text == nullptr ? std::string() : std::string(text);
}

ledger::delivery read_delivery(host_table& table, const hs_delivery_v1* delivery) {
    if (!HS_HAS_FIELD(hs_delivery_v1, delivery, movement_size))
        throw failure(HS_E_INVALID_ARGUMENT, tr("livraison : structure trop petite", "delivery: struct too small"));
    if (delivery->count > 0 && delivery->movements == nullptr)
        throw failure(HS_E_INVALID_ARGUMENT, "delivery: movements NULL");
    if (delivery->count > 0 && delivery->movement_size < sizeof(hs_struct_header))
        throw failure(HS_E_INVALID_ARGUMENT, "delivery: movement_size");

    ledger::delivery batch;
    batch.provider_id = table.provider_id();
    batch.source = delivery->source == nullptr ? std::string() : std::string(delivery->source);
    if (batch.source.empty()) batch.source = table.instance_id();
    if (batch.source != table.instance_id()) {
        throw failure(HS_E_INVALID_ARGUMENT, tr("livraison : la source « ", "delivery: source \"") + batch.source +
                                                 tr(" » n'est pas l'instance « ", "\" is not the instance \"") +
                                                 table.instance_id() + tr(" »", "\""));
    }
    batch.company_id = delivery->company_id;
    batch.bank_account_id = delivery->bank_account_id;
    batch.movements.reserve(delivery->count);
    const auto* base = reinterpret_cast<const unsigned char*>(delivery->movements);
    for (std::size_t i = 0; i < delivery->count; ++i) {
        // Movements are movement_size bytes apart: a plugin built for a later minor may send larger ones.
        const auto* m = reinterpret_cast<const hs_movement_v1*>(base + i * delivery->movement_size);
        const auto declared = std::min<std::size_t>(m->header.struct_size, delivery->movement_size);
        hs_movement_v1 bounded{};
        std::memcpy(&bounded, m, std::min(declared, sizeof bounded));
        bounded.header.struct_size = static_cast<uint32_t>(std::min(declared, sizeof bounded));
        const auto* v = &bounded;
        if (!HS_HAS_FIELD(hs_movement_v1, v, amount_minor)) {
            throw failure(HS_E_INVALID_ARGUMENT, tr("mouvement ", "movement ") + std::to_string(i) +
                                                     tr(" : structure trop petite", ": struct too small"));
        }
        host_sdk::movement movement;
        movement.idempotency_key =
            text_member(v, &hs_movement_v1::idempotency_key, HS_HAS_FIELD(hs_movement_v1, v, idempotency_key));
        movement.booking_date =
            text_member(v, &hs_movement_v1::booking_date, HS_HAS_FIELD(hs_movement_v1, v, booking_date));
        movement.value_date = text_member(v, &hs_movement_v1::value_date, HS_HAS_FIELD(hs_movement_v1, v, value_date));
        movement.amount_minor = v->amount_minor;
        movement.decimals = HS_HAS_FIELD(hs_movement_v1, v, decimals) ? v->decimals : 2;
        movement.currency = text_member(v, &hs_movement_v1::currency, HS_HAS_FIELD(hs_movement_v1, v, currency));
        if (!HS_HAS_FIELD(hs_movement_v1, v, currency)) movement.currency = "EUR";
        movement.label = text_member(v, &hs_movement_v1::label, HS_HAS_FIELD(hs_movement_v1, v, label));
        movement.details = text_member(v, &hs_movement_v1::details, HS_HAS_FIELD(hs_movement_v1, v, details));
        movement.reference = text_member(v, &hs_movement_v1::reference, HS_HAS_FIELD(hs_movement_v1, v, reference));
        movement.operation_code =
            text_member(v, &hs_movement_v1::operation_code, HS_HAS_FIELD(hs_movement_v1, v, operation_code));
        movement.entry_number =
            text_member(v, &hs_movement_v1::entry_number, HS_HAS_FIELD(hs_movement_v1, v, entry_number));
        batch.movements.push_back(std::move(movement));
    }
    return batch;
}

hs_status deliver_movements(void* ctx, const hs_delivery_v1* delivery, uint8_t* outcomes, hs_error* err) {
    return firewall(ctx, "deliver_movements", err, [&](host_table& table) {
        require_instance(table, "deliver_movements");
        if (delivery == nullptr) throw failure(HS_E_INVALID_ARGUMENT, "delivery NULL");
        if (delivery->count > 0 && outcomes == nullptr) throw failure(HS_E_INVALID_ARGUMENT, "outcomes NULL");
        const auto batch = read_delivery(table, delivery);
        auto& services = table.services();
        const auto result = services.db.with_session([&](Poco::Data::Session& session) {
            return ledger::deliver(session, batch, services.time.now_ms());
        });
        // Outcomes are written only once the transaction committed: on failure the caller's bytes are untouched.
        for (std::size_t i = 0; i < result.outcomes.size(); ++i) outcomes[i] = static_cast<uint8_t>(result.outcomes[i]);
        services.log.log(log_level::info, "ledger", "delivery",
                         boost::json::object{{"company_id", batch.company_id},
                                             {"bank_account_id", batch.bank_account_id},
                                             {"movements", batch.movements.size()},
                                             {"stored", result.stored},
                                             {"already_stored", result.already_stored}},
                         table.instance_id());
        for (const auto& key : result.reused_keys) {
            services.log.log(log_level::warning, "ledger", "idempotency_key_reused",
                             boost::json::object{{"idempotency_key", key},
                                                 {"company_id", batch.company_id},
                                                 {"bank_account_id", batch.bank_account_id}},
                             table.instance_id());
        }
    });
}

hs_status secret_put(void* ctx, const char* key, const char* value, size_t size, hs_error* err) {
    return firewall(ctx, "secret_put", err, [&](host_table& table) {
        const auto& scope = require_instance(table, "secret_put");
        require_text(key, "key");
        if (*key == '\0') throw failure(HS_E_INVALID_ARGUMENT, tr("clé de secret vide", "empty secret key"));
        if (value == nullptr && size > 0) throw failure(HS_E_INVALID_ARGUMENT, "value NULL");
        auto& services = table.services();
        services.secrets.put(scope, key, std::string_view(value == nullptr ? "" : value, size), services.time.now_ms());
        services.log.log(log_level::info, "secrets", "secret_stored", boost::json::object{{"name", key}},
                         table.instance_id());
    });
}

hs_status secret_get(void* ctx, const char* key, hs_sink_fn sink, void* user, hs_error* err) {
    return firewall(ctx, "secret_get", err, [&](host_table& table) {
        const auto& scope = require_instance(table, "secret_get");
        require_text(key, "key");
        auto value = table.services().secrets.get(scope, key);
        if (!value) {
            throw failure(HS_E_NOT_FOUND, tr("secret absent : ", "no such secret: ") + std::string(key));
        }
        send(sink, user, *value);
        std::fill(value->begin(), value->end(), '\0');
    });
}

hs_status secret_delete(void* ctx, const char* key, hs_error* err) {
    return firewall(ctx, "secret_delete", err, [&](host_table& table) {
        const auto& scope = require_instance(table, "secret_delete");
        require_text(key, "key");
        if (!table.services().secrets.erase(scope, key)) {
            throw failure(HS_E_NOT_FOUND, tr("secret absent : ", "no such secret: ") + std::string(key));
        }
        table.services().log.log(log_level::info, "secrets", "secret_deleted", boost::json::object{{"name", key}},
                                 table.instance_id());
    });
}

void log(void* ctx, int level, const char* component, const char* event, const char* fields_json) {
    if (ctx == nullptr) return;
    try {
        auto& table = table_of(ctx);
        const auto clamped = static_cast<log_level>(level < 0 ? 0 : (level > 3 ? 3 : level));
        table.services().log.log(clamped, component == nullptr ? "plugin" : component,
                                 event == nullptr ? "event" : event,
                                 fields_json == nullptr ? std::string_view() : std::string_view(fields_json),
                                 table.instance_id().empty() ? table.provider_id() : table.instance_id());
    } catch (...) {
    }
}

void progress(void* ctx, const char* operation_id, const char* phase, uint64_t done, uint64_t total) {
    if (ctx == nullptr) return;
    try {
        table_of(ctx).services().progress.update(operation_id == nullptr ? "" : operation_id,
                                                 phase == nullptr ? "" : phase, done, total);
    } catch (...) {
    }
}

int64_t now_ms(void* ctx) {
    if (ctx == nullptr) return real_now_ms();
    return table_of(ctx).services().time.now_ms();
}

hs_status data_directory(void* ctx, hs_sink_fn sink, void* user, hs_error* err) {
    return firewall(ctx, "data_directory", err, [&](host_table& table) {
        const auto& instance = require_instance(table, "data_directory");
        const auto directory = ensure_data_directory(table.services().home, instance);
        send(sink, user, directory.string());
    });
}

} // namespace

host_table::host_table(host_services& services, std::string provider_id, std::string instance_id)
    : services_(services), provider_id_(std::move(provider_id)), instance_id_(std::move(instance_id)) {
    api_.header.struct_size = sizeof(hs_host_api_v1);
    api_.header.abi_major = HS_ABI_MAJOR;
    api_.header.abi_minor = HS_ABI_MINOR;
    api_.ctx = this;
    api_.host_name = host_name_and_version();
    api_.check_permission = &check_permission;
    api_.get_company = &get_company;
    api_.find_companies_by_legal_name = &find_companies_by_legal_name;
    api_.list_companies = &list_companies;
    api_.deliver_movements = &deliver_movements;
    api_.secret_put = &secret_put;
    api_.secret_get = &secret_get;
    api_.secret_delete = &secret_delete;
    api_.log = &log;
    api_.progress = &progress;
    api_.now_ms = &now_ms;
    api_.data_directory = &data_directory;
}

} // namespace refhost
