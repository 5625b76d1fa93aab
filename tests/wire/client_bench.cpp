// jedeclare-client-bench: lists and downloads pieces from the simulator over the client's connection pool and
// prints pieces/s, MB/s and the number of TLS handshakes (client side, and as the simulator counted them).
// Usage: jedeclare-client-bench [--pieces N] [--connections N] [--threads N] [--concurrency N] [--dossiers N]
//                               [--days N] [--seed N]
// The default dataset (400 dossiers, 180 business days) holds more than 10,000 distinct pieces.
// Last line: RESULT pieces_per_s=... mb_per_s=... handshakes=...

#include "sim_support.hpp"

#include <boost/json.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

namespace {

struct options {
    std::size_t pieces = 10000;
    std::size_t connections = 4;
    std::size_t threads = 1;
    std::size_t concurrency = 0;
    int dossiers = 400;
    int days = 180;
    std::uint64_t seed = 2024;
};

options parse(int argc, char** argv)
{
    options out;
    for (int i = 1; i < argc; ++i) {
        const std::string name = argv[i];
        if (i + 1 >= argc)
            throw std::invalid_argument("missing value after " + name);
        const std::string value = argv[++i];
        const auto number = std::stoull(value);
        if (name == "--pieces")
            out.pieces = number;
        else if (name == "--connections")
            out.connections = number;
        else if (name == "--threads")
            out.threads = number;
        else if (name == "--concurrency")
            out.concurrency = number;
        else if (name == "--dossiers")
            out.dossiers = static_cast<int>(number);
        else if (name == "--days")
            out.days = static_cast<int>(number);
        else if (name == "--seed")
            out.seed = number;
        else
            throw std::invalid_argument("unknown option " + name);
    }
    return out;
}

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds (user + system) used by this process, all threads.
double own_cpu_seconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// CPU seconds used so far by another process (the simulator), from /proc/PID/stat.
double process_cpu_seconds(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::istringstream fields(text.substr(close + 2));
    std::string skip;
    for (int i = 3; i < 14; ++i) // fields 3..13 precede utime (14) and stime (15)
        fields >> skip;
    unsigned long long user = 0, system = 0;
    fields >> user >> system;
    return static_cast<double>(user + system) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double load_average()
{
    double loads[1] = {0};
    return getloadavg(loads, 1) == 1 ? loads[0] : 0;
}

} // namespace

int main(int argc, char** argv)
{
    using namespace jd::jedeclare;
    try {
        const options opt = parse(argc, argv);
        std::cout << "starting the simulator (seed " << opt.seed << ", " << opt.dossiers << " dossiers, " << opt.days
                  << " days)..." << std::endl;
        auto sim = wire_test::start_simulator({"--seed", std::to_string(opt.seed), "--dossiers",
                                               std::to_string(opt.dossiers), "--days", std::to_string(opt.days)});

        client_config config = wire_test::client_config_for(*sim);
        config.max_connections = opt.connections;
        config.io_threads = opt.threads;
        client jd(config);

        // statutPiece 01: every piece, so that the benchmark does not depend on earlier runs.
        list_query query;
        query.status = piece_status_filter::all;
        auto start = std::chrono::steady_clock::now();
        const auto listed = jd.list_pieces(query);
        const double list_seconds = seconds_since(start);
        std::cout << "listed " << listed.size() << " pieces in " << list_seconds << " s" << std::endl;
        if (listed.empty())
            throw std::runtime_error("the simulator lists no piece");

        // Download `pieces` numbers, going round the list again when it is shorter.
        std::vector<std::string> numeros;
        numeros.reserve(opt.pieces);
        for (std::size_t i = 0; i < opt.pieces; ++i)
            numeros.push_back(listed[i % listed.size()].numero);

        const auto before = jd.stats();
        std::uint64_t content_bytes = 0;
        std::size_t files = 0;
        std::size_t errors = 0;
        const double client_cpu_before = own_cpu_seconds();
        const double sim_cpu_before = process_cpu_seconds(sim->pid());
        start = std::chrono::steady_clock::now();
        const auto summary = jd.download_many(
            numeros,
            [&](download_result& result) {
                if (result.piece) {
                    for (const auto& file : result.piece->files) {
                        content_bytes += file.bytes.size();
                        ++files;
                    }
                } else if (++errors <= 5) {
                    std::cout << "error: " << result.error->message("en") << std::endl;
                }
                return true;
            },
            opt.concurrency);
        const double download_seconds = seconds_since(start);
        const double client_cpu = own_cpu_seconds() - client_cpu_before;
        const double sim_cpu = process_cpu_seconds(sim->pid()) - sim_cpu_before;
        const auto after = jd.stats();

        const double pieces_per_s = static_cast<double>(summary.downloaded) / download_seconds;
        const double mb_per_s = static_cast<double>(content_bytes) / 1e6 / download_seconds;
        const double wire_mb_per_s = static_cast<double>(after.bytes_received - before.bytes_received) / 1e6 /
                                     download_seconds;
        const auto sim_stats = sim->stats();
        std::cout << "downloaded " << summary.downloaded << " pieces (" << files << " files, " << summary.failed
                  << " errors) in " << download_seconds << " s\n"
                  << "  pieces/s            " << pieces_per_s << "\n"
                  << "  MB/s (statements)   " << mb_per_s << "\n"
                  << "  MB/s (HTTP bodies)  " << wire_mb_per_s << "\n"
                  << "  requests            " << after.requests << " (retries " << after.retries << ")\n"
                  << "  TLS handshakes      client " << after.tls_handshakes << ", simulator "
                  << sim_stats.at("handshakes") << " (connections " << opt.connections << ", I/O threads "
                  << opt.threads << ")\n"
                  << "  simulator requests  " << sim_stats.at("requests") << "\n"
                  << "  CPU per piece       client " << client_cpu * 1e6 / static_cast<double>(summary.downloaded)
                  << " us, simulator " << sim_cpu * 1e6 / static_cast<double>(summary.downloaded) << " us\n"
                  << "  CPU-bound ceiling   " << static_cast<double>(summary.downloaded) / (client_cpu + sim_cpu)
                  << " pieces/s per core of client+simulator work (machine load avg "
                  << load_average() << ")" << std::endl;
        std::printf("RESULT pieces_per_s=%.0f mb_per_s=%.2f handshakes=%llu\n", pieces_per_s, mb_per_s,
                    static_cast<unsigned long long>(after.tls_handshakes));
        return summary.failed == 0 ? 0 : 1;
    } catch (const wire_error& e) {
        std::cerr << "jedeclare-client-bench: " << e.message("en") << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "jedeclare-client-bench: " << e.what() << std::endl;
    }
    return 2;
}
