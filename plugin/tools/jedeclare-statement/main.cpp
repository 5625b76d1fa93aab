// jedeclare-statement: reads CFONB 120 statement files and prints, for each file, one JSON document (one line)
// with its statements, movements and diagnostics.
//
//   jedeclare-statement parse [--strict] [--lang fr|en] FILE...
//
// Exit status: 0 when every file is accepted (lenient mode: possibly with warnings), 1 when one is rejected,
// 2 on a usage error. "-" reads standard input.

#include "json_writer.hpp"
#include "statement_json.hpp"

#include "jd/statement/parse.hpp"
#include "jd/statement/text.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace jd::statement;
using jd::tools::json_writer;

struct command_line {
    parse_mode mode = parse_mode::lenient;
    language lang = language::fr;
    std::vector<std::string> files;
};

void print_usage(std::FILE* to) {
    std::fputs("usage: jedeclare-statement parse [--strict] [--lang fr|en] FILE...\n"
               "  Reads CFONB 120 bank statement files and prints one JSON document per file.\n"
               "  --strict     reject a file at its first problem (default: lenient, report and go on)\n"
               "  --lang LANG  language of the messages: fr (default) or en\n"
               "  FILE         a file to read, or - for standard input\n"
               "Exit status: 0 all files accepted, 1 a file rejected, 2 usage error.\n",
               to);
}

std::optional<command_line> read_command_line(int argc, char** argv) {
    if (argc < 2) {
        return std::nullopt;
    }
    const std::string command = argv[1];
    if (command != "parse") {
        return std::nullopt;
    }
    command_line cl;
    bool options_done = false;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (!options_done && arg == "--") {
            options_done = true;
        } else if (!options_done && arg == "--strict") {
            cl.mode = parse_mode::strict;
        } else if (!options_done && arg == "--lenient") {
            cl.mode = parse_mode::lenient;
        } else if (!options_done && (arg == "--lang" || arg.rfind("--lang=", 0) == 0)) {
            std::string value;
            if (arg == "--lang") {
                if (i + 1 >= argc) {
                    return std::nullopt;
                }
                value = argv[++i];
            } else {
                value = arg.substr(7);
            }
            if (value == "fr") {
                cl.lang = language::fr;
            } else if (value == "en") {
                cl.lang = language::en;
            } else {
                return std::nullopt;
            }
        } else if (!options_done && arg.size() > 1 && arg[0] == '-') {
            return std::nullopt;
        } else {
            cl.files.push_back(arg);
        }
    }
    if (cl.files.empty()) {
        return std::nullopt;
    }
    return cl;
}

// Prints one file's document as its statements come, so that memory stays bounded by one statement.
class file_report {
public:
    file_report(json_writer& out, std::string_view name, const command_line& cl) : out_(out), name_(name), cl_(cl) {}

    void header(const parse_summary& summary) {
        if (header_written_) {
            return;
        }
        header_written_ = true;
        out_.begin_object();
        out_.key("file");
        out_.value(decode_text(name_));
        out_.key("format");
        out_.value(format_name(summary.format));
        out_.key("mode");
        out_.value(cl_.mode == parse_mode::strict ? "strict" : "lenient");
        out_.key("statements");
        out_.begin_array();
    }

    void statement(const parser& p, const bank_statement& s) {
        header(p.summary());
        write_statement(out_, s);
    }

    void close(const parse_summary& summary, const std::vector<diagnostic>& diagnostics, std::uint64_t dropped) {
        header(summary);
        out_.end_array();
        out_.key("accepted");
        out_.value(summary.accepted);
        out_.key("summary");
        write_summary(out_, summary);
        out_.key("diagnostics");
        out_.begin_array();
        for (const diagnostic& d : diagnostics) {
            write_diagnostic(out_, d, cl_.lang);
        }
        if (dropped != 0) {
            diagnostic more;
            more.code = diagnostic_code::too_many_diagnostics;
            more.level = severity::info;
            more.number = static_cast<std::int64_t>(dropped);
            write_diagnostic(out_, more, cl_.lang);
        }
        out_.end_array();
        out_.end_object();
        out_.end_document();
    }

private:
    json_writer& out_;
    std::string name_;
    const command_line& cl_;
    bool header_written_ = false;
};

struct diagnostic_list {
    std::vector<diagnostic> kept;
    std::uint64_t dropped = 0;
    std::size_t max = parse_options{}.max_diagnostics;

    void add(const diagnostic& d) {
        if (kept.size() < max) {
            kept.push_back(d);
        } else {
            ++dropped;
        }
    }
};

// Runs one pass over the input: from memory when `bytes` is given, else from the file.
void run_pass(parser& p, const std::string& path, const std::optional<std::string>& bytes) {
    if (bytes) {
        p.feed(*bytes);
        p.finish();
    } else {
        parse_file_into(p, path);
    }
}

bool process_file(json_writer& out, const std::string& path, const command_line& cl) {
    std::optional<std::string> bytes;
    if (path == "-") {
        bytes = std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    }
    parse_options options;
    options.mode = cl.mode;
    file_report report(out, path, cl);
    diagnostic_list diagnostics;

    if (cl.mode == parse_mode::strict) {
        // A strict run prints statements only when the whole file is accepted: check first, then print.
        parser check(options, {}, [&](const diagnostic& d) { diagnostics.add(d); });
        run_pass(check, path, bytes);
        if (!check.summary().accepted) {
            report.close(check.summary(), diagnostics.kept, diagnostics.dropped);
            return false;
        }
    }
    parser* current = nullptr;
    parser p(
        options, [&](bank_statement& s) { report.statement(*current, s); },
        [&](const diagnostic& d) {
            if (cl.mode == parse_mode::lenient) {
                diagnostics.add(d);
            }
        });
    current = &p;
    run_pass(p, path, bytes);
    report.close(p.summary(), diagnostics.kept, diagnostics.dropped);
    return p.summary().accepted;
}

} // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
        print_usage(stdout);
        return 0;
    }
    const std::optional<command_line> cl = read_command_line(argc, argv);
    if (!cl) {
        print_usage(stderr);
        return 2;
    }
    try {
        json_writer out(stdout);
        bool all_accepted = true;
        for (const std::string& file : cl->files) {
            all_accepted = process_file(out, file, *cl) && all_accepted;
        }
        return all_accepted ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "jedeclare-statement: %s\n", e.what());
        return 1;
    }
}
