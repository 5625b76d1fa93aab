#pragma once
// A flat JSON object writer for audit details (the values are checked UTF-8 already).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jd::store::detail {

class json_object {
public:
    json_object& add(std::string_view key, std::string_view value);
    json_object& add(std::string_view key, std::int64_t value);
    json_object& add(std::string_view key, bool value);
    json_object& add_optional(std::string_view key, const std::optional<std::string>& value); // null when empty
    json_object& add_raw(std::string_view key, std::string_view json);               // nested JSON as is
    [[nodiscard]] std::string str() const;

private:
    void key(std::string_view name);
    std::string text_;
};

// "…" with JSON escapes (quotes, backslash, control characters); other bytes pass through.
[[nodiscard]] std::string json_quoted(std::string_view text);

} // namespace jd::store::detail
