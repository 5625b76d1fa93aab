#pragma once
// Counts movements of identical content per (account, booking date) within one file, in file order, for the
// occurrence part of movement identities.
//
// Counts are kept per day group (one small hash table per account and booking date), so that the movements
// of a statement, which share a day, hit one small table that stays in cache. Memory is bounded: when the
// groups hold more than max_entries, days older than each account's current statement are dropped (their
// tables are kept for reuse), and a movement landing on a dropped day is flagged.

#include "jd/statement/sha256.hpp"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace jd::statement {

class occurrence_counter {
public:
    explicit occurrence_counter(std::size_t max_entries = std::size_t{1} << 14);

    /// Called when a statement of `account` opens on `opening_date_key` (yyyymmdd, 0 when unknown): days
    /// before it may be dropped later if memory needs it.
    void open_statement(std::uint32_t account, std::int32_t opening_date_key);
    /// The occurrence number (1, 2, …) of this content for this account and day.
    /// `dropped_day` is set when the day's earlier counts may have been dropped.
    std::uint32_t next(std::uint32_t account, std::int32_t booking_date_key, const sha256_digest& digest,
                       bool& dropped_day);

    /// Contents counted and still held.
    [[nodiscard]] std::size_t size() const noexcept { return entries_; }

private:
    // 96 bits of the digest identify a content within one day of one account (the digest covers both).
    struct entry {
        std::uint64_t h1 = 0;
        std::uint32_t h2 = 0;
        std::uint32_t count = 0; ///< 0: empty
    };
    struct day_group {
        std::uint32_t account = 0;
        std::int32_t date = 0;
        std::size_t used = 0;
        std::vector<entry> table; ///< open addressing, power-of-two size
        bool live = false;
    };
    struct account_window {
        std::int32_t keep_from = 0;      ///< days before this may be dropped
        std::int32_t dropped_before = 0; ///< days before this were dropped
    };

    day_group& group(std::uint32_t account, std::int32_t date);
    static void grow(day_group& g);
    void drop_old_days();
    account_window& window(std::uint32_t account);

    std::vector<day_group> groups_;
    std::vector<std::size_t> free_groups_;
    std::unordered_map<std::uint64_t, std::size_t> group_index_;
    std::vector<account_window> windows_;
    std::size_t last_group_ = SIZE_MAX;
    std::size_t entries_ = 0;
    std::size_t max_entries_;
};

} // namespace jd::statement
