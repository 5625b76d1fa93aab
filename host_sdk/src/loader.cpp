// The loader: manifest checks before any plugin code runs, then Boost.DLL loading and the entry handshake.
#include "host_sdk/loader.hpp"

#include "loader_messages.hpp"

#include <boost/dll/library_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

namespace host_sdk {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using detail::loader_messages;

// The signature of the exported entry, as the alias points to it.
using entry_signature = const hs_provider_api_v1*(const hs_host_api_v1*, hs_error*);

// The 1.0 provider table ends with `cancel`; a plugin of an older minor may hand a shorter table once the
// struct grows, so the floor is the 1.0 size, not sizeof(hs_provider_api_v1).
constexpr std::size_t minimum_provider_table_size =
    offsetof(hs_provider_api_v1, cancel) + sizeof(hs_provider_api_v1::cancel);

// A refusal on the way: carries the status for load() and the message for both load() and scan().
struct refusal {
    hs_status status;
    std::string message;
};

[[noreturn]] void refuse(hs_status status, std::string message) { throw refusal{status, std::move(message)}; }

// Libraries are never unloaded while the process runs: the registry keeps one reference to each.
void pin(const std::shared_ptr<boost::dll::shared_library>& library) {
    static std::mutex mutex;
    static auto* registry = new std::vector<std::shared_ptr<boost::dll::shared_library>>(); // never destroyed
    const std::lock_guard lock(mutex);
    registry->push_back(library);
}

std::string read_file(const fs::path& file, const loader_messages& text) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) refuse(HS_E_NOT_FOUND, text.manifest_missing(file));
    std::ifstream in(file, std::ios::binary);
    if (!in) refuse(HS_E_NOT_FOUND, text.manifest_unreadable(file));
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) refuse(HS_E_NOT_FOUND, text.manifest_unreadable(file));
    return std::move(content).str();
}

// French wording of the Boost.JSON parse errors a hand-edited manifest is likely to have.
std::string french_parse_error(const boost::system::error_code& ec) {
    using json::error;
    static const std::map<int, const char*> names = {
        {static_cast<int>(error::syntax), "erreur de syntaxe"},
        {static_cast<int>(error::extra_data), "données après la fin du document"},
        {static_cast<int>(error::incomplete), "document incomplet"},
        {static_cast<int>(error::exponent_overflow), "exposant trop grand"},
        {static_cast<int>(error::too_deep), "imbrication trop profonde"},
        {static_cast<int>(error::illegal_leading_surrogate), "demi-code de substitution initial invalide"},
        {static_cast<int>(error::illegal_trailing_surrogate), "demi-code de substitution final invalide"},
        {static_cast<int>(error::expected_hex_digit), "chiffre hexadécimal attendu"},
        {static_cast<int>(error::expected_utf16_escape), "séquence \\u attendue"},
        {static_cast<int>(error::object_too_large), "objet trop grand"},
        {static_cast<int>(error::array_too_large), "tableau trop grand"},
        {static_cast<int>(error::key_too_large), "clé trop longue"},
        {static_cast<int>(error::string_too_large), "chaîne trop longue"},
        {static_cast<int>(error::exception), "erreur interne de l'analyseur"},
    };
    if (ec.category() == json::make_error_code(error::syntax).category()) {
        const auto found = names.find(ec.value());
        if (found != names.end()) return found->second;
    }
    return ec.message();
}

// Parses `content`; on failure refuses with the line and column (counted in characters) of the error.
json::value parse_manifest(const fs::path& file, const std::string& content, const loader_messages& text) {
    json::stream_parser parser;
    boost::system::error_code ec;
    std::size_t consumed = parser.write_some(content.data(), content.size(), ec);
    if (!ec && consumed < content.size()) {
        // A complete value followed by something else: only whitespace may follow.
        const auto rest = content.find_first_not_of(" \t\r\n", consumed);
        if (rest != std::string::npos) {
            consumed = rest;
            ec = json::error::extra_data;
        }
    }
    if (!ec) parser.finish(ec);
    if (!ec) return parser.release();
    if (consumed > content.size()) consumed = content.size();
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < consumed; ++i) {
        const auto byte = static_cast<unsigned char>(content[i]);
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0U) != 0x80U) {
            ++column;
        }
    }
    refuse(HS_E_INVALID_ARGUMENT, text.invalid_json(file, line, column, french_parse_error(ec), ec.message()));
}

