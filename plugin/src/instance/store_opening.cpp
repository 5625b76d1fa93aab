#include "instance/store_opening.hpp"

#include "store/error.hpp"

#include <host_sdk/error.hpp>
#include <host_sdk/provider.hpp>

namespace jd::instance {

namespace {

hs_status status_of(store::error_code code) {
    switch (code) {
    case store::error_code::connection_failed:
    case store::error_code::busy: return HS_E_TRANSIENT;
    case store::error_code::schema_too_new:
    case store::error_code::schema_mismatch: return HS_E_INCOMPATIBLE;
    case store::error_code::invalid_argument: return HS_E_INVALID_ARGUMENT;
    default: return HS_E_INTERNAL;
    }
}

} // namespace

std::unique_ptr<store::database> open_store(const host_sdk::host& services, const storage_settings& settings) {
    try {
        if (settings.backend == store::backend::postgresql) {
            std::string password;
            if (!settings.password_secret.empty()) {
                auto value = services.secret_get(settings.password_secret);
                if (!value)
                    throw host_sdk::error(HS_E_NOT_FOUND,
                                          host_sdk::detail::bilingual(
                                              "mot de passe PostgreSQL absent du coffre de l'hôte (clé « " +
                                                  settings.password_secret + " »)",
                                              "PostgreSQL password missing from the host's secret store (key \"" +
                                                  settings.password_secret + "\")"));
                password = std::move(*value);
            }
            store::postgresql_settings pg;
            pg.connection_string = settings.connection;
            return store::database::open_postgresql(pg, password);
        }
        store::sqlite_settings sqlite;
        const std::filesystem::path file(settings.sqlite_file);
        if (file.is_absolute()) {
            sqlite.data_directory = file.parent_path();
            sqlite.file_name = file.filename().string();
        } else {
            sqlite.data_directory = services.data_directory();
            sqlite.file_name = file.string();
        }
        return store::database::open_sqlite(sqlite);
    } catch (const store::store_error& error) {
        throw host_sdk::error(status_of(error.code()),
                              std::string("base de données du plugin inaccessible / the plugin's database cannot be "
                                          "opened: ") +
                                  error.what());
    }
}

} // namespace jd::instance
