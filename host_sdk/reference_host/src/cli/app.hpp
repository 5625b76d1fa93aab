#pragma once
// What a command runs against: the options, the output streams, and the host's parts, each made on
// first use (a "help" opens no database; "companies list" loads no plugin).

#include "cli/arguments.hpp"

#include "refhost/home.hpp"
#include "refhost/host_services.hpp"
#include "refhost/instances.hpp"

#include "host_sdk/call_context.hpp"

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace refhost {
class clock;
class database;
class logger;
class open_instance;
class plugin_catalog;
class progress_display;
class secret_store;
} // namespace refhost

namespace refhost::cli {

class app {
public:
    app(global_options options, std::istream& in, std::ostream& out, std::ostream& err);
    app(const app&) = delete;
    app& operator=(const app&) = delete;
    ~app();

    [[nodiscard]] std::istream& in() noexcept { return in_; }
    [[nodiscard]] std::ostream& out() noexcept { return out_; }
    [[nodiscard]] std::ostream& err() noexcept { return err_; }
    [[nodiscard]] const global_options& options() const noexcept { return options_; }
    [[nodiscard]] bool json() const noexcept { return options_.json; }

    [[nodiscard]] const home_layout& home();
    [[nodiscard]] const clock& time();
    [[nodiscard]] logger& log();
    [[nodiscard]] progress_display& progress();
    [[nodiscard]] database& db();
    [[nodiscard]] host_services& services();
    [[nodiscard]] plugin_catalog& catalog();

    /// The plugin directories: --plugins, else the built-in default; plus AGGREGATOR_HOST_PLUGINS (':'-separated).
    [[nodiscard]] std::vector<std::filesystem::path> plugin_directories(bool& default_used) const;

    /// --user or AGGREGATOR_HOST_USER; usage_error when none, failure(HS_E_NOT_FOUND) when unknown.
    [[nodiscard]] const std::string& acting_user();
    /// Host-level check for the commands that change the host's own configuration (instances).
    void require_platform_rights();

    /// A call context for a provider operation by the acting user.
    [[nodiscard]] host_sdk::call_context user_call(const std::string& operation, const std::string& instance_id);

    /// The stored instance; failure(HS_E_NOT_FOUND) when there is none.
    [[nodiscard]] instance_record require_instance(const std::string& instance_id);
    /// Creates the provider instance of a stored instance.
    [[nodiscard]] std::unique_ptr<open_instance> open(const std::string& instance_id);

    /// Logs a command the host ran (never its input, which may hold a password).
    void log_command(const std::string& command, const std::string& instance_id, const std::string& outcome);

private:
    global_options options_;
    std::istream& in_;
    std::ostream& out_;
    std::ostream& err_;
    std::unique_ptr<home_layout> home_;
    std::unique_ptr<clock> clock_;
    std::unique_ptr<logger> log_;
    std::unique_ptr<progress_display> progress_;
    std::unique_ptr<database> db_;
    std::unique_ptr<secret_store> secrets_;
    std::unique_ptr<host_services> services_;
    std::unique_ptr<plugin_catalog> catalog_;
    std::string user_;
};

} // namespace refhost::cli
