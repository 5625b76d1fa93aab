#pragma once
// The daily statement of one account: movements and balances, rebuilt from (seed, rib, day) alone.
// Balances chain by construction: closing(d) is a pure function of (rib, d), opening(d) = closing(d - 1),
// and the movements of day d sum to closing(d) - opening(d).
#include "jdsim/calendar.hpp"
#include "jdsim/cfonb_writer.hpp"
#include "jdsim/firm.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace jdsim {

class statement_generator {
  public:
    statement_generator(std::uint64_t seed, const firm& f, std::vector<date> days);

    const std::vector<date>& days() const { return days_; }
    int day_count() const { return static_cast<int>(days_.size()); }

    std::int64_t closing(std::uint32_t rib, int day) const;
    std::int64_t opening(std::uint32_t rib, int day) const { return closing(rib, day - 1); }
    // Number of movements (twins included) on that day; 0 on a day without movement.
    int movement_count(std::uint32_t rib, int day) const;
    // Movements of that day; `out` is reused to avoid allocations.
    void movements(std::uint32_t rib, int day, std::vector<cfonb_movement>& out) const;
    // The full statement (01, 04/05..., 07) of that day.
    void write_statement(cfonb_writer& w, std::uint32_t rib, int day, std::vector<cfonb_movement>& scratch) const;

  private:
    std::int64_t target(std::uint32_t rib, int day) const;
    bool quiet(std::uint32_t rib, int day) const;

    // Dates of a statement day, written once as JJMMAA: formatting dates dominated the generation time.
    struct day_texts {
        char today[6];
        char before[6];          // the previous business day (date of the 01 record)
        char value[3][6];        // today - 1, today, today + 1
        char recent[3][6];       // today, today - 1, today - 2
        char month_before[6];    // today - 30
        int year;
    };

    std::uint64_t seed_;
    const firm& firm_;
    std::vector<date> days_;
    std::vector<day_texts> day_texts_;
    std::vector<std::string> clients_;    // Latin-1 counterpart names (the firm's other clients)
    std::vector<std::string> merchants_;  // Latin-1
    std::vector<std::string> creditors_;  // Latin-1
    std::vector<std::string> creditor_ics_;
};

// The last `count` business days ending on or before `last`.
std::vector<date> business_days_ending(date last, int count);

}  // namespace jdsim
