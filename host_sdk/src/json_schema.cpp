// The small JSON Schema validator (see json_schema.hpp for the keywords it knows).
#include "host_sdk/json_schema.hpp"

#include <cmath>
#include <map>
#include <regex>
#include <stdexcept>
#include <string_view>

namespace host_sdk {
namespace {

namespace json = boost::json;

std::string_view type_name(const json::value& value) {
    switch (value.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "boolean";
    case json::kind::int64:
    case json::kind::uint64: return "integer";
    case json::kind::double_: return "number";
    case json::kind::string: return "string";
    case json::kind::array: return "array";
    case json::kind::object: return "object";
    }
    return "unknown";
}

bool has_type(const json::value& value, std::string_view type) {
    if (type == "integer") {
        if (value.is_int64() || value.is_uint64()) return true;
        return value.is_double() && std::isfinite(value.get_double()) && std::trunc(value.get_double()) == value.get_double();
    }
    if (type == "number") return value.is_number();
    return type_name(value) == type;
}

// Numbers compare by value whatever their representation (1 == 1.0), as JSON Schema requires.
bool json_equal(const json::value& a, const json::value& b) {
    if (a.is_number() && b.is_number()) {
        if (a.is_double() || b.is_double()) return a.to_number<double>() == b.to_number<double>();
        if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
        if (a.is_uint64() && b.is_uint64()) return a.get_uint64() == b.get_uint64();
        const auto& signed_value = a.is_int64() ? a : b;
        const auto& unsigned_value = a.is_int64() ? b : a;
        return signed_value.get_int64() >= 0 &&
               static_cast<std::uint64_t>(signed_value.get_int64()) == unsigned_value.get_uint64();
    }
    if (a.is_array() && b.is_array()) {
        const auto& x = a.get_array();
        const auto& y = b.get_array();
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!json_equal(x[i], y[i])) return false;
        return true;
    }
    if (a.is_object() && b.is_object()) {
        const auto& x = a.get_object();
        const auto& y = b.get_object();
        if (x.size() != y.size()) return false;
        for (const auto& member : x) {
            const auto* other = y.if_contains(member.key());
            if (other == nullptr || !json_equal(member.value(), *other)) return false;
        }
        return true;
    }
    return a == b;
}

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
    return count;
}

