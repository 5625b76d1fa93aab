#include "jdsim/server_stats.hpp"

#include <boost/json.hpp>

namespace jdsim {

void server_stats::return_code(const std::string& code) {
    std::lock_guard lock(mutex_);
    ++return_codes_[code];
}

void server_stats::http_status(unsigned status) {
    std::lock_guard lock(mutex_);
    ++http_statuses_[status];
}

void server_stats::reset() {
    requests_ = 0;
    handshakes_ = 0;
    handshake_failures_ = 0;
    connections_ = 0;
    control_requests_ = 0;
    faults_injected_ = 0;
    bytes_out_ = 0;
    for (auto& c : by_operation_) c = 0;
    std::lock_guard lock(mutex_);
    return_codes_.clear();
    http_statuses_.clear();
}

boost::json::object server_stats::to_json() const {
    boost::json::object o;
    o["requests"] = requests_.load();
    o["handshakes"] = handshakes_.load();
    o["handshake_failures"] = handshake_failures_.load();
    o["connections"] = connections_.load();
    o["active_connections"] = active_connections_.load();
    boost::json::object ops;
    for (std::size_t i = 0; i < by_operation_.size(); ++i)
        ops[to_string(static_cast<operation_kind>(i))] = by_operation_[i].load();
    o["by_operation"] = std::move(ops);
    o["control_requests"] = control_requests_.load();
    o["faults_injected"] = faults_injected_.load();
    o["bytes_sent"] = bytes_out_.load();
    std::lock_guard lock(mutex_);
    boost::json::object codes;
    for (const auto& [code, n] : return_codes_) codes[code] = n;
    o["by_return_code"] = std::move(codes);
    boost::json::object statuses;
    for (const auto& [status, n] : http_statuses_) statuses[std::to_string(status)] = n;
    o["by_http_status"] = std::move(statuses);
    return o;
}

}  // namespace jdsim
