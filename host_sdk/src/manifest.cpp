// The manifest type, its JSON form, and the embedded schema.
#include "host_sdk/manifest.hpp"

namespace host_sdk {

namespace detail {
std::string_view embedded_manifest_schema() noexcept; // generated from schema/plugin-manifest.schema.json
}

void tag_invoke(boost::json::value_from_tag, boost::json::value& json, const manifest& value) {
    boost::json::object object;
    object["id"] = value.id;
    object["display_name"] = value.display_name;
    object["version"] = value.version;
    object["abi"] = {{"major", value.abi.major}, {"minor", value.abi.minor}};
    object["platform"] = value.platform;
    object["library"] = value.library;
    object["entry"] = value.entry;
    if (!value.sha256.empty()) object["sha256"] = value.sha256;
    if (value.description) object["description"] = *value.description;
    if (value.vendor) object["vendor"] = *value.vendor;
    json = std::move(object);
}

manifest tag_invoke(boost::json::value_to_tag<manifest>, const boost::json::value& json) {
    const auto& object = json.as_object();
    const auto text = [&](const char* key) { return std::string(object.at(key).as_string()); };
    const auto optional_text = [&](const char* key) -> std::optional<std::string> {
        if (const auto* found = object.if_contains(key)) return std::string(found->as_string());
        return std::nullopt;
    };
    manifest value;
    value.id = text("id");
    value.display_name = text("display_name");
    value.version = text("version");
    const auto& abi = object.at("abi").as_object();
    value.abi.major = boost::json::value_to<std::uint16_t>(abi.at("major"));
    value.abi.minor = boost::json::value_to<std::uint16_t>(abi.at("minor"));
    value.platform = text("platform");
    value.library = text("library");
    value.entry = text("entry");
    value.sha256 = optional_text("sha256").value_or("");
    value.description = optional_text("description");
    value.vendor = optional_text("vendor");
    return value;
}

std::string_view current_platform() noexcept {
#if defined(__linux__) && defined(__x86_64__)
    return "linux_x86_64";
#elif defined(__linux__) && defined(__aarch64__)
    return "linux_aarch64";
#elif defined(__APPLE__) && defined(__aarch64__)
    return "darwin_arm64";
#elif defined(__APPLE__) && defined(__x86_64__)
    return "darwin_x86_64";
#elif defined(_WIN32) && defined(_M_X64)
    return "windows_amd64";
#else
    return "unknown_unknown";
#endif
}

std::string_view manifest_schema_json() noexcept { return detail::embedded_manifest_schema(); }

const boost::json::value& manifest_schema() {
    static const boost::json::value schema = boost::json::parse(manifest_schema_json());
    return schema;
}

} // namespace host_sdk
