#include "lane.hpp"

#include "jedeclare/piece_decoding.hpp"
#include "jedeclare/retry_policy.hpp"
#include "tls_context.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <limits>
#include <vector>

namespace jd::jedeclare {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using steady = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Per-call bookkeeping, owned by the call's coroutine frame; abort_all() reaches the I/O in progress through it.
struct call_state {
    std::uint64_t epoch = 0; // cancel epoch when the call was submitted
    steady::time_point deadline;
    bool aborted = false;
    connection* current = nullptr;          // connection with an operation in progress
    asio::steady_timer* timer = nullptr;    // wait in progress (pool or back-off)
    asio::ip::tcp::resolver* resolver = nullptr;
};

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

class active_registration {
public:
    active_registration(lane& owner, call_state& state) : owner_(owner), state_(state)
    {
        owner_.active().insert(&state_);
    }
    ~active_registration() { owner_.active().erase(&state_); }
    active_registration(const active_registration&) = delete;
    active_registration& operator=(const active_registration&) = delete;

private:
    lane& owner_;
    call_state& state_;
};

// Publishes the I/O in progress to abort_all() for the span of one operation, and withdraws it however the
// operation ends (a dangling pointer there would be reached by a later cancel()).
class in_progress {
public:
    in_progress(call_state& state, connection* current) : state_(state) { state_.current = current; }
    in_progress(call_state& state, asio::steady_timer* timer) : state_(state) { state_.timer = timer; }
    ~in_progress()
    {
        state_.current = nullptr;
        state_.timer = nullptr;
    }
    in_progress(const in_progress&) = delete;
    in_progress& operator=(const in_progress&) = delete;

private:
    call_state& state_;
};

// A connection taken from the pool; goes back (or is dropped) however the coroutine leaves.
class lease {
public:
    lease(connection_pool& pool, std::unique_ptr<connection> held) : pool_(&pool), held_(std::move(held)) {}
    lease(lease&& other) noexcept : pool_(std::exchange(other.pool_, nullptr)), held_(std::move(other.held_)) {}
    lease& operator=(lease&&) = delete;
    ~lease() { give_back(false); }

    void adopt(std::unique_ptr<connection> opened) noexcept { held_ = std::move(opened); }
    connection& operator*() const noexcept { return *held_; }
    connection* operator->() const noexcept { return held_.get(); }

