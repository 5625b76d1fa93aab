#include "jd/statement/occurrence_counter.hpp"

#include <algorithm>
#include <cstring>

namespace jd::statement {
namespace {

constexpr std::size_t initial_capacity = 1024;

} // namespace

occurrence_counter::occurrence_counter(std::size_t max_entries)
    : slots_(initial_capacity), max_entries_(std::max<std::size_t>(max_entries, 16)) {}

occurrence_counter::account_window& occurrence_counter::window(std::uint32_t account) {
    if (account >= windows_.size()) {
        windows_.resize(account + 1);
    }
    return windows_[account];
}

void occurrence_counter::open_statement(std::uint32_t account, std::int32_t opening_date_key) {
    account_window& w = window(account);
    w.keep_from = std::max(w.keep_from, opening_date_key);
}

void occurrence_counter::rehash(std::size_t capacity) {
    std::vector<slot> old(capacity);
    old.swap(slots_);
    used_ = 0;
    const std::size_t mask = slots_.size() - 1;
    for (const slot& s : old) {
        if (s.count == 0) {
            continue;
        }
        std::size_t i = s.h1 & mask;
        while (slots_[i].count != 0) {
            i = (i + 1) & mask;
        }
        slots_[i] = s;
        ++used_;
    }
}

void occurrence_counter::drop_old_days() {
    for (account_window& w : windows_) {
        w.dropped_before = std::max(w.dropped_before, w.keep_from);
    }
    for (slot& s : slots_) {
        if (s.count != 0 && s.date < windows_[s.account].keep_from) {
            s.count = 0;
        }
    }
    rehash(slots_.size());
}

std::uint32_t occurrence_counter::next(std::uint32_t account, std::int32_t booking_date_key,
                                       const sha256_digest& digest, bool& dropped_day) {
    dropped_day = booking_date_key < window(account).dropped_before;
    std::uint64_t h1;
    std::uint32_t h2;
    std::memcpy(&h1, digest.data(), 8);
    std::memcpy(&h2, digest.data() + 8, 4);

    if ((used_ + 1) * 2 > slots_.size()) [[unlikely]] {
        if (used_ >= max_entries_) {
            drop_old_days();
        }
        if ((used_ + 1) * 2 > slots_.size()) {
            rehash(slots_.size() * 2);
        }
    }
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h1 & mask;
    while (slots_[i].count != 0) {
        slot& s = slots_[i];
        if (s.h1 == h1 && s.h2 == h2 && s.account == account && s.date == booking_date_key) {
            return ++s.count;
        }
        i = (i + 1) & mask;
    }
    slots_[i] = slot{h1, h2, booking_date_key, account, 1};
    ++used_;
    return 1;
}

} // namespace jd::statement
