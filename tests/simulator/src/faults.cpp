#include "jdsim/faults.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace jdsim {
namespace {

constexpr std::pair<fault_type, std::string_view> fault_names[] = {
    {fault_type::latency, "latency"},
    {fault_type::hang, "hang"},
    {fault_type::reset, "reset"},
    {fault_type::truncate, "truncate"},
    {fault_type::http_status, "http_status"},
    {fault_type::too_many_requests, "too_many_requests"},
    {fault_type::code99, "code99"},
    {fault_type::soap_fault, "soap_fault"},
    {fault_type::malformed_xml, "malformed_xml"},
    {fault_type::invalid_credentials, "invalid_credentials"},
    {fault_type::trickle, "trickle"},
};

long long to_integer(std::string_view text, std::string_view what) {
    long long v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
        throw std::invalid_argument("fault: " + std::string(what) + " must be an integer, got '" + std::string(text) + "'");
    return v;
}

double to_share(std::string_view text) {
    try {
        std::size_t used = 0;
        const double v = std::stod(std::string(text), &used);
        if (used != text.size()) throw std::invalid_argument("");
        return v;
    } catch (const std::exception&) {
        throw std::invalid_argument("fault: share must be a number between 0 and 1, got '" + std::string(text) + "'");
    }
}

void set_main_value(fault_spec& f, long long v) {
    switch (f.type) {
        case fault_type::http_status: f.status = static_cast<int>(v); break;
        case fault_type::latency: f.ms = static_cast<int>(v); break;
        case fault_type::too_many_requests: f.retry_after = static_cast<int>(v); break;
        case fault_type::trickle: f.bytes_per_second = static_cast<int>(v); break;
        default: throw std::invalid_argument("fault: " + std::string(to_string(f.type)) + " takes no value");
    }
}

void validate(const fault_spec& f) {
    if (f.share < 0 || f.share > 1) throw std::invalid_argument("fault: share must be between 0 and 1");
    if (f.type == fault_type::http_status && (f.status < 400 || f.status > 599))
        throw std::invalid_argument("fault: http_status needs a status between 400 and 599");
    if (f.type == fault_type::latency && (f.ms < 0 || f.ms > 3600000))
        throw std::invalid_argument("fault: latency must be 0..3600000 ms");
    if (f.type == fault_type::too_many_requests && (f.retry_after < 0 || f.retry_after > 86400))
        throw std::invalid_argument("fault: retry_after must be 0..86400 s");
    if (f.type == fault_type::trickle && (f.bytes_per_second < 1 || f.bytes_per_second > 100000000))
        throw std::invalid_argument("fault: trickle needs 1..100000000 bytes per second");
}

std::vector<operation_kind> parse_operations(std::string_view list, char separator) {
    std::vector<operation_kind> ops;
    std::size_t p = 0;
    while (p <= list.size()) {
        const std::size_t e = std::min(list.find(separator, p), list.size());
        const std::string_view name = list.substr(p, e - p);
        if (!name.empty()) {
            auto op = parse_operation(name);
            if (!op) throw std::invalid_argument("fault: unknown operation '" + std::string(name) + "' (list, download, gestion, other)");
            ops.push_back(*op);
        }
        p = e + 1;
    }
    return ops;
}

}  // namespace

std::string_view to_string(operation_kind op) {
    switch (op) {
        case operation_kind::list: return "list";
        case operation_kind::download: return "download";
        case operation_kind::gestion: return "gestion";
        case operation_kind::other: return "other";
    }
    return "other";
}

std::optional<operation_kind> parse_operation(std::string_view name) {
    if (name == "list") return operation_kind::list;
    if (name == "download") return operation_kind::download;
    if (name == "gestion") return operation_kind::gestion;
    if (name == "other") return operation_kind::other;
    return std::nullopt;
}

std::string_view to_string(fault_type t) {
    for (const auto& [type, name] : fault_names)
        if (type == t) return name;
    return "unknown";
}

std::optional<fault_type> parse_fault_type(std::string_view name) {
    for (const auto& [type, n] : fault_names)
        if (n == name) return type;
    return std::nullopt;
}

bool fault_applies(fault_type t, operation_kind op) {
    if (t == fault_type::code99 || t == fault_type::soap_fault)
        return op == operation_kind::list || op == operation_kind::download;
    return true;
}

fault_spec parse_fault_spec(std::string_view text) {
    fault_spec f;
    std::size_t pos = 0;
    bool first = true;
    while (pos <= text.size()) {
        const std::size_t comma = std::min(text.find(',', pos), text.size());
        const std::string_view item = text.substr(pos, comma - pos);
        pos = comma + 1;
        if (first) {
            first = false;
            const std::size_t colon = item.find(':');
            const std::string_view name = item.substr(0, colon);
            const auto type = parse_fault_type(name);
            if (!type) throw std::invalid_argument("fault: unknown type '" + std::string(name) + "'");
            f.type = *type;
            if (colon != std::string_view::npos) set_main_value(f, to_integer(item.substr(colon + 1), "value"));
        } else if (!item.empty()) {
            const std::size_t eq = item.find('=');
            if (eq == std::string_view::npos) throw std::invalid_argument("fault: '" + std::string(item) + "' is not key=value");
            const std::string_view key = item.substr(0, eq);
            const std::string_view value = item.substr(eq + 1);
            if (key == "share")
                f.share = to_share(value);
            else if (key == "count")
                f.count = static_cast<std::uint64_t>(to_integer(value, "count"));
            else if (key == "ops" || key == "operations")
                f.operations = parse_operations(value, '+');
            else if (key == "processed" || key == "after_processing")
                f.after_processing = value == "1" || value == "true" || value == "yes";
            else if (key == "status")
                f.status = static_cast<int>(to_integer(value, "status"));
            else if (key == "ms")
                f.ms = static_cast<int>(to_integer(value, "ms"));
            else if (key == "retry_after")
                f.retry_after = static_cast<int>(to_integer(value, "retry_after"));
            else if (key == "bytes_per_second" || key == "bps")
                f.bytes_per_second = static_cast<int>(to_integer(value, "bytes_per_second"));
            else
                throw std::invalid_argument("fault: unknown option '" + std::string(key) + "'");
        }
        if (comma == text.size()) break;
    }
    validate(f);
    return f;
}

