// Aggregators: the menu of available providers and the instances made from them.
#include "cli/commands.hpp"
#include "cli/configuration_form.hpp"
#include "cli/password_input.hpp"
#include "cli/render.hpp"
#include "cli/text_table.hpp"

#include "refhost/clock.hpp"
#include "refhost/data_directories.hpp"
#include "refhost/database.hpp"
#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/instances.hpp"
#include "refhost/plugin_catalog.hpp"
#include "refhost/schedule_state.hpp"
#include "refhost/secret_store.hpp"
#include "refhost/time_format.hpp"

#include <boost/json.hpp>

#include <ostream>

namespace refhost::cli {

namespace {

constexpr std::int64_t default_interval_seconds = 3600;

std::int64_t parse_interval(const std::string& text) {
    const auto seconds = parse_integer(text, "--interval");
    if (seconds < 1 || seconds > 31 * 86400)
        throw usage_error(tr("--interval : entre 1 et 2678400 secondes", "--interval: 1 to 2678400 seconds"));
    return seconds;
}

std::string instant_or_dash(std::int64_t ms) { return ms > 0 ? iso_utc(ms) : "—"; }

boost::json::object schedule_json(const instance_record& instance, const std::optional<schedule_state>& state) {
    boost::json::object json{{"enabled", instance.enabled}, {"interval_seconds", instance.interval_seconds}};
    if (state) {
        json["last_started_at"] = state->last_started_ms > 0 ? boost::json::value(iso_utc(state->last_started_ms)) : nullptr;
        json["last_finished_at"] =
            state->last_finished_ms > 0 ? boost::json::value(iso_utc(state->last_finished_ms)) : nullptr;
        json["last_outcome"] = state->last_outcome;
        json["last_message"] = state->last_message;
        json["next_run_at"] = state->next_run_ms > 0 ? boost::json::value(iso_utc(state->next_run_ms)) : nullptr;
        json["running"] = state->running;
    }
    return json;
}

// Calls configure or test_connection with a form, wiping the password copies afterwards.
std::string call_with_form(const host_sdk::provider_handle& handle, host_sdk::operation op,
                           const host_sdk::call_context& call, boost::json::object& form) {
    std::string input = boost::json::serialize(form);
    wipe_form(form);
    struct wipe_on_exit {
        std::string& text;
        ~wipe_on_exit() { wipe(text); }
    } guard{input};
    return handle.call(op, call, input);
}

void print_answer(app& context, const std::string& answer, std::string_view operation,
                  void (*readable)(std::ostream&, const boost::json::value&)) {
    const auto value = parse_answer(answer, operation);
    if (context.json()) {
        print_json(context.out(), value);
    } else {
        readable(context.out(), value);
    }
}

} // namespace

int cmd_aggregators_available(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {});
    expect_positionals(parsed, 0, "");
    auto& catalog = context.catalog();
    const auto& scan = catalog.scan();
    if (context.json()) {
        boost::json::array plugins, failures, directories;
        for (const auto& plugin : scan.plugins) {
            boost::json::object item{{"id", plugin->id()},
                                     {"display_name", plugin->info().display_name},
                                     {"version", plugin->info().version},
                                     {"library", plugin->library_path().string()},
                                     {"manifest", plugin->manifest_path().string()}};
            try {
                const auto descriptor = plugin->descriptor();
                if (const auto* menu = descriptor.if_contains("menu")) item["menu"] = *menu;
            } catch (const std::exception&) {
                // The menu is optional in this listing; the loader already vetted the plugin.
            }
            plugins.push_back(std::move(item));
        }
        for (const auto& failure_item : scan.failures) {
            failures.push_back(boost::json::object{{"file", failure_item.file.string()},
                                                   {"status", host_sdk::status_name(failure_item.status)},
                                                   {"message", failure_item.message}});
        }
        for (const auto& directory : catalog.directories()) directories.push_back(boost::json::string(directory.string()));
        print_json(context.out(), boost::json::object{{"plugins", plugins}, {"failures", failures}, {"directories", directories}});
        return 0;
    }
    auto& out = context.out();
    if (scan.plugins.empty()) {
        out << tr("Aucun agrégateur disponible.", "No aggregator available.") << '\n';
    } else {
        out << tr("Agrégateurs disponibles :", "Available aggregators:") << '\n';
        text_table table({tr("Nom", "Name"), "Version", "Id", tr("Bibliothèque", "Library")});
        for (const auto& plugin : scan.plugins)
            table.add({plugin->info().display_name, plugin->info().version, plugin->id(), plugin->library_path().string()});
        table.print(out, "  ");
    }
    if (!scan.failures.empty()) {
        out << '\n' << tr("Échecs de chargement :", "Load failures:") << '\n';
        for (const auto& item : scan.failures) out << "  " << item.file.string() << " : " << item.message << '\n';
    }
    if (catalog.directories().empty()) {
        out << tr("(aucun répertoire de plugins : --plugins DIR)", "(no plugin directory: --plugins DIR)") << '\n';
    }
    return 0;
}