    void give_back(bool reusable)
    {
        if (pool_ != nullptr)
            std::exchange(pool_, nullptr)->release(std::move(held_), reusable, steady::now());
    }

private:
    connection_pool* pool_;
    std::unique_ptr<connection> held_;
};

bool stop_requested(lane& owner, const call_state& state)
{
    return state.aborted || owner.context().cancelled.load(std::memory_order_relaxed);
}

wire_error cancelled_error() { return wire_error(error_kind::cancelled, "cancelled"); }

milliseconds remaining(const call_state& state)
{
    return std::chrono::duration_cast<milliseconds>(state.deadline - steady::now());
}

// One step gets its own limit, or less when the whole call's deadline is closer.
milliseconds step_budget(const call_state& state, milliseconds step, std::string_view what)
{
    const milliseconds left = remaining(state);
    if (left.count() <= 0)
        throw wire_error(error_kind::deadline_exceeded, "no time left for " + std::string(what));
    return std::min(step, left);
}

bool is_http_error(const beast::error_code& ec)
{
    return ec.category() == http::make_error_code(http::error::bad_version).category();
}

// The server closed a kept-alive connection before answering: the request was not processed.
bool stale_connection_error(const beast::error_code& ec)
{
    return ec == asio::error::eof || ec == http::error::end_of_stream || ec == asio::ssl::error::stream_truncated ||
           ec == asio::error::connection_reset || ec == asio::error::broken_pipe;
}

wire_error io_failure(lane& owner, const call_state& state, const beast::error_code& ec, std::string_view step,
                      bool got_some)
{
    const std::string what(step);
    if (stop_requested(owner, state))
        return cancelled_error();
    if (ec == beast::error::timeout) {
        if (remaining(state) <= milliseconds{5})
            return wire_error(error_kind::deadline_exceeded, what + " cut short by the call deadline");
        return wire_error(error_kind::timeout, what + " timed out");
    }
    if (ec == http::error::body_limit)
        return wire_error(error_kind::unexpected_response,
                          "answer larger than " + std::to_string(owner.context().config.max_response_bytes) + " bytes");
    if (ec == http::error::partial_message)
        return wire_error(error_kind::truncated_response, "connection closed in the middle of the answer");
    if (ec == asio::error::eof || ec == http::error::end_of_stream || ec == asio::ssl::error::stream_truncated)
        return got_some ? wire_error(error_kind::truncated_response, "connection closed in the middle of the answer")
                        : wire_error(error_kind::network, "connection closed by the server while " + what);
    if (is_http_error(ec))
        return wire_error(error_kind::malformed_response, "invalid HTTP answer: " + ec.message());
    if (got_some)
        return wire_error(error_kind::truncated_response, what + " failed mid-answer: " + ec.message());
    return wire_error(error_kind::network, what + " failed: " + ec.message());
}

wire_error handshake_failure(lane& owner, const call_state& state, connection& conn, const beast::error_code& ec)
{
    if (stop_requested(owner, state) || ec == beast::error::timeout)
        return io_failure(owner, state, ec, "TLS handshake", false);
    const long verify = SSL_get_verify_result(conn.stream.native_handle());
    if (verify != X509_V_OK)
        return wire_error(error_kind::tls_certificate,
                          std::string("server certificate rejected: ") + X509_verify_cert_error_string(verify));
    if (ec.category() == asio::error::get_ssl_category()) {
        if (ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == SSL_R_CERTIFICATE_VERIFY_FAILED)
            return wire_error(error_kind::tls_certificate, "server certificate rejected: " + ec.message());
        return wire_error(error_kind::tls_failure, "TLS handshake failed: " + ec.message());
    }
    if (ec == asio::ssl::error::stream_truncated)
        return wire_error(error_kind::network, "connection closed during the TLS handshake");
    return wire_error(error_kind::network, "TLS handshake failed: " + ec.message());
}

asio::awaitable<std::vector<asio::ip::tcp::endpoint>> resolve(lane& owner, call_state& state, const std::string& host,
                                                              std::uint16_t port)
{
    std::vector<asio::ip::tcp::endpoint> endpoints;
    boost::system::error_code parse_error;
    const auto address = asio::ip::make_address(host, parse_error);
    if (!parse_error) {
        endpoints.emplace_back(address, port);
        co_return endpoints;
    }
    asio::ip::tcp::resolver resolver(owner.io());
    asio::steady_timer guard(owner.io());
    bool expired = false;
    guard.expires_after(step_budget(state, owner.context().config.timeouts.connect, "name resolution"));
    guard.async_wait([&resolver, &expired](const boost::system::error_code& ec) {
        if (!ec) {
            expired = true;
            resolver.cancel();
        }
    });
    state.resolver = &resolver;
    auto [ec, results] = co_await resolver.async_resolve(host, std::to_string(port), use_tuple);
    state.resolver = nullptr; // nothing can throw between the two assignments
    guard.cancel();
    if (stop_requested(owner, state))
        throw cancelled_error();
    if (expired)
        throw wire_error(error_kind::timeout, "name resolution timed out");
    if (ec)
        throw wire_error(error_kind::network, "name resolution failed: " + ec.message());
    for (const auto& entry : results)
        endpoints.push_back(entry.endpoint());
    co_return endpoints;
}

asio::awaitable<std::unique_ptr<connection>> open_connection(lane& owner, call_state& state, const https_url& url)
{
    wire_context& context = owner.context();
    auto conn = std::make_unique<connection>(owner.io(), *context.tls);
    conn->key = url.endpoint_key();
    const std::string& address = context.config.connect_address.empty() ? url.host : context.config.connect_address;
    const auto endpoints = co_await resolve(owner, state, address, url.port);

    auto& tcp = beast::get_lowest_layer(conn->stream);
    context.connect_attempts.fetch_add(1, std::memory_order_relaxed);
    {
        tcp.expires_after(step_budget(state, context.config.timeouts.connect, "connecting"));
        const in_progress busy(state, conn.get());
        auto [connect_error, endpoint] = co_await tcp.async_connect(endpoints, use_tuple);
        (void)endpoint;
        if (connect_error)
            throw io_failure(owner, state, connect_error, "connecting", false);
    }
    boost::system::error_code option_error;
    tcp.socket().set_option(asio::ip::tcp::no_delay(true), option_error);

    // SNI carries names only (RFC 6066 §3); the certificate is checked against the URL's host either way.
    if (!is_ip_literal(url.host))
        // SSL_set_tlsext_host_name, spelled out: the macro carries an old-style cast.
        SSL_ctrl(conn->stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(url.host.c_str()));
    conn->stream.set_verify_mode(asio::ssl::verify_peer);
    conn->stream.set_verify_callback(verify_host_name(url.host));

    {
        tcp.expires_after(step_budget(state, context.config.timeouts.handshake, "TLS handshake"));
        const in_progress busy(state, conn.get());
        auto [handshake_error] = co_await conn->stream.async_handshake(asio::ssl::stream_base::client, use_tuple);
        if (handshake_error)
            throw handshake_failure(owner, state, *conn, handshake_error);
    }
    tcp.expires_never();
    context.tls_handshakes.fetch_add(1, std::memory_order_relaxed);
    if (context.logging())
        context.log(log_level::debug, "jedeclare.tls_connected",
                    {{"host", url.host}, {"port", std::to_string(url.port)}});
    co_return conn;
}

asio::awaitable<lease> acquire(lane& owner, call_state& state, const https_url& url)
{
    connection_pool& pool = owner.pool();
    const std::string key = url.endpoint_key();
    bool privileged = false;
    for (;;) {
        if (stop_requested(owner, state)) {
            if (privileged)
                pool.wake_one();
            throw cancelled_error();
        }
        auto granted = pool.try_acquire(key, steady::now(), owner.context().config.idle_timeout, privileged);
        if (granted.reused)
            co_return lease(pool, std::move(granted.reused));
        if (granted.may_open) {
            // The slot is held from here: a failed open gives it back through the lease.
            lease slot(pool, nullptr);
            slot.adopt(co_await open_connection(owner, state, url));
            co_return slot;
        }
        asio::steady_timer timer(owner.io());
        timer.expires_at(state.deadline);
        pool_waiter waiter;
        waiter.timer = &timer;
        pool.enqueue(&waiter);
        {
            const in_progress waiting(state, &timer);
            co_await timer.async_wait(use_tuple);
        }
        if (!waiter.woken)
            pool.forget(&waiter);
        privileged = waiter.woken;
        if (stop_requested(owner, state)) {
            if (privileged)
                pool.wake_one();
            throw cancelled_error();
        }
        if (!privileged)
            throw wire_error(error_kind::deadline_exceeded, "no connection became free before the call deadline");
    }
}

asio::awaitable<http_response> exchange(lane& owner, call_state& state, const http_call& call)
{
    wire_context& context = owner.context();
    for (unsigned stale_retries = 0;; ++stale_retries) {
        lease conn = co_await acquire(owner, state, *call.url);
        const bool reused = conn->served > 0;
        auto& tcp = beast::get_lowest_layer(conn->stream);

        tcp.expires_after(step_budget(state, context.config.timeouts.write, "sending the request"));
        beast::error_code write_error;
        {
            const in_progress busy(state, &*conn);
            auto [error, written] = co_await http::async_write(conn->stream, call.request, use_tuple);
            (void)written;
            write_error = error;
        }
        if (write_error) {
            conn.give_back(false);
            if (reused && stale_retries < 2 && stale_connection_error(write_error) && !stop_requested(owner, state))
                continue;
            throw io_failure(owner, state, write_error, "sending the request", false);
        }
        context.requests.fetch_add(1, std::memory_order_relaxed);

        http::response_parser<http::string_body> parser;
        parser.body_limit(context.config.max_response_bytes);
        tcp.expires_after(step_budget(state, context.config.timeouts.read, "reading the answer"));
        beast::error_code read_error;
        {
            const in_progress busy(state, &*conn);
            auto [error, read] = co_await http::async_read(conn->stream, conn->buffer, parser, use_tuple);
            (void)read;
            read_error = error;
        }
        if (read_error) {
            const bool got_some = parser.got_some();
            conn.give_back(false);
            if (reused && !got_some && stale_retries < 2 && stale_connection_error(read_error) &&
                !stop_requested(owner, state))
                continue;
            throw io_failure(owner, state, read_error, "reading the answer", got_some);
        }
        tcp.expires_never();

        auto message = parser.release();
        ++conn->served;
        conn.give_back(message.keep_alive() && !stop_requested(owner, state));

        http_response out;
        out.status = message.result_int();
        out.content_type = std::string(message[http::field::content_type]);
        if (const auto retry_after = message.find(http::field::retry_after); retry_after != message.end())
            out.retry_after = std::string(retry_after->value());
        out.body = std::move(message.body());
        // Content-Encoding is never asked for; a server that sends it anyway is still read.
        if (looks_gzip(out.body))
            out.body = gunzip(out.body, context.config.max_response_bytes);
        context.bytes_received.fetch_add(out.body.size(), std::memory_order_relaxed);
        co_return out;
    }
}

asio::awaitable<void> pause(lane& owner, call_state& state, milliseconds delay)
{
    asio::steady_timer timer(owner.io());
    timer.expires_after(delay);
    {
        const in_progress waiting(state, &timer);
        co_await timer.async_wait(use_tuple);
    }
    if (stop_requested(owner, state))
        throw cancelled_error();
}

asio::awaitable<void> run_call(lane& owner, std::shared_ptr<const http_call> call, response_check check,
                               std::uint64_t epoch)
{
    wire_context& context = owner.context();
    call_state state;
    state.epoch = epoch;
    state.deadline = steady::now() + context.config.timeouts.call;
    active_registration registration(owner, state);
    const auto started = steady::now();

    if (stop_requested(owner, state) || epoch < context.cancel_epoch.load())
        throw cancelled_error().with_operation(call->operation);

    for (unsigned attempt = 1;; ++attempt) {
        std::optional<wire_error> failure;
        try {
            http_response response = co_await exchange(owner, state, *call);
            try {
                check(response);
            } catch (const wire_error&) {
                throw;
            } catch (const std::exception& e) {
                throw wire_error(error_kind::malformed_response, std::string("answer could not be read: ") + e.what())
                    .with_http_status(response.status);
            }
            if (context.logging())
                context.log(log_level::debug, "jedeclare.call_done",
                            {{"operation", call->operation},
                             {"attempts", std::to_string(attempt)},
                             {"elapsed_ms", std::to_string(std::chrono::duration_cast<milliseconds>(
                                                               steady::now() - started).count())}});
            co_return;
        } catch (wire_error& e) {
            failure.emplace(std::move(e));
        }
        if (stop_requested(owner, state))
            throw cancelled_error().with_operation(call->operation).with_attempts(attempt);
        failure->with_operation(call->operation);

        attempt_outcome outcome{failure->kind(), std::nullopt};
        if (failure->retry_after())
            outcome.retry_after = *failure->retry_after();
        const retry_decision decision =
            decide_retry(context.config.retry, attempt, outcome, std::chrono::system_clock::now(), remaining(state),
                         [&owner] { return owner.uniform01(); });
        if (!decision.retry) {
            failure->with_attempts(attempt);
            if (context.logging())
                context.log(failure->transient() ? log_level::warning : log_level::error, "jedeclare.call_failed",
                            {{"operation", call->operation},
                             {"kind", std::string(to_string(failure->kind()))},
                             {"attempts", std::to_string(attempt)},
                             {"gave_up", std::string(decision.reason)},
                             {"detail", failure->detail()}});
            throw *failure;
        }
        context.retries.fetch_add(1, std::memory_order_relaxed);
        if (context.logging())
            context.log(log_level::warning, "jedeclare.retry",
                        {{"operation", call->operation},
                         {"attempt", std::to_string(attempt)},
                         {"kind", std::string(to_string(failure->kind()))},
                         {"delay_ms", std::to_string(decision.delay.count())},
                         {"why", std::string(decision.reason)},
                         {"detail", failure->detail()}});
        co_await pause(owner, state, decision.delay);
    }
}

} // namespace

