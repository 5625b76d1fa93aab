#pragma once
// The admin operations' store: one database connection shared by operations the host may run at the same
// time (a status while a configure is going), so each use takes the lock. Remote calls are made outside it.
#include "store/instance_store.hpp"

#include <mutex>
#include <utility>

namespace jd::admin {

class locked_store {
public:
    explicit locked_store(store::instance_store& store) : store_(store) {}
    locked_store(const locked_store&) = delete;
    locked_store& operator=(const locked_store&) = delete;

    /// Runs fn(store::instance_store&) under the lock and returns what it returns.
    template <class Fn>
    decltype(auto) with(Fn&& fn) {
        std::lock_guard<std::mutex> lock(mutex_);
        return std::forward<Fn>(fn)(store_);
    }

    [[nodiscard]] const std::string& instance_id() const noexcept { return store_.instance_id(); }

private:
    store::instance_store& store_;
    std::mutex mutex_;
};

} // namespace jd::admin