int cmd_aggregators_add(app& context, const arguments& args) {
    auto specs = form_options();
    specs.push_back({"--instance", true, false});
    specs.push_back({"--interval", true, false});
    specs.push_back({"--settings", true, false});
    specs.push_back({"--disabled", false, false});
    const auto parsed = parse_options(args, specs);
    expect_positionals(parsed, 1, "<provider-id>");
    const std::string provider_id = parsed.positionals[0];
    const auto instance_id = parsed.value("--instance");
    if (!instance_id) throw usage_error(tr("option requise : --instance ID", "required option: --instance ID"));
    if (!is_valid_instance_id(*instance_id)) {
        throw usage_error(tr("identifiant d'instance invalide : « ", "invalid instance id: \"") + *instance_id +
                          tr(" » (1 à 64 caractères parmi A-Z a-z 0-9 . _ -)", "\" (1 to 64 of A-Z a-z 0-9 . _ -)"));
    }
    instance_record record;
    record.instance_id = *instance_id;
    record.provider_id = provider_id;
    record.enabled = !parsed.has("--disabled");
    record.interval_seconds = parsed.has("--interval") ? parse_interval(*parsed.value("--interval")) : default_interval_seconds;
    if (const auto settings = parsed.value("--settings")) {
        boost::system::error_code ec;
        const auto value = boost::json::parse(*settings, ec);
        if (ec || !value.is_object())
            throw usage_error(tr("--settings : un objet JSON est attendu", "--settings: a JSON object is expected"));
        record.settings_json = boost::json::serialize(value);
    }
    context.require_platform_rights();
    record.created_by = context.acting_user();
    record.created_at = iso_utc(context.time().now_ms());
    auto form = build_form(parsed, context.in(), context.err());

    // The plugin must be there before anything is stored.
    (void)context.catalog().find(provider_id);
    context.db().with_session([&](Poco::Data::Session& session) {
        write_transaction transaction(session);
        instances::insert(session, record);
        transaction.commit();
    });
    // configure saves nothing when it fails; the instance is then removed again, so that the same command
    // can be run again once the form is corrected.
    const auto undo = [&] {
        context.db().with_session([&](Poco::Data::Session& session) {
            write_transaction transaction(session);
            instances::remove(session, record.instance_id);
            transaction.commit();
        });
        context.services().secrets.erase_scope(record.instance_id);
        remove_data_directory(context.home(), record.instance_id);
    };
    std::string answer;
    try {
        auto instance = context.catalog().open(record);
        const auto call = context.user_call("configure", record.instance_id);
        answer = call_with_form(instance->handle(), host_sdk::operation::configure, call, form);
    } catch (...) {
        wipe_form(form);
        undo();
        throw;
    }
    const auto value = parse_answer(answer, "configure");
    if (context.json()) {
        print_json(context.out(), value);
        return 0;
    }
    context.out() << tr("Instance « ", "Instance \"") << record.instance_id << tr(" » créée (", "\" created (")
                  << provider_id << tr(", synchronisation toutes les ", ", sync every ") << record.interval_seconds
                  << " s" << (record.enabled ? "" : tr(", désactivée", ", disabled")) << ").\n";
    print_configuration(context.out(), value);
    return 0;
}

