#include "json_writer.hpp"

#include <charconv>

namespace jd::tools {

void json_writer::separate() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!first_.empty()) {
        if (!first_.back()) {
            buffer_.push_back(',');
        }
        first_.back() = false;
    }
}

void json_writer::begin_object() {
    separate();
    buffer_.push_back('{');
    first_.push_back(true);
}

void json_writer::end_object() {
    buffer_.push_back('}');
    first_.pop_back();
    maybe_flush();
}

void json_writer::begin_array() {
    separate();
    buffer_.push_back('[');
    first_.push_back(true);
}

void json_writer::end_array() {
    buffer_.push_back(']');
    first_.pop_back();
    maybe_flush();
}

void json_writer::key(std::string_view name) {
    separate();
    string(name);
    buffer_.push_back(':');
    after_key_ = true;
}

void json_writer::string(std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    buffer_.push_back('"');
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            buffer_.push_back('\\');
            buffer_.push_back(c);
        } else if (u < 0x20) {
            switch (c) {
            case '\n': buffer_.append("\\n"); break;
            case '\r': buffer_.append("\\r"); break;
            case '\t': buffer_.append("\\t"); break;
            default:
                buffer_.append("\\u00");
                buffer_.push_back(hex[u >> 4]);
                buffer_.push_back(hex[u & 0x0F]);
            }
        } else {
            buffer_.push_back(c);
        }
    }
    buffer_.push_back('"');
}

void json_writer::value(std::string_view text) {
    separate();
    string(text);
    maybe_flush();
}

void json_writer::value(std::int64_t number) {
    separate();
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, number);
    buffer_.append(digits, result.ptr);
}

void json_writer::value(std::uint64_t number) {
    separate();
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, number);
    buffer_.append(digits, result.ptr);
}

void json_writer::value(bool flag) {
    separate();
    buffer_.append(flag ? "true" : "false");
}

void json_writer::null() {
    separate();
    buffer_.append("null");
}

void json_writer::end_document() {
    buffer_.push_back('\n');
    flush();
}

void json_writer::flush() {
    if (!buffer_.empty()) {
        std::fwrite(buffer_.data(), 1, buffer_.size(), out_);
        buffer_.clear();
    }
    std::fflush(out_);
}

} // namespace jd::tools
