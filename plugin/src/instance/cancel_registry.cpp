#include "instance/cancel_registry.hpp"

#include <vector>

namespace jd::instance {

cancel_registry::token& cancel_registry::token::operator=(token&& other) noexcept {
    if (this != &other) {
        release();
        owner_ = other.owner_;
        id_ = other.id_;
        other.owner_ = nullptr;
    }
    return *this;
}

void cancel_registry::token::release() noexcept {
    if (owner_ != nullptr) owner_->remove(id_);
    owner_ = nullptr;
}

cancel_registry::token cancel_registry::add(std::function<void()> cancel) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto id = next_id_++;
    cancellers_.emplace(id, std::move(cancel));
    return token(this, id);
}

void cancel_registry::cancel_all() noexcept {
    std::vector<std::function<void()>> copies;
    try {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& entry : cancellers_) copies.push_back(entry.second);
    } catch (...) {
        return;
    }
    for (const auto& cancel : copies) {
        try {
            cancel();
        } catch (...) {
        }
    }
}

void cancel_registry::remove(std::uint64_t id) noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    cancellers_.erase(id);
}

} // namespace jd::instance
