#pragma once
// Calendar dates as day numbers, with the formats JeDéclare and CFONB use.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jdsim {

class date {
  public:
    date() = default;
    static date from_days(std::int32_t days_since_epoch) { return date(days_since_epoch); }
    static date from_ymd(int year, int month, int day);
    static date today_utc();

    // "AAAA-MM-JJ"; nullopt when not a real calendar date.
    static std::optional<date> parse_iso(std::string_view text);
    // "JJ/MM/AAAA" as in the SOAP requests; nullopt when not a real calendar date.
    static std::optional<date> parse_fr(std::string_view text);

    std::int32_t days() const { return days_; }
    int year() const;
    int month() const;
    int day() const;
    // 0 = Monday ... 6 = Sunday.
    int weekday() const;
    bool is_business_day() const { return weekday() < 5; }

    date plus_days(std::int32_t n) const { return date(days_ + n); }
    // Same day of month n months later, clamped to the month's last day.
    date plus_months(int n) const;
    date next_business_day() const;
    date previous_business_day() const;

    std::string iso() const;      // 2024-05-14
    std::string fr() const;       // 14/05/2024
    void write_ddmmyy(char* out) const;  // 6 characters, CFONB

    // Minutes east of UTC in Paris at 06:00 local time on this day (CET/CEST).
    int paris_offset_minutes() const;

    friend bool operator==(date a, date b) { return a.days_ == b.days_; }
    friend auto operator<=>(date a, date b) { return a.days_ <=> b.days_; }

  private:
    explicit date(std::int32_t d) : days_(d) {}
    std::int32_t days_ = 0;
};

}  // namespace jdsim