lane::lane(wire_context& context, std::size_t max_connections, std::uint64_t seed)
    : context_(context), work_(asio::make_work_guard(io_)), pool_(max_connections), random_(seed)
{
    thread_ = std::thread([this] { io_.run(); });
}

lane::~lane()
{
    abort_all(std::numeric_limits<std::uint64_t>::max());
    work_.reset();
    if (thread_.joinable())
        thread_.join();
    pool_.close_idle();
}

void lane::submit(std::shared_ptr<const http_call> call, response_check check, call_done done)
{
    const std::uint64_t epoch = context_.cancel_epoch.load();
    asio::post(io_, [this, call = std::move(call), check = std::move(check), done = std::move(done), epoch]() mutable {
        asio::co_spawn(io_, run_call(*this, std::move(call), std::move(check), epoch),
                       [done = std::move(done)](std::exception_ptr failure) {
                           std::optional<wire_error> error;
                           if (failure) {
                               try {
                                   std::rethrow_exception(failure);
                               } catch (const wire_error& e) {
                                   error = e;
                               } catch (const std::exception& e) {
                                   error = wire_error(error_kind::unexpected_response,
                                                      std::string("internal error: ") + e.what());
                               } catch (...) {
                                   error = wire_error(error_kind::unexpected_response, "internal error");
                               }
                               failure = nullptr; // the exception object dies here, on this thread
                           }
                           try {
                               done(std::move(error));
                           } catch (...) {
                               // A completion must not take the I/O thread down.
                           }
                       });
    });
}

void lane::abort_all(std::uint64_t epoch)
{
    asio::post(io_, [this, epoch] {
        for (call_state* state : active_) {
            if (state->epoch >= epoch)
                continue;
            state->aborted = true;
            if (state->current != nullptr) {
                beast::get_lowest_layer(state->current->stream).cancel();
            }
            if (state->timer != nullptr)
                state->timer->cancel();
            if (state->resolver != nullptr)
                state->resolver->cancel();
        }
    });
}

} // namespace jd::jedeclare
