#include "refhost/clock.hpp"

#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/time_format.hpp"

#include <chrono>
#include <cstdlib>
#include <string>

namespace refhost {

std::int64_t real_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

system_clock::system_clock(std::optional<std::int64_t> start_ms) {
    if (start_ms) offset_ms_ = *start_ms - real_now_ms();
}

std::int64_t system_clock::now_ms() const { return real_now_ms() + offset_ms_; }

std::unique_ptr<clock> system_clock::from_environment() {
    const char* value = std::getenv("AGGREGATOR_HOST_NOW");
    if (value == nullptr || *value == '\0') return std::make_unique<system_clock>();
    const auto start = parse_iso_utc(value);
    if (!start) {
        throw usage_error("AGGREGATOR_HOST_NOW=\"" + std::string(value) + "\" : " +
                          tr("date-heure ISO attendue, par exemple 2026-03-01T10:00:00Z",
                             "an ISO date-time is expected, for example 2026-03-01T10:00:00Z"));
    }
    return std::make_unique<system_clock>(*start);
}

} // namespace refhost
