#pragma once
// What cancel() must reach: every remote client and sync run the instance has going. Each registers a
// canceller for as long as it lives (the token unregisters it); cancel_all() calls them all.
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

namespace jd::instance {

class cancel_registry {
public:
    class token {
    public:
        token() = default;
        token(cancel_registry* owner, std::uint64_t id) : owner_(owner), id_(id) {}
        token(token&& other) noexcept : owner_(other.owner_), id_(other.id_) { other.owner_ = nullptr; }
        token& operator=(token&& other) noexcept;
        token(const token&) = delete;
        token& operator=(const token&) = delete;
        ~token() { release(); }

    private:
        void release() noexcept;
        cancel_registry* owner_ = nullptr;
        std::uint64_t id_ = 0;
    };

    /// `cancel` must be thread-safe and must not throw.
    [[nodiscard]] token add(std::function<void()> cancel);

    /// Calls every registered canceller (outside the lock, so a canceller may take its own locks).
    void cancel_all() noexcept;

private:
    void remove(std::uint64_t id) noexcept;

    std::mutex mutex_;
    std::uint64_t next_id_ = 1;
    std::map<std::uint64_t, std::function<void()>> cancellers_;
};

} // namespace jd::instance
