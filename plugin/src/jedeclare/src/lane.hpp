#pragma once

#include "connection_pool.hpp"
#include "wire_context.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>

namespace jd::jedeclare {

// One HTTP request of a protocol call, sent as is on every attempt.
struct http_call {
    std::string operation;  // "ListeDisponibiliteV2", "DemandeAccuse", "gestion.dossierClient", ...
    const https_url* url = nullptr;
    boost::beast::http::request<boost::beast::http::string_body> request;
};

struct http_response {
    unsigned status = 0;
    std::string body;
    std::string content_type;
    std::optional<std::string> retry_after;
};

// Judges an answer: returns normally to accept it, throws wire_error to reject it (the retry policy then decides).
using response_check = std::function<void(http_response& response)>;
// Called once per submitted call, on the I/O thread: no error on success. The error is a value of its own, so
// that no exception object is ever shared between the I/O thread and the caller's.
using call_done = std::function<void(std::optional<wire_error> failure)>;

struct call_state;

// One I/O thread with its io_context and its share of the connection pool. Calls run as coroutines on it.
class lane {
public:
    lane(wire_context& context, std::size_t max_connections, std::uint64_t seed);
    ~lane();
    lane(const lane&) = delete;
    lane& operator=(const lane&) = delete;

    // Thread-safe. The call object must stay alive until `done` has been called.
    void submit(std::shared_ptr<const http_call> call, response_check check, call_done done);
    // Thread-safe: aborts every call submitted before cancel epoch `epoch` (they end with error_kind::cancelled).
    void abort_all(std::uint64_t epoch);

    // Used by the coroutines (lane thread only).
    boost::asio::io_context& io() noexcept { return io_; }
    wire_context& context() noexcept { return context_; }
    connection_pool& pool() noexcept { return pool_; }
    std::set<call_state*>& active() noexcept { return active_; }
    double uniform01() { return std::uniform_real_distribution<double>(0.0, 1.0)(random_); }

private:
    wire_context& context_;
    boost::asio::io_context io_{1};
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    connection_pool pool_;
    std::set<call_state*> active_;
    std::mt19937_64 random_;
    std::thread thread_;
};

} // namespace jd::jedeclare
