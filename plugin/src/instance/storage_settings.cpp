#include "instance/storage_settings.hpp"

#include <host_sdk/error.hpp>
#include <host_sdk/provider.hpp>

#include <boost/json.hpp>

namespace jd::instance {

namespace json = boost::json;

namespace {

[[noreturn]] void bad_setting(const std::string& member, const std::string& french, const std::string& english) {
    throw host_sdk::error(HS_E_INVALID_ARGUMENT,
                          host_sdk::detail::bilingual("réglage " + member + " : " + french, "setting " + member + ": " + english));
}

std::string text_member(const json::object& storage, const char* key) {
    const auto* value = storage.if_contains(key);
    if (value == nullptr || value->is_null()) return {};
    if (!value->is_string()) bad_setting(std::string("storage.") + key, "une chaîne est attendue", "a string is expected");
    return std::string(value->get_string());
}

} // namespace

storage_settings read_storage_settings(const json::object& settings) {
    storage_settings result;
    const auto* storage_value = settings.if_contains("storage");
    if (storage_value == nullptr || storage_value->is_null()) return result;
    if (!storage_value->is_object()) bad_setting("storage", "un objet est attendu", "an object is expected");
    const auto& storage = storage_value->get_object();
    for (const auto& entry : storage) {
        const std::string_view key = entry.key();
        if (key != "backend" && key != "file" && key != "connection" && key != "password_secret")
            bad_setting("storage." + std::string(key), "membre inconnu (backend, file, connection, password_secret)",
                        "unknown member (backend, file, connection, password_secret)");
    }
    const auto backend = text_member(storage, "backend");
    if (backend.empty() || backend == "sqlite") {
        result.backend = store::backend::sqlite;
        if (auto file = text_member(storage, "file"); !file.empty()) result.sqlite_file = std::move(file);
        return result;
    }
    if (backend != "postgresql")
        bad_setting("storage.backend", "« sqlite » ou « postgresql » attendu", "\"sqlite\" or \"postgresql\" expected");
    result.backend = store::backend::postgresql;
    result.connection = text_member(storage, "connection");
    if (result.connection.empty())
        bad_setting("storage.connection", "chaîne de connexion PostgreSQL requise (host=… dbname=…)",
                    "a PostgreSQL connection string is required (host=… dbname=…)");
    result.password_secret = text_member(storage, "password_secret");
    return result;
}

} // namespace jd::instance
