#pragma once
// The streaming CFONB 120 parser: bytes in (any chunking), finished statements out through a callback, so
// that memory is bounded by one statement whatever the file size.
//
//   jd::statement::parser p(options, [](bank_statement& s) { /* use s */ }, [](const diagnostic& d) { … });
//   p.feed(chunk1); p.feed(chunk2); …; p.finish();
//   p.summary().accepted
//
// Records are attached by position: a 05 to the last 04 before it, a 04 or 05 to the open 01…07 block, even
// when its account key differs (that is reported). Each finished statement is checked (opening + movements
// = closing, to the minor unit) and chained to the account's previous one (closing = next opening).
//
// Modes: lenient (default) keeps going and reports every problem; strict stops at the first warning, error
// or fatal problem and rejects the file. A fatal problem (not a CFONB 120 file, nothing readable) rejects
// the file in both modes.

#include "jd/statement/diagnostic.hpp"
#include "jd/statement/format_detection.hpp"
#include "jd/statement/sha256.hpp"
#include "jd/statement/statement.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

namespace jd::statement {

enum class parse_mode : std::uint8_t { lenient, strict };

struct parse_options {
    parse_mode mode = parse_mode::lenient;
    /// parse_buffer/parse_file keep at most this many diagnostics (all are counted in the summary).
    std::size_t max_diagnostics = 1000;
    /// Contents held by the identity occurrence counter (16 bytes each) beyond which past days are dropped.
    std::size_t max_occurrence_entries = std::size_t{1} << 14;
    /// SHA-256 code for identities (both give the same identities; the default is the fastest available).
    sha256_engine hash_engine = sha256_default_engine();
};

struct parse_summary {
    file_format format = file_format::unknown;
    bool accepted = false;            ///< known after finish()
    std::uint64_t bytes = 0;
    std::uint64_t lines = 0;
    std::uint64_t records = 0;
    std::uint64_t statements = 0;
    std::uint64_t movements = 0;
    std::uint64_t unbalanced_statements = 0;
    std::array<std::uint64_t, 4> diagnostics{}; ///< counts by severity (info, warning, error, fatal)
};

class parser {
public:
    /// Receives each finished statement. The object is the parser's own and is reused for the next
    /// statement: read it during the call, or std::move it away to keep it.
    using statement_handler = std::function<void(bank_statement&)>;
    using diagnostic_handler = std::function<void(const diagnostic&)>;

    parser(parse_options options, statement_handler on_statement, diagnostic_handler on_diagnostic = {});
    ~parser();
    parser(const parser&) = delete;
    parser& operator=(const parser&) = delete;

    /// The next bytes of the file. Ignored once the parser has stopped.
    void feed(std::string_view bytes);
    /// The end of the file: closes what is open and settles the summary.
    void finish();
    /// Reports that the input could not be read (the file is then rejected).
    void fail_input(std::string_view reason);

    /// True once strict mode met a problem or a fatal problem was found: further input is ignored.
    [[nodiscard]] bool stopped() const noexcept;
    [[nodiscard]] const parse_summary& summary() const noexcept;

    struct impl;

private:
    std::unique_ptr<impl> impl_;
};

} // namespace jd::statement
