// plugin-load-bench: how long a host takes to bring up the JeDeclare.com plugin.
//
// Measured: discovery of the plugin directory + manifest parse and schema check + sha256 of the library +
// entry-symbol probe (library_info) + dlopen(RTLD_NOW) + entry call + compiled-manifest comparison
// (all inside loader::scan), then descriptor parse, then create + destroy of one instance.
//
// Method: each run happens in a fresh child process (this executable re-run with --child), because the
// dynamic linker caches dlopen() by path: a second load of the same library in one process costs nothing
// and would measure nothing. The child times the sequence above with steady_clock and prints the figures;
// the parent collects them and prints medians. Libraries the host itself already links (libstdc++,
// Boost.JSON) are loaded in the child before timing starts, as in a real host; the plugin's own dependencies
// are part of the measurement. The page cache is warm (the file was read by the previous run).
//
// Usage: plugin-load-bench [--runs N] [--plugin-dir DIR]
#include "fake_host.hpp"

#include <host_sdk/loader.hpp>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

using clock_type = std::chrono::steady_clock;

double ms_since(clock_type::time_point start) {
    return std::chrono::duration<double, std::milli>(clock_type::now() - start).count();
}

int run_child(const std::string& dir) {
    sdk_test::fake_host fake;
    const auto t0 = clock_type::now();
    const host_sdk::loader loader(&fake.api, "fr");
    const auto result = loader.scan({dir});
    const double scan_ms = ms_since(t0);
    if (result.plugins.size() != 1 || !result.failures.empty()) {
        for (const auto& failure : result.failures) std::cerr << failure.message << "\n";
        std::cerr << "expected exactly one plugin in " << dir << "\n";
        return 2;
    }
    const auto& plugin = result.plugins.front();
    const auto t1 = clock_type::now();
    const auto descriptor = plugin->descriptor();
    const double descriptor_ms = ms_since(t1);
    const auto t2 = clock_type::now();
    {
        auto instance = plugin->create_instance("bench-1", "{}");
    }
    const double instance_ms = ms_since(t2);
    const double total_ms = ms_since(t0);
    std::printf("%.4f %.4f %.4f %.4f %s\n", scan_ms, descriptor_ms, instance_ms, total_ms,
                descriptor.at("display_name").as_string().c_str());
    return 0;
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

// Runs this executable with --child DIR; returns its stdout, or "" on failure.
std::string spawn_child(const std::string& self, const std::string& dir, double& wall_ms) {
    int fds[2];
    if (::pipe(fds) != 0) return {};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::string child_flag = "--child";
    std::vector<char*> argv{const_cast<char*>(self.c_str()), child_flag.data(), const_cast<char*>(dir.c_str()),
                            nullptr};
    const auto start = clock_type::now();
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, self.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    std::string out;
    if (spawned == 0) {
        char buffer[512];
        ssize_t got = 0;
        while ((got = ::read(fds[0], buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fds[0]);
    int status = 0;
    if (spawned == 0) ::waitpid(pid, &status, 0);
    wall_ms = ms_since(start);
    if (spawned != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return {};
    return out;
}

} // namespace

int main(int argc, char** argv) {
    std::string dir = JD_PLUGIN_DIR;
    int runs = 31;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--child" && i + 1 < argc) return run_child(argv[i + 1]);
        if (arg == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--plugin-dir" && i + 1 < argc) dir = argv[++i];
        else {
            std::cerr << "usage: plugin-load-bench [--runs N] [--plugin-dir DIR]\n";
            return 1;
        }
    }
    std::vector<char> self_buffer(4096, '\0');
    const ssize_t length = ::readlink("/proc/self/exe", self_buffer.data(), self_buffer.size() - 1);
    if (length <= 0) {
        std::cerr << "cannot find my own executable\n";
        return 1;
    }
    const std::string self(self_buffer.data(), static_cast<std::size_t>(length));

    std::vector<double> scan, descriptor, instance, total, wall;
    for (int run = 0; run < runs; ++run) {
        double wall_ms = 0;
        const std::string out = spawn_child(self, dir, wall_ms);
        std::istringstream fields(out);
        double s = 0, d = 0, c = 0, t = 0;
        std::string name;
        if (!(fields >> s >> d >> c >> t >> name)) {
            std::cerr << "run " << run << " failed\n";
            return 1;
        }
        scan.push_back(s);
        descriptor.push_back(d);
        instance.push_back(c);
        total.push_back(t);
        wall.push_back(wall_ms);
    }
    std::printf("plugin-load-bench: %d runs, each in a fresh process, plugin directory %s\n", runs, dir.c_str());
    std::printf("  scan (discover, manifest+schema, sha256, symbol probe, dlopen, entry, compare): median %.3f ms\n",
                percentile(scan, 0.5));
    std::printf("  descriptor parse: median %.3f ms; create+destroy instance: median %.3f ms\n",
                percentile(descriptor, 0.5), percentile(instance, 0.5));
    std::printf("  load total: min %.3f, median %.3f, p90 %.3f, max %.3f ms\n", percentile(total, 0.0),
                percentile(total, 0.5), percentile(total, 0.9), percentile(total, 1.0));
    std::printf("  whole child process (spawn to exit, for context): median %.3f ms\n", percentile(wall, 0.5));
    std::printf("RESULT load_median_ms=%.3f\n", percentile(total, 0.5));
    return 0;
}