bool exports_entry(const fs::path& library, const loader_messages& text, const fs::path& manifest_path) {
    try {
        boost::dll::library_info info(library);
        const auto symbols = info.symbols(HS_ENTRY_SECTION);
        return std::find(symbols.begin(), symbols.end(), HS_ENTRY_NAME) != symbols.end();
    } catch (const std::exception& e) {
        refuse(HS_E_INCOMPATIBLE, text.not_a_library(manifest_path, library, e.what()));
    }
}

// The first field, in the file's order then the library's, whose values differ (sha256 excepted).
std::optional<std::string> first_difference(const json::object& file, const json::object& compiled) {
    for (const auto& member : file) {
        if (member.key() == "sha256") continue;
        const auto* other = compiled.if_contains(member.key());
        if (other == nullptr || *other != member.value()) return std::string(member.key());
    }
    for (const auto& member : compiled) {
        if (member.key() == "sha256") continue;
        if (!file.contains(member.key())) return std::string(member.key());
    }
    return std::nullopt;
}

struct checked_manifest {
    fs::path path;
    json::value document;
    manifest info;
};

// Steps 1–4: read, parse, validate, platform and ABI. Nothing of the plugin has run yet.
checked_manifest check_manifest(const fs::path& manifest_path, const loader_messages& text) {
    checked_manifest checked;
    checked.path = manifest_path;
    const std::string content = read_file(manifest_path, text);
    checked.document = parse_manifest(manifest_path, content, text);
    if (const auto violation = validate_json_schema(manifest_schema(), checked.document))
        refuse(HS_E_INVALID_ARGUMENT,
               text.schema_violation(manifest_path, violation->describe(text.english() ? "en" : "fr")));
    checked.info = json::value_to<manifest>(checked.document);
    const auto& info = checked.info;
    if (info.platform != current_platform())
        refuse(HS_E_INCOMPATIBLE, text.wrong_platform(manifest_path, info.platform, current_platform()));
    if (info.abi.major != HS_ABI_MAJOR)
        refuse(HS_E_INCOMPATIBLE, text.abi_major(manifest_path, info.abi.major, info.abi.minor));
    if (!hs_abi_compatible(info.abi.major, info.abi.minor, HS_ABI_MAJOR, HS_ABI_MINOR))
        refuse(HS_E_INCOMPATIBLE, text.abi_minor(manifest_path, info.abi.major, info.abi.minor));
    return checked;
}

