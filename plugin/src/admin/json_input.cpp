#include "admin/json_input.hpp"

#include "admin/display_text.hpp"

#include "store/time.hpp"

#include <host_sdk/error.hpp>

#include <boost/json.hpp>

#include <limits>

namespace jd::admin {

namespace json = boost::json;

void invalid_input(std::string_view where, std::string_view french, std::string_view english,
                   const host_sdk::call_context& call) {
    std::string text(where);
    text += call.english() ? ": " : " : ";
    text += call.english() ? english : french;
    throw host_sdk::error(HS_E_INVALID_ARGUMENT, text);
}

namespace {

std::string member_path(std::string_view where, std::string_view key) {
    std::string path(where);
    if (!path.empty()) path += ".";
    path += display_text(key, 64);
    return path;
}

} // namespace

const json::object& input_object(const json::value& input, std::string_view operation,
                                 const host_sdk::call_context& call) {
    static const json::object empty;
    if (input.is_null()) return empty;
    if (!input.is_object()) invalid_input(operation, "un objet JSON est attendu", "a JSON object is expected", call);
    return input.get_object();
}

void reject_unknown_members(const json::object& object, std::string_view allowed, std::string_view where,
                            const host_sdk::call_context& call) {
    for (const auto& entry : object) {
        const std::string_view key = entry.key();
        bool known = false;
        std::size_t start = 0;
        while (start <= allowed.size()) {
            const auto comma = allowed.find(',', start);
            const auto name = allowed.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
            if (name == key) {
                known = true;
                break;
            }
            if (comma == std::string_view::npos) break;
            start = comma + 1;
        }
        if (!known) {
            const std::string list(allowed);
            invalid_input(member_path(where, key), "membre inconnu (attendus : " + list + ")",
                          "unknown member (expected: " + list + ")", call);
        }
    }
}

std::optional<std::int64_t> id_member(const json::object& object, std::string_view key, std::string_view where,
                                      const host_sdk::call_context& call, bool required) {
    const auto* value = object.if_contains(key);
    const auto path = member_path(where, key);
    if (value == nullptr || value->is_null()) {
        if (required) invalid_input(path, "identifiant requis", "an id is required", call);
        return std::nullopt;
    }
    std::int64_t id = 0;
    if (value->is_int64()) {
        id = value->get_int64();
    } else if (value->is_uint64() && value->get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        id = static_cast<std::int64_t>(value->get_uint64());
    } else {
        invalid_input(path, "un entier positif est attendu", "a positive integer is expected", call);
    }
    if (id <= 0) invalid_input(path, "un entier positif est attendu", "a positive integer is expected", call);
    return id;
}

std::optional<std::string> string_member(const json::object& object, std::string_view key, std::string_view where,
                                         const host_sdk::call_context& call) {
    const auto* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) return std::nullopt;
    if (!value->is_string())
        invalid_input(member_path(where, key), "une chaîne est attendue", "a string is expected", call);
    return std::string(value->get_string());
}

std::optional<std::string> date_member(const json::object& object, std::string_view key, std::string_view where,
                                       const host_sdk::call_context& call) {
    auto text = string_member(object, key, where, call);
    if (!text || text->empty()) return std::nullopt;
    if (!store::is_iso_date(*text))
        invalid_input(member_path(where, key), "date AAAA-MM-JJ attendue, reçu « " + display_text(*text, 40) + " »",
                      "a YYYY-MM-DD date is expected, got \"" + display_text(*text, 40) + "\"", call);
    return text;
}

std::optional<bool> bool_member(const json::object& object, std::string_view key, std::string_view where,
                                const host_sdk::call_context& call, bool required) {
    const auto* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) {
        if (required) invalid_input(member_path(where, key), "true ou false requis", "true or false is required", call);
        return std::nullopt;
    }
    if (!value->is_bool()) invalid_input(member_path(where, key), "true ou false attendu", "true or false expected", call);
    return value->get_bool();
}

} // namespace jd::admin
