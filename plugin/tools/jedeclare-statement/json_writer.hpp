#pragma once
// A small streaming JSON writer: output goes to a FILE* in large blocks, so that a file of any size is
// printed without holding its whole document in memory.

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace jd::tools {

class json_writer {
public:
    explicit json_writer(std::FILE* out) : out_(out) { buffer_.reserve(flush_size + 4096); }
    ~json_writer() { flush(); }
    json_writer(const json_writer&) = delete;
    json_writer& operator=(const json_writer&) = delete;

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    /// The name of the next member of the current object.
    void key(std::string_view name);
    void value(std::string_view text);
    void value(const char* text) { value(std::string_view(text)); }
    void value(std::int64_t number);
    void value(std::uint64_t number);
    void value(int number) { value(static_cast<std::int64_t>(number)); }
    void value(unsigned number) { value(static_cast<std::uint64_t>(number)); }
    void value(bool flag);
    void null();
    /// Ends the document with a newline (one document per line).
    void end_document();
    void flush();

private:
    static constexpr std::size_t flush_size = 1 << 16;
    void separate();
    void string(std::string_view text);
    void maybe_flush() {
        if (buffer_.size() >= flush_size) {
            flush();
        }
    }

    std::FILE* out_;
    std::string buffer_;
    std::vector<bool> first_; ///< per open container: no member written yet
    bool after_key_ = false;
};

} // namespace jd::tools