fault_spec parse_fault_json(const boost::json::object& o) {
    fault_spec f;
    const auto* type = o.if_contains("type");
    if (!type || !type->is_string()) throw std::invalid_argument("fault: \"type\" (a string) is required");
    const auto t = parse_fault_type(type->as_string());
    if (!t) throw std::invalid_argument("fault: unknown type '" + std::string(type->as_string()) + "'");
    f.type = *t;
    auto integer = [&](const char* key, int& out) {
        if (const auto* v = o.if_contains(key)) {
            if (!v->is_number()) throw std::invalid_argument(std::string("fault: \"") + key + "\" must be a number");
            out = static_cast<int>(v->to_number<double>());
        }
    };
    integer("status", f.status);
    integer("ms", f.ms);
    integer("retry_after", f.retry_after);
    integer("bytes_per_second", f.bytes_per_second);
    if (const auto* v = o.if_contains("share")) {
        if (!v->is_number()) throw std::invalid_argument("fault: \"share\" must be a number");
        f.share = v->to_number<double>();
    }
    if (const auto* v = o.if_contains("count"); v && !v->is_null()) {
        if (!v->is_number() || v->to_number<double>() < 0) throw std::invalid_argument("fault: \"count\" must be a non-negative number");
        f.count = static_cast<std::uint64_t>(v->to_number<double>());
    }
    if (const auto* v = o.if_contains("operations"); v && !v->is_null()) {
        if (!v->is_array()) throw std::invalid_argument("fault: \"operations\" must be an array of names");
        for (const auto& op : v->as_array()) {
            if (!op.is_string()) throw std::invalid_argument("fault: \"operations\" must be an array of names");
            auto k = parse_operation(op.as_string());
            if (!k) throw std::invalid_argument("fault: unknown operation '" + std::string(op.as_string()) + "'");
            f.operations.push_back(*k);
        }
    }
    if (const auto* v = o.if_contains("after_processing")) f.after_processing = v->is_bool() && v->as_bool();
    validate(f);
    return f;
}

boost::json::object to_json(const fault_spec& f) {
    boost::json::object o;
    o["type"] = to_string(f.type);
    switch (f.type) {
        case fault_type::http_status: o["status"] = f.status; break;
        case fault_type::latency: o["ms"] = f.ms; break;
        case fault_type::too_many_requests: o["retry_after"] = f.retry_after; break;
        case fault_type::trickle: o["bytes_per_second"] = f.bytes_per_second; break;
        default: break;
    }
    o["share"] = f.share;
    if (f.count)
        o["count"] = *f.count;
    else
        o["count"] = nullptr;
    boost::json::array ops;
    for (auto op : f.operations) ops.emplace_back(to_string(op));
    o["operations"] = std::move(ops);
    o["after_processing"] = f.after_processing;
    o["matched"] = f.matched;
    o["injected"] = f.injected;
    return o;
}

void fault_injector::replace(std::vector<fault_spec> faults) {
    std::lock_guard lock(mutex_);
    faults_ = std::move(faults);
}

void fault_injector::clear() {
    std::lock_guard lock(mutex_);
    faults_.clear();
}

std::vector<fault_spec> fault_injector::active() const {
    std::lock_guard lock(mutex_);
    return faults_;
}

std::uint64_t fault_injector::injected() const {
    std::lock_guard lock(mutex_);
    return injected_;
}

fault_decision fault_injector::decide(operation_kind op) {
    fault_decision d;
    std::lock_guard lock(mutex_);
    for (auto& f : faults_) {
        const bool modifier = f.type == fault_type::latency || f.type == fault_type::trickle;
        if (!modifier && d.outcome) continue;  // the answer is already decided
        if (!fault_applies(f.type, op)) continue;
        if (!f.operations.empty() && std::find(f.operations.begin(), f.operations.end(), op) == f.operations.end())
            continue;
        ++f.matched;
        if (f.count && f.matched > *f.count) continue;
        if (f.share < 1.0 && !rng_.chance(f.share)) continue;
        ++f.injected;
        ++injected_;
        if (f.type == fault_type::latency)
            d.latency_ms += f.ms;
        else if (f.type == fault_type::trickle)
            d.trickle_bytes_per_second = d.trickle_bytes_per_second == 0 ? f.bytes_per_second
                                                                         : std::min(d.trickle_bytes_per_second, f.bytes_per_second);
        else
            d.outcome = f;
    }
    return d;
}

}  // namespace jdsim