int cmd_aggregators_configure(app& context, const arguments& args) {
    const auto parsed = parse_options(args, form_options());
    expect_positionals(parsed, 1, "ID");
    const auto instance = context.open(parsed.positionals[0]);
    auto form = build_form(parsed, context.in(), context.err());
    const auto call = context.user_call("configure", instance->record().instance_id);
    const auto answer = call_with_form(instance->handle(), host_sdk::operation::configure, call, form);
    if (!context.json()) context.out() << tr("Configuration enregistrée.", "Configuration saved.") << '\n';
    print_answer(context, answer, "configure", &print_configuration);
    return 0;
}

int cmd_aggregators_list(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {});
    expect_positionals(parsed, 0, "");
    std::vector<std::pair<instance_record, std::optional<schedule_state>>> rows;
    context.db().with_session([&](Poco::Data::Session& session) {
        for (auto& instance : instances::list(session)) {
            auto state = schedule::get(session, instance.instance_id);
            rows.emplace_back(std::move(instance), std::move(state));
        }
    });
    if (context.json()) {
        boost::json::array items;
        for (const auto& [instance, state] : rows) {
            items.push_back(boost::json::object{{"instance_id", instance.instance_id},
                                                {"provider_id", instance.provider_id},
                                                {"created_by", instance.created_by},
                                                {"created_at", instance.created_at},
                                                {"settings", boost::json::parse(instance.settings_json)},
                                                {"schedule", schedule_json(instance, state)}});
        }
        print_json(context.out(), items);
        return 0;
    }
    if (rows.empty()) {
        context.out() << tr("Aucune instance (voir « aggregators add »).", "No instance (see \"aggregators add\").")
                      << '\n';
        return 0;
    }
    text_table table({"Instance", tr("Agrégateur", "Aggregator"), tr("Active", "Enabled"), tr("Intervalle", "Interval"),
                      tr("Dernière exécution", "Last run"), tr("Résultat", "Outcome"), tr("Prochaine", "Next run"),
                      tr("En cours", "Running")});
    table.align_right(3);
    for (const auto& [instance, state] : rows) {
        table.add({instance.instance_id, instance.provider_id, yes_no(instance.enabled),
                   std::to_string(instance.interval_seconds) + " s",
                   state ? instant_or_dash(state->last_started_ms) : "—",
                   state ? or_dash(state_label(state->last_outcome)) : "—",
                   state ? (state->next_run_ms > 0 ? iso_utc(state->next_run_ms) : tr("dès que possible", "as soon as possible")) : "—",
                   state ? yes_no(state->running) : yes_no(false)});
    }
    table.print(context.out());
    return 0;
}

int cmd_aggregators_show(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {});
    expect_positionals(parsed, 1, "ID");
    const auto instance = context.open(parsed.positionals[0]);
    const auto answer =
        instance->handle().get_configuration(context.user_call("get_configuration", instance->record().instance_id));
    print_answer(context, answer, "get_configuration", &print_configuration);
    return 0;
}

int cmd_aggregators_test(app& context, const arguments& args) {
    const auto parsed = parse_options(args, form_options());
    expect_positionals(parsed, 1, "ID");
    const auto instance = context.open(parsed.positionals[0]);
    const auto call = context.user_call("test_connection", instance->record().instance_id);
    std::string answer;
    if (has_form(parsed)) {
        auto form = build_form(parsed, context.in(), context.err());
        answer = call_with_form(instance->handle(), host_sdk::operation::test_connection, call, form);
    } else {
        answer = instance->handle().test_connection(call);
    }
    const auto value = parse_answer(answer, "test_connection");
    if (context.json()) {
        print_json(context.out(), value);
    } else {
        print_connection_test(context.out(), value);
    }
    const auto* ok = member(value, "ok");
    return ok != nullptr && ok->is_bool() && ok->get_bool() ? 0 : 1;
}

