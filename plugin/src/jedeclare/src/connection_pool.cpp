#include "connection_pool.hpp"

#include <algorithm>
#include <cerrno>

#include <sys/socket.h>

namespace jd::jedeclare {

bool connection_pool::peer_closed(connection& candidate)
{
    // A server closes idle connections on its own schedule; a peek tells without consuming anything.
    // Pending bytes (a TLS session ticket, a close_notify) are left for the next read to handle.
    char byte = 0;
    const int fd = boost::beast::get_lowest_layer(candidate.stream).socket().native_handle();
    const ssize_t got = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (got == 0)
        return true;
    if (got < 0)
        return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
    return false;
}

connection_pool::grant connection_pool::try_acquire(const std::string& key, std::chrono::steady_clock::time_point now,
                                                    std::chrono::milliseconds idle_timeout, bool privileged)
{
    grant out;
    if (!privileged && !waiters_.empty())
        return out;

    // Drop what is too old to be trusted.
    std::erase_if(idle_, [&](const std::unique_ptr<connection>& c) { return now - c->idle_since > idle_timeout; });

    // Most recently used first: it is the least likely to have been closed by the server.
    for (auto it = idle_.rbegin(); it != idle_.rend();) {
        if ((*it)->key != key) {
            ++it;
            continue;
        }
        std::unique_ptr<connection> candidate = std::move(*it);
        it = std::make_reverse_iterator(idle_.erase(std::next(it).base()));
        if (peer_closed(*candidate))
            continue; // closed by the server while idle: dropped
        out.reused = std::move(candidate);
        ++busy_;
        return out;
    }
    if (busy_ + idle_.size() >= limit_ && !idle_.empty())
        idle_.pop_front(); // an idle connection to another endpoint makes room
    if (busy_ + idle_.size() < limit_) {
        ++busy_;
        out.may_open = true;
    }
    return out;
}

void connection_pool::release(std::unique_ptr<connection> used, bool reusable, std::chrono::steady_clock::time_point now)
{
    --busy_;
    if (reusable && used) {
        used->idle_since = now;
        idle_.push_back(std::move(used));
    }
    wake_one();
}

void connection_pool::release_slot()
{
    --busy_;
    wake_one();
}

void connection_pool::enqueue(pool_waiter* waiter) { waiters_.push_back(waiter); }

void connection_pool::forget(pool_waiter* waiter)
{
    waiters_.erase(std::remove(waiters_.begin(), waiters_.end(), waiter), waiters_.end());
}

void connection_pool::wake_one()
{
    if (waiters_.empty())
        return;
    pool_waiter* first = waiters_.front();
    waiters_.pop_front();
    first->woken = true;
    first->timer->cancel();
}

void connection_pool::close_idle() { idle_.clear(); }

} // namespace jd::jedeclare
