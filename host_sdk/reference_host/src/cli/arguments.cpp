#include "cli/arguments.hpp"

#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"

#include <cctype>
#include <charconv>

namespace refhost::cli {

namespace {

// Splits "--name=value"; returns false when there is no '='.
bool split_inline(const std::string& arg, std::string& name, std::string& value) {
    const auto eq = arg.find('=');
    if (arg.rfind("--", 0) != 0 || eq == std::string::npos) return false;
    name = arg.substr(0, eq);
    value = arg.substr(eq + 1);
    return true;
}

} // namespace

global_options extract_global_options(std::vector<std::string>& args) {
    global_options options;
    std::vector<std::string> rest;
    bool options_ended = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (options_ended || arg == "--") {
            options_ended = true;
            rest.push_back(arg);
            continue;
        }
        std::string name = arg, inline_value;
        const bool has_inline = split_inline(arg, name, inline_value);
        const auto take_value = [&]() -> std::string {
            if (has_inline) return inline_value;
            if (i + 1 >= args.size())
                throw usage_error(tr("l'option ", "option ") + name + tr(" attend une valeur", " needs a value"));
            return args[++i];
        };
        if (name == "--home") {
            options.home = take_value();
        } else if (name == "--user") {
            options.user = take_value();
        } else if (name == "--lang") {
            options.language = take_value();
        } else if (name == "--plugins") {
            options.plugin_directories.push_back(take_value());
        } else if (arg == "--json") {
            options.json = true;
        } else if (arg == "--verbose" || arg == "-v") {
            options.verbose = true;
        } else if (arg == "--help" || arg == "-h") {
            options.help = true;
        } else if (arg == "--version") {
            options.version = true;
        } else {
            rest.push_back(arg);
        }
    }
    args = std::move(rest);
    return options;
}

std::optional<std::string> parsed_options::value(const std::string& name) const {
    const auto found = values.find(name);
    if (found == values.end() || found->second.empty()) return std::nullopt;
    return found->second.back();
}

std::vector<std::string> parsed_options::all(const std::string& name) const {
    const auto found = values.find(name);
    return found == values.end() ? std::vector<std::string>{} : found->second;
}

parsed_options parse_options(const std::vector<std::string>& args, const std::vector<option_spec>& specs) {
    parsed_options parsed;
    bool options_ended = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (options_ended || arg.size() < 2 || arg[0] != '-' || (arg[1] != '-' && !std::isalpha(static_cast<unsigned char>(arg[1])))) {
            parsed.positionals.push_back(arg);
            continue;
        }
        if (arg == "--") {
            options_ended = true;
            continue;
        }
        std::string name = arg, inline_value;
        const bool has_inline = split_inline(arg, name, inline_value);
        const option_spec* spec = nullptr;
        for (const auto& candidate : specs)
            if (candidate.name == name) spec = &candidate;
        if (spec == nullptr) throw usage_error(tr("option inconnue : ", "unknown option: ") + name);
        if (parsed.has(name) && !spec->repeatable)
            throw usage_error(tr("option répétée : ", "option given twice: ") + name);
        if (!spec->takes_value) {
            if (has_inline) throw usage_error(tr("l'option ", "option ") + name + tr(" ne prend pas de valeur", " takes no value"));
            parsed.values[name].emplace_back();
            continue;
        }
        if (has_inline) {
            parsed.values[name].push_back(inline_value);
        } else {
            if (i + 1 >= args.size())
                throw usage_error(tr("l'option ", "option ") + name + tr(" attend une valeur", " needs a value"));
            parsed.values[name].push_back(args[++i]);
        }
    }
    return parsed;
}

void expect_positionals(const parsed_options& parsed, std::size_t count, const std::string& names) {
    if (parsed.positionals.size() < count)
        throw usage_error(tr("argument manquant : ", "missing argument: ") + names);
    if (parsed.positionals.size() > count)
        throw usage_error(tr("argument en trop : ", "unexpected argument: ") + parsed.positionals[count]);
}

std::int64_t parse_integer(const std::string& text, const std::string& what) {
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end)
        throw usage_error(what + tr(" : nombre entier attendu, reçu « ", ": a whole number is expected, got \"") + text +
                          tr(" »", "\""));
    return value;
}

std::int64_t parse_id(const std::string& text, const std::string& what) {
    const auto value = parse_integer(text, what);
    if (value <= 0)
        throw usage_error(what + tr(" : identifiant positif attendu, reçu ", ": a positive id is expected, got ") + text);
    return value;
}

} // namespace refhost::cli