int cmd_aggregators_status(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {});
    expect_positionals(parsed, 1, "ID");
    const auto instance = context.open(parsed.positionals[0]);
    const auto answer = instance->handle().status(context.user_call("status", instance->record().instance_id));
    auto value = parse_answer(answer, "status");
    const auto state = context.db().with_session(
        [&](Poco::Data::Session& session) { return schedule::get(session, instance->record().instance_id); });
    const auto& record = instance->record();
    if (context.json()) {
        if (value.is_object()) value.get_object()["schedule"] = schedule_json(record, state);
        print_json(context.out(), value);
        return 0;
    }
    print_status(context.out(), value);
    auto& out = context.out();
    out << '\n' << tr("Planification : ", "Schedule: ")
        << (record.enabled ? tr("active, toutes les ", "enabled, every ") : tr("désactivée, intervalle ", "disabled, interval "))
        << record.interval_seconds << " s\n";
    if (state) {
        out << tr("  Dernière exécution : ", "  Last run: ") << instant_or_dash(state->last_started_ms);
        if (!state->last_outcome.empty()) out << " (" << state_label(state->last_outcome) << ")";
        out << '\n';
        if (!state->last_message.empty()) out << "  " << state->last_message << '\n';
        out << tr("  Prochaine exécution : ", "  Next run: ")
            << (state->next_run_ms > 0 ? iso_utc(state->next_run_ms) : tr("dès que possible", "as soon as possible"))
            << '\n';
        if (state->running)
            out << tr("  En cours depuis ", "  Running since ") << instant_or_dash(state->running_since_ms) << '\n';
    }
    return 0;
}

int cmd_aggregators_schedule(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {{"--interval", true, false}, {"--enable", false, false},
                                             {"--disable", false, false}});
    expect_positionals(parsed, 1, "ID");
    if (parsed.has("--enable") && parsed.has("--disable"))
        throw usage_error(tr("--enable et --disable s'excluent", "--enable and --disable exclude each other"));
    if (!parsed.has("--interval") && !parsed.has("--enable") && !parsed.has("--disable"))
        throw usage_error(tr("rien à changer : --interval S, --enable ou --disable", "nothing to change: --interval S, --enable or --disable"));
    const auto interval = parsed.has("--interval") ? std::optional<std::int64_t>(parse_interval(*parsed.value("--interval")))
                                                   : std::nullopt;
    context.require_platform_rights();
    const auto record = context.require_instance(parsed.positionals[0]);
    context.db().with_session([&](Poco::Data::Session& session) {
        write_transaction transaction(session);
        if (interval) instances::set_interval(session, record.instance_id, *interval);
        if (parsed.has("--enable")) instances::set_enabled(session, record.instance_id, true);
        if (parsed.has("--disable")) instances::set_enabled(session, record.instance_id, false);
        transaction.commit();
    });
    const auto updated = context.require_instance(record.instance_id);
    context.out() << tr("Instance « ", "Instance \"") << updated.instance_id << " » : "
                  << (updated.enabled ? tr("active", "enabled") : tr("désactivée", "disabled"))
                  << tr(", toutes les ", ", every ") << updated.interval_seconds << " s\n";
    return 0;
}

int cmd_aggregators_remove(app& context, const arguments& args) {
    const auto parsed = parse_options(args, {{"--keep-data", false, false}});
    expect_positionals(parsed, 1, "ID");
    context.require_platform_rights();
    const auto record = context.require_instance(parsed.positionals[0]);
    context.db().with_session([&](Poco::Data::Session& session) {
        write_transaction transaction(session);
        schedule::recover_abandoned(session, schedule::owner_process_alive);
        const auto state = schedule::get(session, record.instance_id);
        if (state && state->running) {
            throw failure(HS_E_CONFLICT, tr("une synchronisation de « ", "a sync of \"") + record.instance_id +
                                             tr(" » est en cours : réessayez après", "\" is running: try again afterwards"));
        }
        instances::remove(session, record.instance_id);
        transaction.commit();
    });
    const auto secrets = context.services().secrets.erase_scope(record.instance_id);
    const bool data_removed = !parsed.has("--keep-data") && remove_data_directory(context.home(), record.instance_id);
    context.out() << tr("Instance « ", "Instance \"") << record.instance_id << tr(" » supprimée", "\" removed") << " ("
                  << secrets << tr(" secret(s) effacé(s)", " secret(s) erased")
                  << (data_removed ? tr(", données du plugin effacées", ", plugin data erased") : "")
                  << tr(" ; le grand livre est conservé).", "; the ledger is kept).") << '\n';
    return 0;
}

} // namespace refhost::cli