std::shared_ptr<loaded_plugin> load_checked(checked_manifest checked, const hs_host_api_v1* host_api,
                                            const std::string& locale, const loader_options& options) {
    const loader_messages text(locale);
    const fs::path& manifest_path = checked.path;
    const fs::path library_path = manifest_path.parent_path() / checked.info.library;

    // Step 5: the file the manifest vouches for, byte for byte.
    std::error_code ec;
    if (!fs::is_regular_file(library_path, ec)) refuse(HS_E_NOT_FOUND, text.library_missing(manifest_path, library_path));
    std::string digest;
    try {
        digest = sha256_file(library_path);
    } catch (const error&) {
        refuse(HS_E_NOT_FOUND, text.library_missing(manifest_path, library_path));
    }
    if (digest != checked.info.sha256)
        refuse(HS_E_INCOMPATIBLE, text.sha256_mismatch(manifest_path, library_path, checked.info.sha256, digest));

    // Step 6: the entry symbol, read from the file without loading it.
    if (!exports_entry(library_path, text, manifest_path))
        refuse(HS_E_INCOMPATIBLE, text.entry_missing(manifest_path, library_path, checked.info.entry));

    // Step 7: load (every symbol resolved now, so a missing dependency fails here, not mid-operation).
    std::shared_ptr<boost::dll::shared_library> library;
    try {
        library = std::make_shared<boost::dll::shared_library>(library_path, boost::dll::load_mode::rtld_now);
    } catch (const std::exception& e) {
        refuse(HS_E_INCOMPATIBLE, text.load_failed(manifest_path, library_path, e.what()));
    }
    entry_signature* entry = nullptr;
    try {
        entry = &library->get_alias<entry_signature>(HS_ENTRY_NAME);
    } catch (const std::exception&) {
        refuse(HS_E_INCOMPATIBLE, text.entry_missing(manifest_path, library_path, checked.info.entry));
    }
    hs_error err{};
    clear_error(&err);
    const hs_provider_api_v1* api = entry(host_api, &err);
    if (api == nullptr) {
        const hs_status status = err.code == HS_OK ? HS_E_INCOMPATIBLE : status_from_code(err.code);
        const auto plugin_error = error::from_c(status, err);
        refuse(status, text.entry_refused(manifest_path, library_path, status_name(status), plugin_error.what()));
    }
    if (api->header.struct_size < minimum_provider_table_size)
        refuse(HS_E_INCOMPATIBLE, text.table_too_small(manifest_path, api->header.struct_size, minimum_provider_table_size));
    if (!hs_abi_compatible(api->header.abi_major, api->header.abi_minor, HS_ABI_MAJOR, HS_ABI_MINOR))
        refuse(HS_E_INCOMPATIBLE, text.table_abi(manifest_path, api->header.abi_major, api->header.abi_minor));
    for (const auto& [present, name] : {std::pair{api->manifest_json != nullptr, "manifest_json"},
                                        std::pair{api->descriptor_json != nullptr, "descriptor_json"},
                                        std::pair{api->create != nullptr, "create"},
                                        std::pair{api->destroy != nullptr, "destroy"}}) {
        if (!present) refuse(HS_E_INCOMPATIBLE, text.table_member_missing(manifest_path, name));
    }

    // Step 8: the library describes itself exactly as its manifest file does.
    const char* compiled_text = api->manifest_json();
    boost::system::error_code parse_ec;
    const json::value compiled = json::parse(compiled_text != nullptr ? compiled_text : "", parse_ec);
    if (parse_ec || !compiled.is_object())
        refuse(HS_E_INCOMPATIBLE, text.compiled_manifest_unreadable(manifest_path, library_path,
                                                                    parse_ec ? parse_ec.message() : "not an object"));
    const auto& file_object = checked.document.as_object();
    if (const auto field = first_difference(file_object, compiled.as_object())) {
        const auto show = [&](const json::object& object) {
            const auto* value = object.if_contains(*field);
            return value == nullptr ? text.absent() : json::serialize(*value);
        };
        refuse(HS_E_INCOMPATIBLE, text.compiled_manifest_differs(manifest_path, library_path, *field,
                                                                  show(file_object), show(compiled.as_object())));
    }

    if (options.pin_libraries) pin(library);
    return std::make_shared<loaded_plugin>(std::move(checked.info), manifest_path, library_path, std::move(library),
                                           api, host_api, locale);
}

bool is_manifest_name(const fs::path& file) {
    const std::string name = file.filename().string();
    return name.size() > manifest_suffix.size() && name.ends_with(manifest_suffix);
}

bool is_library_name(const fs::path& file) {
    const std::string name = file.filename().string();
    return name.ends_with(".so") || name.find(".so.") != std::string::npos;
}

} // namespace

// ---------------------------------------------------------------------------------------------------------
loaded_plugin::loaded_plugin(manifest info, std::filesystem::path manifest_path, std::filesystem::path library_path,
                             std::shared_ptr<boost::dll::shared_library> library, const hs_provider_api_v1* api,
                             const hs_host_api_v1* host_api, std::string locale)
    : info_(std::move(info)), manifest_path_(std::move(manifest_path)), library_path_(std::move(library_path)),
      library_(std::move(library)), api_(api), host_api_(host_api), locale_(std::move(locale)) {}

std::string loaded_plugin::compiled_manifest_json() const {
    const char* text = api_->manifest_json();
    return text != nullptr ? text : "";
}

std::string loaded_plugin::descriptor_json() const {
    const char* text = api_->descriptor_json();
    return text != nullptr ? text : "";
}

boost::json::object loaded_plugin::descriptor() const {
    const loader_messages text(locale_);
    boost::system::error_code ec;
    auto value = json::parse(descriptor_json(), ec);
    if (ec) throw error(HS_E_INCOMPATIBLE, text.descriptor_invalid(info_.id, ec.message()));
    if (!value.is_object()) throw error(HS_E_INCOMPATIBLE, text.descriptor_invalid(info_.id, json::serialize(value)));
    return std::move(value.as_object());
}

