#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

namespace jd::jedeclare {

// One kept-alive TLS connection.
struct connection {
    connection(boost::asio::io_context& io, boost::asio::ssl::context& tls) : stream(io, tls) {}

    boost::asio::ssl::stream<boost::beast::tcp_stream> stream;
    boost::beast::flat_buffer buffer;
    std::string key; // endpoint it is connected to
    std::chrono::steady_clock::time_point idle_since;
    std::uint64_t served = 0; // answers read on it
};

// A call waiting for a connection: release() cancels its timer to wake it.
struct pool_waiter {
    boost::asio::steady_timer* timer = nullptr;
    bool woken = false;
};

// Bounded set of connections of one I/O thread (single-threaded: no locking). At most `limit` connections exist at
// any time, idle or busy; waiters are served first come, first served.
class connection_pool {
public:
    explicit connection_pool(std::size_t limit) : limit_(limit == 0 ? 1 : limit) {}

    struct grant {
        std::unique_ptr<connection> reused; // an idle connection to the same endpoint
        bool may_open = false;              // otherwise: a slot to open a new one
    };

    // `privileged` is true for a waiter that was just woken: others queue behind waiters.
    grant try_acquire(const std::string& key, std::chrono::steady_clock::time_point now,
                      std::chrono::milliseconds idle_timeout, bool privileged);
    // Gives back a busy connection; kept for reuse when `reusable`. Wakes one waiter.
    void release(std::unique_ptr<connection> used, bool reusable, std::chrono::steady_clock::time_point now);
    // Gives back a slot whose connection could not be opened. Wakes one waiter.
    void release_slot();

    void enqueue(pool_waiter* waiter);
    void forget(pool_waiter* waiter);
    void wake_one();
    bool has_waiters() const noexcept { return !waiters_.empty(); }

    void close_idle();
    std::size_t busy() const noexcept { return busy_; }
    std::size_t idle() const noexcept { return idle_.size(); }

private:
    static bool peer_closed(connection& candidate);

    std::size_t limit_;
    std::size_t busy_ = 0;
    std::deque<std::unique_ptr<connection>> idle_; // oldest first
    std::deque<pool_waiter*> waiters_;
};

} // namespace jd::jedeclare
