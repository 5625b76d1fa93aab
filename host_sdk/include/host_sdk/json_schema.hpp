#pragma once
// A small JSON Schema (draft-07) validator: enough for the plugin manifest and configuration forms.
//
// Keywords checked: type (string or array of names; "integer" accepts whole numbers), required,
// properties, additionalProperties (boolean or schema), items (one schema), enum, const, pattern
// (ECMAScript regex, searched anywhere as the standard says), minimum, maximum, minLength, maxLength
// (in Unicode code points), minItems, maxItems. Every other keyword ($schema, $id, title, description,
// default, format, writeOnly, examples, …) is accepted and ignored. Validation stops at the first
// violation and says where it is as a JSON path ("$", "$.abi.major", "$.items[2]").

#include <boost/json.hpp>

#include <optional>
#include <string>

namespace host_sdk {

struct schema_violation {
    std::string path;    ///< "$.abi.major"
    std::string keyword; ///< the schema keyword that failed: "type", "required", "pattern", …
    std::string message_fr;
    std::string message_en;

    /// The message in `locale` ("en" → English, otherwise French), path included:
    /// "$.abi.major : type attendu integer, trouvé string".
    [[nodiscard]] std::string describe(const std::string& locale) const;
};

/// The first violation of `instance` against `schema`, or std::nullopt when it conforms.
/// Throws std::invalid_argument when the schema itself is malformed (e.g. a bad regex).
[[nodiscard]] std::optional<schema_violation> validate_json_schema(const boost::json::value& schema,
                                                                   const boost::json::value& instance);

} // namespace host_sdk