bool is_identifier(std::string_view key) {
    if (key.empty()) return false;
    for (std::size_t i = 0; i < key.size(); ++i) {
        const char c = key[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
        if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
    }
    return true;
}

std::string member_path(const std::string& parent, std::string_view key) {
    if (is_identifier(key)) return parent + "." + std::string(key);
    return parent + "[" + json::serialize(json::string(key)) + "]";
}

class validator {
public:
    std::optional<schema_violation> check(const json::value& schema, const json::value& instance,
                                          const std::string& path) {
        if (schema.is_bool()) {
            if (schema.get_bool()) return std::nullopt;
            return violation(path, "false", "valeur interdite par le schéma", "value not allowed by the schema");
        }
        if (!schema.is_object()) throw std::invalid_argument("JSON Schema: a schema must be an object or a boolean");
        const auto& rules = schema.get_object();
        // A writeOnly member (a password) is never quoted back in a message.
        const bool secret = rules.contains("writeOnly") && rules.at("writeOnly") == json::value(true);

        if (const auto* type = rules.if_contains("type")) {
            if (auto v = check_type(*type, instance, path)) return v;
        }
        if (const auto* expected = rules.if_contains("const"); expected != nullptr && !json_equal(*expected, instance)) {
            return violation(path, "const", "valeur attendue " + show(*expected, false) + ", trouvée " + show(instance, secret),
                             "expected value " + show(*expected, false) + ", found " + show(instance, secret));
        }
        if (const auto* allowed = rules.if_contains("enum")) {
            bool found = false;
            for (const auto& candidate : allowed->as_array()) found = found || json_equal(candidate, instance);
            if (!found) {
                std::string list;
                for (const auto& candidate : allowed->as_array())
                    list += (list.empty() ? "" : ", ") + show(candidate, false);
                return violation(path, "enum", "valeur " + show(instance, secret) + " hors de la liste permise (" + list + ")",
                                 "value " + show(instance, secret) + " is not one of (" + list + ")");
            }
        }
        if (instance.is_string()) {
            if (auto v = check_string(rules, instance.get_string(), path, secret)) return v;
        }
        if (instance.is_number()) {
            if (auto v = check_number(rules, instance, path)) return v;
        }
        if (instance.is_object()) {
            if (auto v = check_object(rules, instance.get_object(), path)) return v;
        }
        if (instance.is_array()) {
            if (auto v = check_array(rules, instance.get_array(), path)) return v;
        }
        return std::nullopt;
    }

private:
    static schema_violation violation(const std::string& path, std::string keyword, std::string fr, std::string en) {
        return schema_violation{path, std::move(keyword), std::move(fr), std::move(en)};
    }

    static std::string show(const json::value& value, bool secret) {
        if (secret) return "***"; // same in both languages
        std::string text = json::serialize(value);
        if (code_points(text) > 80) {
            std::size_t cut = 77;
            while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
            text = text.substr(0, cut) + "...";
        }
        return text;
    }

    std::optional<schema_violation> check_type(const json::value& type, const json::value& instance,
                                               const std::string& path) {
        std::string fr_list, en_list;
        bool matches = false;
        const auto consider = [&](const json::value& name) {
            const std::string_view text = name.as_string();
            matches = matches || has_type(instance, text);
            fr_list += (fr_list.empty() ? "" : " ou ") + std::string(text);
            en_list += (en_list.empty() ? "" : " or ") + std::string(text);
        };
        if (type.is_array()) {
            for (const auto& name : type.get_array()) consider(name);
        } else {
            consider(type);
        }
        if (matches) return std::nullopt;
        const std::string found(type_name(instance));
        return violation(path, "type", "type attendu " + fr_list + ", trouvé " + found,
                         "expected type " + en_list + ", found " + found);
    }

    std::optional<schema_violation> check_string(const json::object& rules, std::string_view text,
                                                 const std::string& path, bool secret) {
        const std::size_t length = code_points(text);
        if (const auto* min = rules.if_contains("minLength"); min != nullptr && length < min->to_number<std::uint64_t>()) {
            const auto bound = std::to_string(min->to_number<std::uint64_t>());
            return violation(path, "minLength",
                             "longueur " + std::to_string(length) + " inférieure au minimum " + bound,
                             "length " + std::to_string(length) + " is less than the minimum " + bound);
        }
        if (const auto* max = rules.if_contains("maxLength"); max != nullptr && length > max->to_number<std::uint64_t>()) {
            const auto bound = std::to_string(max->to_number<std::uint64_t>());
            return violation(path, "maxLength",
                             "longueur " + std::to_string(length) + " supérieure au maximum " + bound,
                             "length " + std::to_string(length) + " is greater than the maximum " + bound);
        }
        if (const auto* pattern = rules.if_contains("pattern")) {
            const std::string source(pattern->as_string());
            if (!std::regex_search(text.begin(), text.end(), compiled(source))) {
                const std::string shown = show(json::string(text), secret);
                return violation(path, "pattern", shown + " ne respecte pas le motif " + source,
                                 shown + " does not match the pattern " + source);
            }
        }
        return std::nullopt;
    }

    static std::optional<schema_violation> check_number(const json::object& rules, const json::value& number,
                                                        const std::string& path) {
        const double value = number.to_number<double>();
        const std::string shown = json::serialize(number);
        if (const auto* min = rules.if_contains("minimum"); min != nullptr && value < min->to_number<double>()) {
            const std::string bound = json::serialize(*min);
            return violation(path, "minimum", shown + " inférieur au minimum " + bound,
                             shown + " is less than the minimum " + bound);
        }
        if (const auto* max = rules.if_contains("maximum"); max != nullptr && value > max->to_number<double>()) {
            const std::string bound = json::serialize(*max);
            return violation(path, "maximum", shown + " supérieur au maximum " + bound,
                             shown + " is greater than the maximum " + bound);
        }
        return std::nullopt;
    }

    std::optional<schema_violation> check_object(const json::object& rules, const json::object& object,
                                                 const std::string& path) {
        if (const auto* required = rules.if_contains("required")) {
            for (const auto& name : required->as_array()) {
                if (!object.contains(name.as_string()))
                    return violation(member_path(path, name.as_string()), "required", "propriété obligatoire absente",
                                     "required property is missing");
            }
        }
        const json::object* properties = nullptr;
        if (const auto* found = rules.if_contains("properties")) properties = &found->as_object();
        const json::value* additional = rules.if_contains("additionalProperties");
        for (const auto& member : object) {
            const std::string child = member_path(path, member.key());
            if (properties != nullptr) {
                if (const auto* sub = properties->if_contains(member.key())) {
                    if (auto v = check(*sub, member.value(), child)) return v;
                    continue;
                }
            }
            if (additional == nullptr) continue;
            if (additional->is_bool()) {
                if (!additional->get_bool())
                    return violation(child, "additionalProperties", "propriété non prévue par le schéma",
                                     "property not allowed by the schema");
                continue;
            }
            if (auto v = check(*additional, member.value(), child)) return v;
        }
        return std::nullopt;
    }

    std::optional<schema_violation> check_array(const json::object& rules, const json::array& array,
                                                const std::string& path) {
        const std::string count = std::to_string(array.size());
        if (const auto* min = rules.if_contains("minItems"); min != nullptr && array.size() < min->to_number<std::uint64_t>()) {
            const auto bound = std::to_string(min->to_number<std::uint64_t>());
            return violation(path, "minItems", count + " éléments, au moins " + bound + " attendus",
                             count + " items, at least " + bound + " expected");
        }
        if (const auto* max = rules.if_contains("maxItems"); max != nullptr && array.size() > max->to_number<std::uint64_t>()) {
            const auto bound = std::to_string(max->to_number<std::uint64_t>());
            return violation(path, "maxItems", count + " éléments, au plus " + bound + " attendus",
                             count + " items, at most " + bound + " expected");
        }
        if (const auto* items = rules.if_contains("items"); items != nullptr && !items->is_array()) {
            for (std::size_t i = 0; i < array.size(); ++i)
                if (auto v = check(*items, array[i], path + "[" + std::to_string(i) + "]")) return v;
        }
        return std::nullopt;
    }

    const std::regex& compiled(const std::string& source) {
        auto found = regexes_.find(source);
        if (found == regexes_.end()) {
            try {
                found = regexes_.emplace(source, std::regex(source, std::regex::ECMAScript)).first;
            } catch (const std::regex_error& e) {
                throw std::invalid_argument("JSON Schema: invalid pattern " + source + ": " + e.what());
            }
        }
        return found->second;
    }

    std::map<std::string, std::regex> regexes_;
};

} // namespace

std::string schema_violation::describe(const std::string& locale) const {
    return locale == "en" ? path + ": " + message_en : path + " : " + message_fr;
}

std::optional<schema_violation> validate_json_schema(const boost::json::value& schema,
                                                     const boost::json::value& instance) {
    validator checker;
    return checker.check(schema, instance, "$");
}

} // namespace host_sdk
