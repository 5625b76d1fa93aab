#pragma once
// The host's structured log: one JSON object per line in <home>/host.log, and a readable line on
// stderr when --verbose is on. Every event passes through redaction first.

#include <boost/json/object.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>

namespace refhost {

class clock;

enum class log_level : int { debug = 0, info = 1, warning = 2, error = 3 };

[[nodiscard]] std::string_view log_level_name(log_level level) noexcept;

class logger {
public:
    /// `file` empty: no file (tests). `verbose`: also readable lines on stderr.
    logger(std::filesystem::path file, const clock& time, bool verbose);
    logger(const logger&) = delete;
    logger& operator=(const logger&) = delete;
    ~logger();

    /// `fields_json` may be empty or a JSON object text; text that does not parse is kept, scrubbed,
    /// under "unparsed_fields". Never throws.
    /// `source`: who reports it (a plugin instance id), "" for the host itself.
    void log(log_level level, std::string_view component, std::string_view event, std::string_view fields_json,
             std::string_view source = {}) noexcept;
    void log(log_level level, std::string_view component, std::string_view event,
             const boost::json::object& fields, std::string_view source = {}) noexcept;

    void set_verbose(bool verbose) noexcept { verbose_ = verbose; }
    [[nodiscard]] const std::filesystem::path& file() const noexcept { return file_; }

private:
    void write(log_level level, std::string_view component, std::string_view event, boost::json::value fields,
               std::string_view source) noexcept;

    std::filesystem::path file_;
    const clock& clock_;
    bool verbose_;
    std::mutex mutex_;
    std::FILE* out_ = nullptr;
};

} // namespace refhost
