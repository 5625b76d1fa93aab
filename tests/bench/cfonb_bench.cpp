// cfonb-bench: speed and memory of the CFONB 120 statement engine on a generated file of the shape used to
// compare peer parsers (200,000 movements, ~400,000 complements, 1,814 daily statements, ~73 MB), in LF, CRLF
// and no-separator variants. Each file is written to a temporary directory in chunks, then parsed fully from
// the file in a streaming way (statements and UTF-8 text built, balances checked, identities computed).
//
//   cfonb-bench [--movements N] [--statements N] [--runs N] [--dir DIR] [--keep] [--portable-sha256]
//
// Prints one line per variant and ends with
//   RESULT mb_per_s=<slowest variant> movements_per_s=<slowest> peak_rss_mb=<max>
// Speeds are for one core: bytes (10^6) per second of the parsing thread's CPU time (user + system, so the
// kernel's copy out of the page cache counts), best of --runs. The wall-clock speed is printed beside it; on
// an idle machine the two agree, on a shared one only the CPU time measures the parser.
// Peak RSS is the process's VmHWM, reset before each variant.
// Exit status 1 when a parse does not give the expected statements (a wrong answer is not a result).

#include "cfonb_generator.hpp"

#include "jd/statement/parse.hpp"
#include "jd/statement/sha256.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <fstream>
#include <string>
#include <vector>

namespace {

using namespace jd::statement;
namespace fs = std::filesystem;

struct bench_options {
    jd::bench::generator_options shape;
    int runs = 3;
    std::string dir;
    bool keep = false;
    sha256_engine engine = sha256_default_engine();
};

// Peak resident set size (VmHWM) of this process, in kB.
long peak_rss_kb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::strtol(line.c_str() + 6, nullptr, 10);
        }
    }
    return -1;
}

// Resets the peak so that each variant is measured alone (Linux >= 4.0).
void reset_peak_rss() {
    if (std::FILE* f = std::fopen("/proc/self/clear_refs", "w")) {
        std::fputs("5", f);
        std::fclose(f);
    }
}

double thread_cpu_seconds() {
    timespec t{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct run_result {
    double seconds = 0;      ///< CPU time of the parse
    double wall_seconds = 0;
    std::uint64_t bytes = 0;
    std::uint64_t statements = 0;
    std::uint64_t movements = 0;
    std::uint64_t complements = 0;
    std::uint64_t balanced = 0;
    std::uint64_t problems = 0; ///< warnings + errors + fatal
    std::int64_t amount_total = 0;
    std::uint64_t identity_digest = 0; ///< a hash over all identities, in order
};

run_result parse_once(const fs::path& path, sha256_engine engine) {
    run_result r;
    parse_options options;
    options.hash_engine = engine;
    parser p(
        options,
        [&](bank_statement& s) {
            ++r.statements;
            r.balanced += s.balanced ? 1 : 0;
            r.movements += s.movements.size();
            r.complements += s.all_complements().size();
            for (const movement& m : s.movements) {
                r.amount_total += m.amount_minor;
                r.identity_digest = (r.identity_digest * 0x100000001B3ULL) ^ std::hash<std::string_view>{}(m.id);
            }
        },
        [&](const diagnostic& d) { r.problems += d.level == severity::info ? 0 : 1; });
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = thread_cpu_seconds();
    const parse_summary& summary = parse_file_into(p, path);
    const double cpu_stop = thread_cpu_seconds();
    const auto stop = std::chrono::steady_clock::now();
    r.seconds = cpu_stop - cpu_start;
    r.wall_seconds = std::chrono::duration<double>(stop - start).count();
    r.bytes = summary.bytes;
    return r;
}

bool read_options(int argc, char** argv, bench_options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto number = [&](auto& target) {
            if (i + 1 >= argc) {
                return false;
            }
            target = static_cast<std::remove_reference_t<decltype(target)>>(std::strtoull(argv[++i], nullptr, 10));
            return true;
        };
        if (arg == "--movements") {
            if (!number(o.shape.movements)) return false;
            o.shape.extra_complements = o.shape.movements * 323 / 200'000;
        } else if (arg == "--statements") {
            if (!number(o.shape.statements)) return false;
        } else if (arg == "--runs") {
            if (!number(o.runs)) return false;
        } else if (arg == "--dir" && i + 1 < argc) {
            o.dir = argv[++i];
        } else if (arg == "--keep") {
            o.keep = true;
        } else if (arg == "--portable-sha256") {
            o.engine = sha256_engine::portable;
        } else {
            return false;
        }
    }
    return o.runs > 0 && o.shape.movements > 0 && o.shape.statements > 0;
}

} // namespace

