#include "cli/app.hpp"

#include "refhost/clock.hpp"
#include "refhost/database.hpp"
#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/logger.hpp"
#include "refhost/plugin_catalog.hpp"
#include "refhost/progress.hpp"
#include "refhost/secret_store.hpp"
#include "refhost/time_format.hpp"
#include "refhost/users.hpp"

#include <host_sdk/c/host_api_v1.h>

#include <boost/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <string_view>
#include <string>
#include <system_error>
#include <vector>

#ifndef REFHOST_DEFAULT_PLUGINS_DIR
#define REFHOST_DEFAULT_PLUGINS_DIR ""
#endif
#ifndef REFHOST_INSTALLED_PLUGINS_DIR
#define REFHOST_INSTALLED_PLUGINS_DIR ""
#endif

namespace refhost::cli {
namespace {

// An installed host (<prefix>/bin/aggregator-host) scans <prefix>/lib/aggregator-host/plugins, found from its
// own location so that the install prefix can move; a host run from its build tree scans the build's plugins/.
std::filesystem::path default_plugin_directory() {
    const std::string_view relative(REFHOST_INSTALLED_PLUGINS_DIR);
    if (!relative.empty()) {
        std::error_code ec;
        const auto executable = std::filesystem::read_symlink("/proc/self/exe", ec);
        if (!ec) {
            auto installed = (executable.parent_path() / relative).lexically_normal();
            if (std::filesystem::is_directory(installed, ec)) return installed;
        }
    }
    return REFHOST_DEFAULT_PLUGINS_DIR;
}

} // namespace

app::app(global_options options, std::istream& in, std::ostream& out, std::ostream& err)
    : options_(std::move(options)), in_(in), out_(out), err_(err) {}

app::~app() {
    // Instances made by the catalog stop before the services they call go away.
    catalog_.reset();
    services_.reset();
    secrets_.reset();
    db_.reset();
    if (progress_) progress_->finish();
}

const home_layout& app::home() {
    if (!home_) {
        home_ = std::make_unique<home_layout>(home_layout::resolve(options_.home));
        home_->ensure();
    }
    return *home_;
}

const clock& app::time() {
    if (!clock_) clock_ = system_clock::from_environment();
    return *clock_;
}

logger& app::log() {
    if (!log_) log_ = std::make_unique<logger>(home().log_file(), time(), options_.verbose);
    return *log_;
}

progress_display& app::progress() {
    if (!progress_) progress_ = std::make_unique<progress_display>(stderr, progress_display::stderr_is_terminal(), time());
    return *progress_;
}

database& app::db() {
    if (!db_) db_ = std::make_unique<database>(home().database());
    return *db_;
}

host_services& app::services() {
    if (!services_) {
        auto& database_ref = db();
        if (!secrets_) secrets_ = std::make_unique<secret_store>(database_ref, home().secrets_key());
        services_ = std::make_unique<host_services>(host_services{home(), database_ref, *secrets_, log(), progress(), time()});
    }
    return *services_;
}

std::vector<std::filesystem::path> app::plugin_directories(bool& default_used) const {
    std::vector<std::filesystem::path> directories;
    default_used = false;
    for (const auto& directory : options_.plugin_directories) directories.emplace_back(directory);
    if (directories.empty()) {
        if (auto fallback = default_plugin_directory(); !fallback.empty()) {
            directories.push_back(std::move(fallback));
            default_used = true;
        }
    }
    if (const char* env = std::getenv("AGGREGATOR_HOST_PLUGINS"); env != nullptr) {
        std::string_view list(env);
        while (!list.empty()) {
            const auto colon = list.find(':');
            const auto item = list.substr(0, colon);
            if (!item.empty()) directories.emplace_back(std::string(item));
            if (colon == std::string_view::npos) break;
            list.remove_prefix(colon + 1);
        }
    }
    return directories;
}

plugin_catalog& app::catalog() {
    if (!catalog_) {
        bool default_used = false;
        auto directories = plugin_directories(default_used);
        std::vector<std::filesystem::path> optional;
        if (default_used) {
            // The built-in default is scanned only when it exists (an installed host has no build tree).
            optional.push_back(directories.front());
            directories.erase(directories.begin());
        }
        catalog_ = std::make_unique<plugin_catalog>(services(), std::move(directories), std::move(optional));
    }
    return *catalog_;
}

const std::string& app::acting_user() {
    if (!user_.empty()) return user_;
    std::string user = options_.user.value_or("");
    if (user.empty()) {
        if (const char* env = std::getenv("AGGREGATOR_HOST_USER"); env != nullptr) user = env;
    }
    if (user.empty()) {
        throw usage_error(tr("cette commande agit au nom d'un utilisateur : --user ID (ou AGGREGATOR_HOST_USER)",
                             "this command acts on behalf of a user: --user ID (or AGGREGATOR_HOST_USER)"));
    }
    const bool known = db().with_session([&](Poco::Data::Session& session) { return users::exists(session, user); });
    if (!known) throw failure(HS_E_NOT_FOUND, tr("utilisateur inconnu : ", "unknown user: ") + user);
    user_ = user;
    return user_;
}

void app::require_platform_rights() {
    const auto& user = acting_user();
    struct platform_right {
        const char* code;
        const char* label_fr;
        const char* label_en;
    };
    static constexpr platform_right both[] = {
        {HS_RIGHT_PLATFORM_CONFIGURATION, "Autoriser l'accès à la configuration de la plateforme",
         "Allow access to the platform's configuration"},
        {HS_RIGHT_PLATFORM_ADMINISTRATION, "Autoriser l'accès à l'administration de la plateforme",
         "Allow access to the platform's administration"},
    };
    std::vector<std::string> missing;
    db().with_session([&](Poco::Data::Session& session) {
        for (const auto& right : both) {
            if (!users::has_right(session, user, right.code, 0))
                missing.push_back(tr("« ", "\"") + std::string(tr(right.label_fr, right.label_en)) +
                                  tr(" » (", "\" (") + right.code + ")");
        }
    });
    if (missing.empty()) return;
    std::string list = missing.front();
    if (missing.size() > 1) list += tr(" et ", " and ") + missing.back();
    // Both rights are needed for any change to the aggregators; the message names what this user lacks.
    throw failure(HS_E_PERMISSION_DENIED,
                  tr("accès refusé : « ", "access denied: \"") + user +
                      tr(" » n'a pas ", "\" lacks ") + (missing.size() > 1 ? tr("les droits ", "the rights ") : tr("le droit ", "the right ")) +
                      list + tr(" ; il faut les deux droits pour modifier les agrégateurs.",
                                "; both rights are needed to change aggregators."));
}

host_sdk::call_context app::user_call(const std::string& operation, const std::string& instance_id) {
    host_sdk::call_context call;
    call.user_id = acting_user();
    call.locale = locale_code();
    call.operation_id = operation + ":" + instance_id + ":" + std::to_string(time().now_ms());
    return call;
}

instance_record app::require_instance(const std::string& instance_id) {
    auto record = db().with_session(
        [&](Poco::Data::Session& session) { return instances::get(session, instance_id); });
    if (!record) {
        throw failure(HS_E_NOT_FOUND, tr("instance inconnue : « ", "unknown instance: \"") + instance_id +
                                          tr(" » (voir « aggregators list »)", "\" (see \"aggregators list\")"));
    }
    return *record;
}

std::unique_ptr<open_instance> app::open(const std::string& instance_id) {
    const auto record = require_instance(instance_id);
    return catalog().open(record);
}

void app::log_command(const std::string& command, const std::string& instance_id, const std::string& outcome) {
    boost::json::object fields{{"command", command}, {"outcome", outcome}};
    if (!instance_id.empty()) fields["instance_id"] = instance_id;
    if (!user_.empty()) fields["user"] = user_;
    log().log(outcome == "ok" ? log_level::info : log_level::warning, "cli", "command", fields);
}

} // namespace refhost::cli
