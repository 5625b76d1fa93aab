#pragma once
// Reading an operation's JSON input with errors that say which member is wrong and why, in the caller's
// language (host_sdk::error HS_E_INVALID_ARGUMENT).
#include <host_sdk/call_context.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jd::admin {

/// The input as an object ("{}" for null); `operation` names it in the message.
const boost::json::object& input_object(const boost::json::value& input, std::string_view operation,
                                        const host_sdk::call_context& call);

/// Throws unless every member of `object` is in `allowed` (a comma-separated list of names).
void reject_unknown_members(const boost::json::object& object, std::string_view allowed, std::string_view where,
                            const host_sdk::call_context& call);

/// A positive integer id (company, bank account). Absent: error when required, else nullopt.
std::optional<std::int64_t> id_member(const boost::json::object& object, std::string_view key, std::string_view where,
                                      const host_sdk::call_context& call, bool required = true);

/// A string member. Absent or null: nullopt (the caller decides whether it is required).
std::optional<std::string> string_member(const boost::json::object& object, std::string_view key,
                                         std::string_view where, const host_sdk::call_context& call);

/// A "YYYY-MM-DD" calendar date member; absent, null or "" → nullopt.
std::optional<std::string> date_member(const boost::json::object& object, std::string_view key, std::string_view where,
                                       const host_sdk::call_context& call);

/// A boolean member. Absent: error when required, else nullopt.
std::optional<bool> bool_member(const boost::json::object& object, std::string_view key, std::string_view where,
                                const host_sdk::call_context& call, bool required = true);

/// Throws host_sdk::error(HS_E_INVALID_ARGUMENT) "<where> : <french>" / "<where>: <english>".
[[noreturn]] void invalid_input(std::string_view where, std::string_view french, std::string_view english,
                                const host_sdk::call_context& call);

} // namespace jd::admin