provider_handle loaded_plugin::create_instance(const std::string& instance_id, const std::string& settings_json) const {
    hs_instance_v1 instance{};
    instance.header = {static_cast<std::uint32_t>(sizeof(hs_instance_v1)), HS_ABI_MAJOR, HS_ABI_MINOR};
    instance.instance_id = instance_id.c_str();
    instance.settings_json = settings_json.c_str();
    void* self = nullptr;
    hs_error err{};
    clear_error(&err);
    const hs_status status = api_->create(host_api_, &instance, &self, &err);
    if (status != HS_OK) throw error::from_c(status, err);
    if (self == nullptr) throw error(HS_E_INTERNAL, loader_messages(locale_).create_returned_nothing(info_.id));
    return provider_handle(library_, api_, self, instance_id);
}

// ---------------------------------------------------------------------------------------------------------
loader::loader(const hs_host_api_v1* host_api, std::string locale, loader_options options)
    : host_api_(host_api), locale_(std::move(locale)), options_(options) {}

std::shared_ptr<loaded_plugin> loader::load(const std::filesystem::path& manifest_path) const {
    const loader_messages text(locale_);
    const fs::path absolute = fs::absolute(manifest_path);
    try {
        return load_checked(check_manifest(absolute, text), host_api_, locale_, options_);
    } catch (const refusal& r) {
        throw error(r.status, r.message);
    } catch (const error&) {
        throw;
    } catch (const std::exception& e) {
        throw error(HS_E_INTERNAL, text.unexpected(absolute, e.what()));
    }
}

scan_result loader::scan(const std::vector<std::filesystem::path>& directories) const {
    const loader_messages text(locale_);
    scan_result result;
    std::map<std::string, fs::path> ids; // id -> manifest that claimed it first

    for (const auto& given : directories) {
        const fs::path dir = fs::absolute(given);
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) {
            result.failures.push_back({dir, HS_E_NOT_FOUND, text.directory_missing(dir)});
            continue;
        }
        std::vector<fs::path> manifests, libraries;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            if (is_manifest_name(it->path())) manifests.push_back(it->path());
            else if (is_library_name(it->path())) libraries.push_back(it->path());
        }
        std::sort(manifests.begin(), manifests.end());
        std::sort(libraries.begin(), libraries.end());

        // Which library files the manifests of this directory name. An unparseable manifest claims every
        // library whose file name appears in its text, so its library is not also reported "without manifest".
        std::set<std::string> claimed;
        std::vector<std::string> unparsed_texts;
        for (const auto& manifest_path : manifests) {
            std::ifstream in(manifest_path, std::ios::binary);
            const std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
            boost::system::error_code parse_ec;
            const auto document = json::parse(content, parse_ec);
            const json::value* library = nullptr;
            if (!parse_ec && document.is_object()) library = document.as_object().if_contains("library");
            if (library != nullptr && library->is_string()) claimed.insert(std::string(library->as_string()));
            else unparsed_texts.push_back(content);
        }

        for (const auto& manifest_path : manifests) {
            try {
                auto checked = check_manifest(manifest_path, text);
                if (const auto previous = ids.find(checked.info.id); previous != ids.end())
                    refuse(HS_E_CONFLICT, text.duplicate_id(manifest_path, checked.info.id, previous->second));
                const std::string id = checked.info.id;
                result.plugins.push_back(load_checked(std::move(checked), host_api_, locale_, options_));
                ids.emplace(id, manifest_path);
            } catch (const refusal& r) {
                result.failures.push_back({manifest_path, r.status, r.message});
            } catch (const std::exception& e) {
                result.failures.push_back({manifest_path, HS_E_INTERNAL, text.unexpected(manifest_path, e.what())});
            }
        }
        for (const auto& library : libraries) {
            const std::string name = library.filename().string();
            const bool named_in_text = std::any_of(unparsed_texts.begin(), unparsed_texts.end(),
                                                   [&](const std::string& t) { return t.find(name) != std::string::npos; });
            if (!claimed.contains(name) && !named_in_text)
                result.failures.push_back({library, HS_E_NOT_FOUND, text.library_without_manifest(library)});
        }
    }
    return result;
}

} // namespace host_sdk
