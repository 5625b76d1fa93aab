#include "jd/statement/text_arena.hpp"

#include <algorithm>
#include <cstring>

namespace jd::statement {

text_arena::text_arena(text_arena&& other) noexcept
    : blocks_(std::move(other.blocks_)), sizes_(std::move(other.sizes_)), current_(other.current_),
      base_(other.base_), used_(other.used_), limit_(other.limit_) {
    other.blocks_.clear();
    other.sizes_.clear();
    other.current_ = 0;
    other.base_ = nullptr;
    other.used_ = 0;
    other.limit_ = 0;
}

text_arena& text_arena::operator=(text_arena&& other) noexcept {
    if (this != &other) {
        blocks_ = std::move(other.blocks_);
        sizes_ = std::move(other.sizes_);
        current_ = other.current_;
        base_ = other.base_;
        used_ = other.used_;
        limit_ = other.limit_;
        other.blocks_.clear();
        other.sizes_.clear();
        other.current_ = 0;
        other.base_ = nullptr;
        other.used_ = 0;
        other.limit_ = 0;
    }
    return *this;
}

void text_arena::clear() noexcept {
    current_ = 0;
    used_ = 0;
    base_ = blocks_.empty() ? nullptr : blocks_.front().get();
    limit_ = blocks_.empty() ? 0 : sizes_.front();
}

void text_arena::next_block(std::size_t size) {
    if (base_ != nullptr) {
        ++current_;
    }
    // Reuse the next kept block when it is large enough; otherwise insert a new one there.
    if (current_ >= blocks_.size() || sizes_[current_] < size) {
        const std::size_t grown = current_ == 0 ? first_block_size : std::min(sizes_[current_ - 1] * 2, block_size);
        const std::size_t bytes = size > grown ? size : grown;
        blocks_.insert(blocks_.begin() + static_cast<std::ptrdiff_t>(current_), std::make_unique<char[]>(bytes + tail_slack));
        sizes_.insert(sizes_.begin() + static_cast<std::ptrdiff_t>(current_), bytes);
    }
    base_ = blocks_[current_].get();
    limit_ = sizes_[current_];
    used_ = 0;
}

std::string_view text_arena::store(std::string_view text) {
    char* out = reserve(text.size());
    if (!text.empty()) {
        std::memcpy(out, text.data(), text.size());
    }
    return commit(text.size());
}

std::size_t text_arena::capacity() const noexcept {
    std::size_t total = 0;
    for (const std::size_t s : sizes_) {
        total += s;
    }
    return total;
}

} // namespace jd::statement
