#include "jd/statement/occurrence_counter.hpp"

#include <algorithm>
#include <cstring>

namespace jd::statement {
namespace {

constexpr std::size_t initial_group_size = 64;

std::uint64_t group_key(std::uint32_t account, std::int32_t date) noexcept {
    return static_cast<std::uint64_t>(account) << 32 | static_cast<std::uint32_t>(date);
}

} // namespace

occurrence_counter::occurrence_counter(std::size_t max_entries) : max_entries_(std::max<std::size_t>(max_entries, 16)) {}

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

occurrence_counter::day_group& occurrence_counter::group(std::uint32_t account, std::int32_t date) {
    if (last_group_ < groups_.size()) {
        day_group& last = groups_[last_group_];
        if (last.live && last.account == account && last.date == date) [[likely]] {
            return last;
        }
    }
    const std::uint64_t key = group_key(account, date);
    const auto found = group_index_.find(key);
    if (found != group_index_.end()) {
        last_group_ = found->second;
        return groups_[last_group_];
    }
    if (entries_ >= max_entries_) {
        drop_old_days();
    }
    std::size_t index;
    if (!free_groups_.empty()) {
        index = free_groups_.back();
        free_groups_.pop_back();
    } else {
        index = groups_.size();
        groups_.emplace_back();
    }
    day_group& g = groups_[index];
    g.account = account;
    g.date = date;
    g.used = 0;
    g.live = true;
    if (g.table.size() < initial_group_size) {
        g.table.assign(initial_group_size, entry{});
    } else {
        std::fill(g.table.begin(), g.table.end(), entry{});
    }
    group_index_.emplace(key, index);
    last_group_ = index;
    return g;
}

void occurrence_counter::grow(day_group& g) {
    std::vector<entry> old(g.table.size() * 2);
    old.swap(g.table);
    const std::size_t mask = g.table.size() - 1;
    for (const entry& e : old) {
        if (e.count == 0) {
            continue;
        }
        std::size_t i = e.h1 & mask;
        while (g.table[i].count != 0) {
            i = (i + 1) & mask;
        }
        g.table[i] = e;
    }
}

void occurrence_counter::drop_old_days() {
    for (account_window& w : windows_) {
        w.dropped_before = std::max(w.dropped_before, w.keep_from);
    }
    for (std::size_t i = 0; i < groups_.size(); ++i) {
        day_group& g = groups_[i];
        if (g.live && g.date < windows_[g.account].keep_from) {
            g.live = false;
            entries_ -= g.used;
            group_index_.erase(group_key(g.account, g.date));
            free_groups_.push_back(i);
        }
    }
    last_group_ = SIZE_MAX;
}

std::uint32_t occurrence_counter::next(std::uint32_t account, std::int32_t booking_date_key,
                                       const sha256_digest& digest, bool& dropped_day) {
    dropped_day = account < windows_.size() && booking_date_key < windows_[account].dropped_before;
    std::uint64_t h1;
    std::uint32_t h2;
    std::memcpy(&h1, digest.data(), 8);
    std::memcpy(&h2, digest.data() + 8, 4);
    // The movements of a statement mostly share one day: try the last group first.
    day_group* last = last_group_ < groups_.size() ? &groups_[last_group_] : nullptr;
    day_group& g = last != nullptr && last->live && last->account == account && last->date == booking_date_key
                       ? *last
                       : group(account, booking_date_key);
    if ((g.used + 1) * 2 > g.table.size()) [[unlikely]] {
        grow(g);
    }
    const std::size_t mask = g.table.size() - 1;
    std::size_t i = h1 & mask;
    while (g.table[i].count != 0) {
        entry& e = g.table[i];
        if (e.h1 == h1 && e.h2 == h2) {
            return ++e.count;
        }
        i = (i + 1) & mask;
    }
    g.table[i] = entry{h1, h2, 1};
    ++g.used;
    ++entries_;
    return 1;
}

} // namespace jd::statement
