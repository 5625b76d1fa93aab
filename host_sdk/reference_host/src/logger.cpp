#include "refhost/logger.hpp"

#include "refhost/clock.hpp"
#include "refhost/redaction.hpp"
#include "refhost/time_format.hpp"

#include <boost/json.hpp>

#include <fcntl.h>
#include <unistd.h>

namespace refhost {

std::string_view log_level_name(log_level level) noexcept {
    switch (level) {
    case log_level::debug: return "debug";
    case log_level::info: return "info";
    case log_level::warning: return "warning";
    case log_level::error: return "error";
    }
    return "info";
}

logger::logger(std::filesystem::path file, const clock& time, bool verbose)
    : file_(std::move(file)), clock_(time), verbose_(verbose) {
    if (file_.empty()) return;
    // The log may name users and companies: only its owner reads it.
    const int fd = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0) {
        out_ = ::fdopen(fd, "a");
        if (out_ == nullptr) ::close(fd);
    }
}

logger::~logger() {
    if (out_ != nullptr) std::fclose(out_);
}

void logger::log(log_level level, std::string_view component, std::string_view event, std::string_view fields_json,
                 std::string_view source) noexcept {
    try {
        boost::json::value fields = boost::json::object{};
        if (!fields_json.empty()) {
            boost::system::error_code ec;
            auto parsed = boost::json::parse(fields_json, ec);
            if (!ec && parsed.is_object()) {
                fields = std::move(parsed);
            } else {
                fields = boost::json::object{{"unparsed_fields", redact_text(fields_json)}};
            }
        }
        write(level, component, event, std::move(fields), source);
    } catch (...) {
        // Logging never takes the host down.
    }
}

void logger::log(log_level level, std::string_view component, std::string_view event,
                 const boost::json::object& fields, std::string_view source) noexcept {
    try {
        write(level, component, event, boost::json::value(fields), source);
    } catch (...) {
    }
}

void logger::write(log_level level, std::string_view component, std::string_view event, boost::json::value fields,
                   std::string_view source) noexcept {
    try {
        const auto clean = redact(fields);
        const auto timestamp = iso_utc(clock_.now_ms());
        boost::json::object line{{"ts", timestamp}, {"level", log_level_name(level)}};
        if (!source.empty()) line["source"] = source;
        line["component"] = component;
        line["event"] = event;
        line["fields"] = clean;
        const auto text = boost::json::serialize(line);

        std::string readable;
        if (verbose_) {
            readable = timestamp + " " + std::string(log_level_name(level)) + " [" +
                       (source.empty() ? std::string() : std::string(source) + "/") + std::string(component) + "] " +
                       std::string(event);
            for (const auto& member : clean.as_object()) {
                readable += " ";
                readable += member.key();
                readable += "=";
                readable += member.value().is_string() ? std::string(member.value().get_string())
                                                       : boost::json::serialize(member.value());
            }
        }

        std::lock_guard<std::mutex> guard(mutex_);
        if (out_ != nullptr) {
            std::fwrite(text.data(), 1, text.size(), out_);
            std::fputc('\n', out_);
            std::fflush(out_);
        }
        if (verbose_) std::fprintf(stderr, "%s\n", readable.c_str());
    } catch (...) {
    }
}

} // namespace refhost
