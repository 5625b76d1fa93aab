#pragma once
// The commands of aggregator-host and their help.

#include "cli/app.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace refhost::cli {

using arguments = std::vector<std::string>;

struct command_help {
    std::string_view path;     ///< the words that select it: "aggregators add"
    std::string_view synopsis; ///< usage after the program name
    std::string_view summary_fr, summary_en;
    std::string_view details_fr, details_en;
};

/// Every command, in the order of the general help.
[[nodiscard]] const std::vector<command_help>& command_helps();
/// Prints the general help (no topic) or the help of the commands whose path starts with `topic`; false when
/// nothing matches.
bool print_help(std::ostream& out, const std::string& topic);

// Host data.
int cmd_seed(app& context, const arguments& args);
int cmd_users_list(app& context, const arguments& args);
int cmd_companies_list(app& context, const arguments& args);

// Aggregators (instances of providers).
int cmd_aggregators_available(app& context, const arguments& args);
int cmd_aggregators_add(app& context, const arguments& args);
int cmd_aggregators_configure(app& context, const arguments& args);
int cmd_aggregators_list(app& context, const arguments& args);
int cmd_aggregators_show(app& context, const arguments& args);
int cmd_aggregators_test(app& context, const arguments& args);
int cmd_aggregators_status(app& context, const arguments& args);
int cmd_aggregators_schedule(app& context, const arguments& args);
int cmd_aggregators_remove(app& context, const arguments& args);

// Companies on the provider's side: matching, activation, bank links.
int cmd_companies_match(app& context, const arguments& args);
int cmd_companies_confirm(app& context, const arguments& args);
int cmd_companies_activate(app& context, const arguments& args);
int cmd_companies_deactivate(app& context, const arguments& args);
int cmd_company(app& context, const arguments& args);

// Synchronisation.
int cmd_sync_now(app& context, const arguments& args);
int cmd_scheduler_run(app& context, const arguments& args);

// Ledger.
int cmd_ledger_summary(app& context, const arguments& args);
int cmd_ledger_list(app& context, const arguments& args);

} // namespace refhost::cli
