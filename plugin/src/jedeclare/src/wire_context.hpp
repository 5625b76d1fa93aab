#pragma once

#include "jedeclare/client.hpp"
#include "jedeclare/https_url.hpp"
#include "jedeclare/redaction.hpp"

#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <memory>

namespace jd::jedeclare {

// What every I/O thread of one client shares: configuration, TLS context, counters, the cancel latch.
struct wire_context {
    explicit wire_context(client_config configuration);

    client_config config;
    https_url soap;
    https_url gestion;
    std::shared_ptr<boost::asio::ssl::context> tls;
    redactor clean;

    std::atomic<bool> cancelled{false};
    // Bumped by every cancel(): a call submitted before a cancel is aborted by it, one submitted after resume()
    // is not, even if the abort reaches the I/O thread late.
    std::atomic<std::uint64_t> cancel_epoch{0};

    std::atomic<std::uint64_t> tls_handshakes{0};
    std::atomic<std::uint64_t> connect_attempts{0};
    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> retries{0};
    std::atomic<std::uint64_t> bytes_received{0};

    bool logging() const noexcept { return static_cast<bool>(config.log); }
    // Never throws; the hook's own failures are swallowed.
    void log(log_level level, std::string_view event, const log_fields& fields) const noexcept;
};

} // namespace jd::jedeclare
