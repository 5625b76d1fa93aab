#include "jd/statement/parse.hpp"

#include <cerrno>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <unistd.h>

namespace jd::statement {
namespace {

// Collects statements and a bounded number of diagnostics.
class collector {
public:
    explicit collector(parse_result& result, std::size_t max_diagnostics)
        : result_(result), max_(max_diagnostics) {}

    parser::statement_handler statements() {
        return [this](bank_statement& s) { result_.statements.push_back(std::move(s)); };
    }
    parser::diagnostic_handler diagnostics() {
        return [this](const diagnostic& d) {
            if (result_.diagnostics.size() < max_) {
                result_.diagnostics.push_back(d);
            } else {
                ++dropped_;
            }
        };
    }
    void close(const parser& p) {
        result_.summary = p.summary();
        if (dropped_ != 0) {
            diagnostic d;
            d.code = diagnostic_code::too_many_diagnostics;
            d.level = severity::info;
            d.number = static_cast<std::int64_t>(dropped_);
            result_.diagnostics.push_back(std::move(d));
        }
        if (!result_.summary.accepted) {
            result_.statements.clear();
        }
    }

private:
    parse_result& result_;
    std::size_t max_;
    std::uint64_t dropped_ = 0;
};

struct file_closer {
    int fd;
    ~file_closer() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

} // namespace

parse_result parse_buffer(std::string_view bytes, const parse_options& options) {
    parse_result result;
    collector c(result, options.max_diagnostics);
    parser p(options, c.statements(), c.diagnostics());
    p.feed(bytes);
    p.finish();
    c.close(p);
    return result;
}

parse_result parse_file(const std::filesystem::path& path, const parse_options& options) {
    parse_result result;
    collector c(result, options.max_diagnostics);
    parser p(options, c.statements(), c.diagnostics());
    parse_file_into(p, path);
    c.close(p);
    return result;
}

const parse_summary& parse_file_into(parser& p, const std::filesystem::path& path, std::size_t chunk_size) {
    const file_closer file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) {
        p.fail_input(std::strerror(errno));
        p.finish();
        return p.summary();
    }
#if defined(POSIX_FADV_SEQUENTIAL)
    ::posix_fadvise(file.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    if (chunk_size < 4096) {
        chunk_size = 4096;
    }
    const std::unique_ptr<char[]> buffer(new char[chunk_size]);
    while (!p.stopped()) {
        const ssize_t n = ::read(file.fd, buffer.get(), chunk_size);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            p.fail_input(std::strerror(errno));
            break;
        }
        if (n == 0) {
            break;
        }
        p.feed(std::string_view(buffer.get(), static_cast<std::size_t>(n)));
    }
    p.finish();
    return p.summary();
}

} // namespace jd::statement
