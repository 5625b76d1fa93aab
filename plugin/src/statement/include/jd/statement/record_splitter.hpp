#pragma once
// Cuts a byte stream into 120-byte CFONB records, whatever the line endings: LF, CRLF, a lone CR, a mix of
// them, or none at all (records back to back). Bytes may arrive in chunks of any size; memory stays bounded
// (a line is copied only when it straddles two chunks, and then at most one record's worth of it).
//
// Line rules (a "line" ends at LF, CRLF or a lone CR):
//   * 120 bytes: one record. A multiple of 120: that many records back to back (no separators).
//   * blank (only spaces): skipped; a warning between records, a note after the last one.
//   * shorter than 120: padded with spaces, with a warning.
//   * longer, not a multiple of 120: the full records are kept; blanks after them are dropped (warning);
//     a non-blank excess after a single record is dropped and shown (warning); a non-blank piece after
//     several records is padded into one more record (warning).
//   * a line whose bytes are valid UTF-8 and make a multiple of 120 characters (accents written in UTF-8) is
//     read character by character and re-encoded as CP1252, so columns stay right.
// Each line is judged on its own, so one bad line never shifts the records after it.

#include "jd/statement/diagnostic.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace jd::statement {

inline constexpr std::size_t record_size = 120;

struct raw_record {
    const char* data = nullptr; ///< exactly record_size bytes, valid during the callback only
    std::uint64_t line = 0;     ///< 1-based line where it starts
    std::uint64_t offset = 0;   ///< byte offset in the file where it starts
    std::uint64_t index = 0;    ///< 1-based record number
};

class record_sink {
public:
    virtual void on_record(const raw_record& record) = 0;
    virtual void on_diagnostic(diagnostic&& d) = 0;

protected:
    ~record_sink() = default;
};

class record_splitter {
public:
    explicit record_splitter(record_sink& sink) noexcept : sink_(sink) {}

    /// Feeds the next bytes of the file.
    void feed(const char* data, std::size_t size);
    /// Signals the end of the file (flushes a last line without terminator).
    void finish();
    /// Skips bytes at the start of the file that are not content (a byte order mark).
    void skip(std::size_t bytes) noexcept;

    [[nodiscard]] std::uint64_t bytes() const noexcept { return offset_; }
    [[nodiscard]] std::uint64_t records() const noexcept { return records_; }
    /// Lines seen so far (a final line break does not start another line).
    [[nodiscard]] std::uint64_t lines() const noexcept {
        return offset_ == 0 ? 0 : line_start_ == offset_ ? line_ - 1 : line_;
    }

    /// Lines up to this many bytes are judged whole (they may be UTF-8 records of 120 characters);
    /// longer ones are cut into records as they stream.
    static constexpr std::size_t max_buffered_line = 4 * record_size;

private:
    void process_line(const char* data, std::size_t size);
    void append_to_line(const char* data, std::size_t size);
    void end_line();
    void stream_long_line(const char* data, std::size_t size);
    void end_long_line();
    void emit(const char* data, std::uint64_t offset);
    void emit_padded(const char* data, std::size_t size, std::uint64_t offset);
    bool try_utf8_line(const char* data, std::size_t size);
    void note_blank_line();
    void flush_blank_lines(bool at_end);
    void end_of_line_break();
    diagnostic line_diagnostic(diagnostic_code code, std::uint64_t offset) const;

    record_sink& sink_;
    std::uint64_t offset_ = 0;      ///< bytes consumed
    std::uint64_t line_ = 1;        ///< current line number
    std::uint64_t line_start_ = 0;  ///< offset where the current line starts
    std::uint64_t records_ = 0;
    bool pending_cr_ = false;       ///< the last byte seen was CR: a following LF belongs to it
    bool long_line_ = false;        ///< the current line is longer than max_buffered_line
    bool seen_record_ = false;
    std::uint64_t long_line_size_ = 0;
    std::uint64_t blank_run_ = 0;   ///< blank lines waiting to be reported
    std::uint64_t blank_run_line_ = 0;
    std::uint64_t blank_run_offset_ = 0;
    std::size_t carry_size_ = 0;    ///< bytes of the current line held in carry_
    std::array<char, max_buffered_line + record_size> carry_{};
    std::array<char, record_size> scratch_{};
};

} // namespace jd::statement