int main(int argc, char** argv) {
    bench_options options;
    if (!read_options(argc, argv, options)) {
        std::fprintf(stderr, "usage: cfonb-bench [--movements N] [--statements N] [--runs N] [--dir DIR] [--keep] "
                             "[--portable-sha256]\n");
        return 2;
    }
    fs::path dir = options.dir;
    if (dir.empty()) {
        std::string pattern = (fs::temp_directory_path() / "cfonb-bench.XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            std::perror("mkdtemp");
            return 1;
        }
        dir = pattern;
    } else {
        fs::create_directories(dir);
    }
    std::printf("sha256 engine: %s\n",
                options.engine == sha256_engine::x86_sha_extensions ? "x86 SHA extensions" : "portable");

    struct variant {
        const char* name;
        jd::bench::line_ending ending;
    };
    const variant variants[] = {{"lf", jd::bench::line_ending::lf},
                                {"crlf", jd::bench::line_ending::crlf},
                                {"none", jd::bench::line_ending::none}};
    double slowest_mb = 1e300;
    double slowest_mv = 1e300;
    long max_rss_kb = 0;
    std::uint64_t first_identities = 0;
    bool ok = true;
    for (const variant& v : variants) {
        jd::bench::generator_options shape = options.shape;
        shape.ending = v.ending;
        const fs::path path = dir / (std::string("big_") + v.name + ".cfo");
        std::FILE* f = std::fopen(path.c_str(), "wb");
        if (f == nullptr) {
            std::perror(path.c_str());
            return 1;
        }
        const jd::bench::generated_file file =
            jd::bench::generate_cfonb(shape, [&](std::string_view chunk) { std::fwrite(chunk.data(), 1, chunk.size(), f); });
        std::fclose(f);

        reset_peak_rss();
        run_result best;
        best.seconds = 1e300;
        double best_wall = 1e300;
        for (int run = 0; run < options.runs; ++run) {
            run_result r = parse_once(path, options.engine);
            const bool right = r.statements == file.statements && r.movements == file.movements &&
                               r.complements == file.complements && r.balanced == file.statements && r.problems == 0 &&
                               r.bytes == file.bytes;
            if (!right) {
                std::fprintf(stderr,
                             "variant %s: wrong result (statements %llu/%llu, movements %llu/%llu, complements %llu/%llu, "
                             "balanced %llu, problems %llu)\n",
                             v.name, static_cast<unsigned long long>(r.statements),
                             static_cast<unsigned long long>(file.statements),
                             static_cast<unsigned long long>(r.movements), static_cast<unsigned long long>(file.movements),
                             static_cast<unsigned long long>(r.complements),
                             static_cast<unsigned long long>(file.complements),
                             static_cast<unsigned long long>(r.balanced), static_cast<unsigned long long>(r.problems));
                ok = false;
            }
            best_wall = std::min(best_wall, r.wall_seconds);
            if (r.seconds < best.seconds) {
                best = r;
            }
        }
        if (first_identities == 0) {
            first_identities = best.identity_digest;
        } else if (best.identity_digest != first_identities) {
            std::fprintf(stderr, "variant %s: identities differ from the LF variant\n", v.name);
            ok = false;
        }
        const long rss = peak_rss_kb();
        const double mb_per_s = static_cast<double>(file.bytes) / 1e6 / best.seconds;
        const double movements_per_s = static_cast<double>(file.movements) / best.seconds;
        std::printf("variant=%s bytes=%llu records=%llu statements=%llu movements=%llu complements=%llu "
                    "cpu_seconds=%.4f mb_per_s=%.1f movements_per_s=%.0f wall_seconds=%.4f wall_mb_per_s=%.1f "
                    "peak_rss_mb=%.1f identities=%016llx\n",
                    v.name, static_cast<unsigned long long>(file.bytes), static_cast<unsigned long long>(file.records),
                    static_cast<unsigned long long>(file.statements), static_cast<unsigned long long>(file.movements),
                    static_cast<unsigned long long>(file.complements), best.seconds, mb_per_s, movements_per_s,
                    best_wall, static_cast<double>(file.bytes) / 1e6 / best_wall, static_cast<double>(rss) / 1024.0,
                    static_cast<unsigned long long>(best.identity_digest));
        std::fflush(stdout);
        slowest_mb = std::min(slowest_mb, mb_per_s);
        slowest_mv = std::min(slowest_mv, movements_per_s);
        max_rss_kb = std::max(max_rss_kb, rss);
        if (!options.keep) {
            fs::remove(path);
        }
    }
    if (!options.keep && options.dir.empty()) {
        fs::remove(dir);
    }
    std::printf("RESULT mb_per_s=%.1f movements_per_s=%.0f peak_rss_mb=%.1f\n", slowest_mb, slowest_mv,
                static_cast<double>(max_rss_kb) / 1024.0);
    return ok ? 0 : 1;
}
