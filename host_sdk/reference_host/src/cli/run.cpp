#include "refhost/cli.hpp"

#include "cli/app.hpp"
#include "cli/commands.hpp"

#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"

#include <Poco/Exception.h>

#include <cstdlib>
#include <ostream>

namespace refhost {

namespace {

using cli::arguments;
using handler = int (*)(cli::app&, const arguments&);

struct route {
    std::vector<std::string_view> words;
    handler run;
};

const std::vector<route>& routes() {
    static const std::vector<route> table{
        {{"seed"}, &cli::cmd_seed},
        {{"users", "list"}, &cli::cmd_users_list},
        {{"companies", "list"}, &cli::cmd_companies_list},
        {{"companies", "match"}, &cli::cmd_companies_match},
        {{"companies", "confirm"}, &cli::cmd_companies_confirm},
        {{"companies", "activate"}, &cli::cmd_companies_activate},
        {{"companies", "deactivate"}, &cli::cmd_companies_deactivate},
        {{"company"}, &cli::cmd_company},
        {{"aggregators", "available"}, &cli::cmd_aggregators_available},
        {{"aggregators", "add"}, &cli::cmd_aggregators_add},
        {{"aggregators", "configure"}, &cli::cmd_aggregators_configure},
        {{"aggregators", "list"}, &cli::cmd_aggregators_list},
        {{"aggregators", "show"}, &cli::cmd_aggregators_show},
        {{"aggregators", "test"}, &cli::cmd_aggregators_test},
        {{"aggregators", "status"}, &cli::cmd_aggregators_status},
        {{"aggregators", "schedule"}, &cli::cmd_aggregators_schedule},
        {{"aggregators", "remove"}, &cli::cmd_aggregators_remove},
        {{"sync", "now"}, &cli::cmd_sync_now},
        {{"scheduler", "run"}, &cli::cmd_scheduler_run},
        {{"ledger", "summary"}, &cli::cmd_ledger_summary},
        {{"ledger", "list"}, &cli::cmd_ledger_list},
    };
    return table;
}

const route* find_route(const arguments& args) {
    for (const auto& candidate : routes()) {
        if (args.size() < candidate.words.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < candidate.words.size(); ++i) same = same && args[i] == candidate.words[i];
        if (same) return &candidate;
    }
    return nullptr;
}

std::string joined(const arguments& args, std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count && i < args.size(); ++i) text += (i ? " " : "") + args[i];
    return text;
}

void apply_language(const cli::global_options& options) {
    std::string wanted;
    if (options.language) {
        wanted = *options.language;
    } else if (const char* env = std::getenv("AGGREGATOR_HOST_LANG"); env != nullptr) {
        wanted = env;
    }
    language chosen = language::fr;
    if (!wanted.empty() && !parse_language(wanted, chosen)) {
        set_language(language::fr);
        throw usage_error("--lang : « fr » ou « en » attendu / \"fr\" or \"en\" expected, got \"" + wanted + "\"");
    }
    set_language(chosen);
}

} // namespace

int run_cli(std::vector<std::string> args, std::istream& in, std::ostream& out, std::ostream& err) {
    const auto error_prefix = [] { return tr("erreur : ", "error: "); };
    cli::global_options options;
    try {
        options = cli::extract_global_options(args);
        apply_language(options);
    } catch (const usage_error& e) {
        err << tr("usage incorrect : ", "bad usage: ") << e.what() << '\n';
        return 2;
    }

    if (options.version) {
        out << "aggregator-host " REFHOST_VERSION << '\n';
        return 0;
    }
    if (args.empty()) {
        cli::print_help(out, "");
        return options.help ? 0 : 2;
    }
    if (args[0] == "help" || options.help) {
        const std::size_t first = args[0] == "help" ? 1 : 0;
        std::string topic;
        for (std::size_t i = first; i < args.size(); ++i) {
            if (args[i].rfind("-", 0) == 0) break;
            topic += (topic.empty() ? "" : " ") + args[i];
        }
        // "company 12 bank-links …" is documented under "company bank-links".
        if (topic.rfind("company ", 0) == 0 && topic.find(" bank-links") != std::string::npos) {
            topic = "company bank-links";
            if (args.size() > first + 3) {
                const auto& action = args[first + 3];
                if (action == "set" || action == "unset") topic += " " + action;
            }
        }
        if (cli::print_help(out, topic)) return 0;
        err << tr("aucune aide pour « ", "no help for \"") << topic << tr(" »", "\"") << '\n';
        return 2;
    }

    const auto* chosen = find_route(args);
    if (chosen == nullptr) {
        err << tr("usage incorrect : commande inconnue « ", "bad usage: unknown command \"") << joined(args, 2)
            << tr(" » (voir aggregator-host --help)", "\" (see aggregator-host --help)") << '\n';
        return 2;
    }
    const std::string command = joined(args, chosen->words.size());
    const arguments rest(args.begin() + static_cast<std::ptrdiff_t>(chosen->words.size()), args.end());

    cli::app context(options, in, out, err);
    const auto finish = [&](const std::string& outcome) {
        try {
            context.log_command(command, "", outcome);
        } catch (...) {
            // The command's result matters more than its log line.
        }
    };
    try {
        const int code = chosen->run(context, rest);
        finish(code == 0 ? "ok" : "failed");
        out.flush();
        return code;
    } catch (const usage_error& e) {
        err << tr("usage incorrect : ", "bad usage: ") << e.what() << tr(" (voir aggregator-host help ", " (see aggregator-host help ")
            << (command == "company" ? "company bank-links" : command) << ")\n";
        return 2;
    } catch (const failure& e) {
        finish(std::string(host_sdk::status_name(e.status())));
        err << error_prefix() << e.what() << '\n';
        return 1;
    } catch (const Poco::Exception& e) {
        finish("internal");
        err << error_prefix() << e.displayText() << '\n';
        return 1;
    } catch (const std::exception& e) {
        finish("internal");
        err << error_prefix() << e.what() << '\n';
        return 1;
    }
}

} // namespace refhost
