#pragma once
// Fault injection: what goes wrong, on which operations, for which share of requests.
#include "jdsim/rng.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jdsim {

// The client-facing operations faults can target (the /_sim/ control endpoint is never faulted).
enum class operation_kind : std::uint8_t { list, download, gestion, other };
std::string_view to_string(operation_kind op);
std::optional<operation_kind> parse_operation(std::string_view name);

enum class fault_type : std::uint8_t {
    latency,              // answer after `ms` milliseconds
    hang,                 // never answer (the connection stays open until the client gives up)
    reset,                // close the TCP connection with a RST, no answer
    truncate,             // announce the full Content-Length, send half of the response, close
    http_status,          // HTTP `status` (500, 502, 503...) with a short text body
    too_many_requests,    // HTTP 429 with Retry-After: `retry_after`
    code99,               // SOAP operations: codeRetour 99 (problème technique) in a 200 answer
    soap_fault,           // SOAP operations: HTTP 500 with a SOAP Fault (faultstring)
    malformed_xml,        // HTTP 200 whose XML body is cut and broken
    invalid_credentials,  // the credentials are treated as wrong: codeRetour 06, or HTTP 401 on gestion
    trickle,              // the response is sent slowly, `bytes_per_second`
};
std::string_view to_string(fault_type t);
std::optional<fault_type> parse_fault_type(std::string_view name);
// code99 and soap_fault concern SOAP operations only; the other faults concern every operation.
bool fault_applies(fault_type t, operation_kind op);

struct fault_spec {
    fault_type type = fault_type::http_status;
    int status = 503;
    int ms = 1000;
    int retry_after = 1;
    int bytes_per_second = 1024;
    double share = 1.0;                       // share of the matching requests that get the fault
    std::optional<std::uint64_t> count;       // only the first `count` matching requests are considered
    std::vector<operation_kind> operations;   // empty: every operation
    bool after_processing = false;            // hang/reset/status/429/soap_fault after the request took effect
    std::uint64_t matched = 0;                // matching requests seen so far
    std::uint64_t injected = 0;
};

// "http_status:503,share=0.5,count=10,ops=list+download,processed=1", "latency:250", "hang", "trickle:2048".
// Throws std::invalid_argument with a message naming the bad part.
fault_spec parse_fault_spec(std::string_view text);
// {"type":"http_status","status":503,"share":1.0,"count":2,"operations":["list"]}. Throws std::invalid_argument.
fault_spec parse_fault_json(const boost::json::object& o);
boost::json::object to_json(const fault_spec& f);

struct fault_decision {
    int latency_ms = 0;
    int trickle_bytes_per_second = 0;
    std::optional<fault_spec> outcome;  // the fault that decides the answer (anything but latency/trickle)
    bool any() const { return latency_ms > 0 || trickle_bytes_per_second > 0 || outcome.has_value(); }
};

class fault_injector {
  public:
    explicit fault_injector(std::uint64_t seed) : rng_(hash_of(seed, static_cast<std::uint64_t>(stream::faults))) {}

    void replace(std::vector<fault_spec> faults);
    void clear();
    std::vector<fault_spec> active() const;
    fault_decision decide(operation_kind op);
    std::uint64_t injected() const;

  private:
    mutable std::mutex mutex_;
    std::vector<fault_spec> faults_;
    rng rng_;
    std::uint64_t injected_ = 0;
};

}  // namespace jdsim
