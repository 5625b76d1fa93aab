#include "jd/statement/record_splitter.hpp"

#include "jd/statement/text.hpp"
#include "line_scan.hpp"

#include <algorithm>
#include <cstring>

namespace jd::statement {

diagnostic record_splitter::line_diagnostic(diagnostic_code code, std::uint64_t offset) const {
    diagnostic d;
    d.code = code;
    d.level = default_severity(code);
    d.line = line_;
    d.offset = offset;
    d.field = record_field::line;
    return d;
}

void record_splitter::emit(const char* data, std::uint64_t offset) {
    ++records_;
    seen_record_ = true;
    sink_.on_record(raw_record{data, line_, offset, records_});
}

void record_splitter::emit_padded(const char* data, std::size_t size, std::uint64_t offset) {
    std::memcpy(scratch_.data(), data, size);
    std::memset(scratch_.data() + size, ' ', record_size - size);
    emit(scratch_.data(), offset);
}

void record_splitter::note_blank_line() {
    if (blank_run_ == 0) {
        blank_run_line_ = line_;
        blank_run_offset_ = line_start_;
    }
    ++blank_run_;
}

void record_splitter::flush_blank_lines(bool at_end) {
    if (blank_run_ == 0) {
        return;
    }
    diagnostic d;
    d.code = at_end ? diagnostic_code::trailing_blank_lines : diagnostic_code::blank_lines;
    d.level = default_severity(d.code);
    d.line = blank_run_line_;
    d.offset = blank_run_offset_;
    d.field = record_field::line;
    d.number = static_cast<std::int64_t>(blank_run_);
    blank_run_ = 0;
    sink_.on_diagnostic(std::move(d));
}

bool record_splitter::try_utf8_line(const char* data, std::size_t size) {
    if (is_ascii(data, size) || !is_valid_utf8(data, size)) {
        return false;
    }
    std::size_t characters = 0;
    for (std::size_t i = 0; i < size; ++i) {
        characters += static_cast<std::size_t>((static_cast<unsigned char>(data[i]) & 0xC0) != 0x80);
    }
    if (characters == 0 || characters % record_size != 0) {
        return false;
    }
    diagnostic note = line_diagnostic(diagnostic_code::utf8_line, line_start_);
    note.number = static_cast<std::int64_t>(size);
    note.number2 = static_cast<std::int64_t>(characters);
    sink_.on_diagnostic(std::move(note));

    const auto* p = reinterpret_cast<const unsigned char*>(data);
    std::size_t i = 0;
    std::uint64_t unmappable = 0;
    std::uint64_t first_unmappable_offset = 0;
    while (i < size) {
        const std::uint64_t record_offset = line_start_ + i;
        for (std::size_t column = 0; column < record_size; ++column) {
            const unsigned lead = p[i];
            std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            char32_t cp = len == 1 ? lead : len == 2 ? (lead & 0x1F) : len == 3 ? (lead & 0x0F) : (lead & 0x07);
            for (std::size_t k = 1; k < len; ++k) {
                cp = (cp << 6) | (p[i + k] & 0x3F);
            }
            const int byte = unicode_to_cp1252(cp);
            if (byte < 0) {
                if (unmappable == 0) {
                    first_unmappable_offset = line_start_ + i;
                }
                ++unmappable;
            }
            scratch_[column] = byte < 0 ? '?' : static_cast<char>(byte);
            i += len;
        }
        emit(scratch_.data(), record_offset);
    }
    if (unmappable != 0) {
        diagnostic d = line_diagnostic(diagnostic_code::unmappable_character, first_unmappable_offset);
        d.number = static_cast<std::int64_t>(unmappable);
        sink_.on_diagnostic(std::move(d));
    }
    return true;
}

void record_splitter::process_line(const char* data, std::size_t size) {
    if (size == record_size) [[likely]] {
        flush_blank_lines(false);
        emit(data, line_start_);
        return;
    }
    if (size == 0 || detail::is_blank(data, size)) {
        note_blank_line();
        return;
    }
    flush_blank_lines(false);
    if (size % record_size == 0) {
        for (std::size_t at = 0; at < size; at += record_size) {
            emit(data + at, line_start_ + at);
        }
        return;
    }
    if (try_utf8_line(data, size)) {
        return;
    }
    if (size < record_size) {
        diagnostic d = line_diagnostic(diagnostic_code::short_line, line_start_);
        d.number = static_cast<std::int64_t>(size);
        sink_.on_diagnostic(std::move(d));
        emit_padded(data, size, line_start_);
        return;
    }
    const std::size_t full = size / record_size;
    const std::size_t rest = size % record_size;
    const char* tail = data + full * record_size;
    const std::uint64_t tail_offset = line_start_ + full * record_size;
    if (detail::is_blank(tail, rest)) {
        diagnostic d = line_diagnostic(diagnostic_code::trailing_blanks, tail_offset);
        d.number = static_cast<std::int64_t>(size);
        sink_.on_diagnostic(std::move(d));
        for (std::size_t k = 0; k < full; ++k) {
            emit(data + k * record_size, line_start_ + k * record_size);
        }
        return;
    }
    if (full == 1) {
        diagnostic d = line_diagnostic(diagnostic_code::long_line, tail_offset);
        d.number = static_cast<std::int64_t>(size);
        d.value = decode_text(std::string_view(tail, rest));
        sink_.on_diagnostic(std::move(d));
        emit(data, line_start_);
        return;
    }
    for (std::size_t k = 0; k < full; ++k) {
        emit(data + k * record_size, line_start_ + k * record_size);
    }
    diagnostic d = line_diagnostic(diagnostic_code::partial_record, tail_offset);
    d.number = static_cast<std::int64_t>(rest);
    sink_.on_diagnostic(std::move(d));
    emit_padded(tail, rest, tail_offset);
}

void record_splitter::stream_long_line(const char* data, std::size_t size) {
    // Records of a long line are contiguous in the file: record k starts at line_start_ + 120 * k.
    if (carry_size_ != 0) {
        const std::size_t take = std::min(record_size - carry_size_, size);
        std::memcpy(carry_.data() + carry_size_, data, take);
        carry_size_ += take;
        long_line_size_ += take;
        data += take;
        size -= take;
        if (carry_size_ < record_size) {
            return;
        }
        carry_size_ = 0;
        emit(carry_.data(), line_start_ + long_line_size_ - record_size);
    }
    while (size >= record_size) {
        long_line_size_ += record_size;
        emit(data, line_start_ + long_line_size_ - record_size);
        data += record_size;
        size -= record_size;
    }
    if (size != 0) {
        std::memcpy(carry_.data(), data, size);
        carry_size_ = size;
        long_line_size_ += size;
    }
}

void record_splitter::end_long_line() {
    const std::size_t rest = carry_size_;
    carry_size_ = 0;
    long_line_ = false;
    if (rest == 0) {
        return;
    }
    const std::uint64_t tail_offset = line_start_ + long_line_size_ - rest;
    if (detail::is_blank(carry_.data(), rest)) {
        diagnostic d = line_diagnostic(diagnostic_code::trailing_blanks, tail_offset);
        d.number = static_cast<std::int64_t>(long_line_size_);
        sink_.on_diagnostic(std::move(d));
        return;
    }
    diagnostic d = line_diagnostic(diagnostic_code::partial_record, tail_offset);
    d.number = static_cast<std::int64_t>(rest);
    sink_.on_diagnostic(std::move(d));
    std::array<char, record_size> piece{};
    std::memcpy(piece.data(), carry_.data(), rest);
    emit_padded(piece.data(), rest, tail_offset);
}

void record_splitter::end_of_line_break() {
    ++line_;
    line_start_ = offset_;
}

void record_splitter::feed(const char* data, std::size_t size) {
    const char* p = data;
    const char* const end = data + size;
    if (pending_cr_ && p < end) {
        pending_cr_ = false;
        if (*p == '\n') {
            ++p;
            ++offset_;
            line_start_ = offset_;
        }
    }
    while (p < end) {
        if (carry_size_ == 0 && !long_line_ && blank_run_ == 0) {
            // The common case, record after record: 120 bytes then LF or CRLF.
            while (static_cast<std::size_t>(end - p) > record_size + 1 && detail::no_line_break_in_record(p)) {
                std::size_t terminator;
                if (p[record_size] == '\n') {
                    terminator = 1;
                } else if (p[record_size] == '\r') {
                    terminator = p[record_size + 1] == '\n' ? 2 : 1;
                } else {
                    break;
                }
                emit(p, offset_);
                p += record_size + terminator;
                offset_ += record_size + terminator;
                ++line_;
                line_start_ = offset_;
            }
            if (p == end) {
                return;
            }
        }
        const auto avail = static_cast<std::size_t>(end - p);
        if (carry_size_ == 0 && !long_line_) {
            // A whole line inside this chunk is judged where it lies, without copying.
            const std::size_t window = std::min(avail, max_buffered_line + 1);
            const std::size_t brk = detail::find_line_break(p, window);
            if (brk < window) {
                process_line(p, brk);
                p += brk;
                offset_ += brk;
            } else {
                const std::size_t line_end = brk + detail::find_line_break(p + brk, avail - brk);
                append_to_line(p, line_end);
                p += line_end;
                offset_ += line_end;
                if (p == end) {
                    return;
                }
                end_line();
            }
        } else {
            const std::size_t brk = detail::find_line_break(p, avail);
            append_to_line(p, brk);
            p += brk;
            offset_ += brk;
            if (p == end) {
                return;
            }
            end_line();
        }
        // p is on CR or LF.
        if (*p == '\r') {
            ++p;
            ++offset_;
            if (p == end) {
                pending_cr_ = true;
            } else if (*p == '\n') {
                ++p;
                ++offset_;
            }
        } else {
            ++p;
            ++offset_;
        }
        end_of_line_break();
    }
}

void record_splitter::append_to_line(const char* data, std::size_t size) {
    if (!long_line_) {
        if (carry_size_ + size <= max_buffered_line) {
            std::memcpy(carry_.data() + carry_size_, data, size);
            carry_size_ += size;
            return;
        }
        // The line is too long to be a (UTF-8) record: stream it as records back to back.
        long_line_ = true;
        long_line_size_ = 0;
        const std::size_t held = carry_size_;
        carry_size_ = 0;
        if (held != 0) {
            std::array<char, max_buffered_line> held_bytes;
            std::memcpy(held_bytes.data(), carry_.data(), held);
            stream_long_line(held_bytes.data(), held);
        }
    }
    stream_long_line(data, size);
}

void record_splitter::end_line() {
    if (long_line_) {
        end_long_line();
    } else {
        const std::size_t size = carry_size_;
        carry_size_ = 0;
        process_line(carry_.data(), size);
    }
}

void record_splitter::skip(std::size_t bytes) noexcept {
    offset_ += bytes;
    line_start_ = offset_;
}

void record_splitter::finish() {
    if (carry_size_ != 0 || long_line_) {
        end_line();
    }
    pending_cr_ = false;
    flush_blank_lines(true);
}

} // namespace jd::statement
