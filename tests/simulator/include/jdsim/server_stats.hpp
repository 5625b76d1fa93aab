#pragma once
// Counters of what the simulator served, for GET /_sim/stats.
#include "jdsim/faults.hpp"

#include <boost/json/object.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace jdsim {

class server_stats {
  public:
    void connection_opened() { ++connections_; ++active_connections_; }
    void connection_closed() { --active_connections_; }
    void handshake_done() { ++handshakes_; }
    void handshake_failed() { ++handshake_failures_; }
    // A client request (not a /_sim/ control request).
    void request(operation_kind op) {
        ++requests_;
        ++by_operation_[static_cast<std::size_t>(op)];
    }
    void control_request() { ++control_requests_; }
    void fault_injected() { ++faults_injected_; }
    void bytes_sent(std::uint64_t n) { bytes_out_ += n; }
    void return_code(const std::string& code);
    void http_status(unsigned status);
    void reset();

    // {"requests","handshakes","by_operation":{...},"faults_injected",...}
    boost::json::object to_json() const;

  private:
    std::atomic<std::uint64_t> requests_{0}, handshakes_{0}, handshake_failures_{0}, connections_{0},
        control_requests_{0}, faults_injected_{0}, bytes_out_{0};
    std::atomic<std::int64_t> active_connections_{0};
    std::array<std::atomic<std::uint64_t>, 4> by_operation_{};
    mutable std::mutex mutex_;
    std::map<std::string, std::uint64_t> return_codes_;
    std::map<unsigned, std::uint64_t> http_statuses_;
};

}  // namespace jdsim
