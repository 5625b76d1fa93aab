// store-bench: how fast the store takes and delivers movements, as a sync would drive it.
//
//   store-bench [--rows N] [--batch N] [--deliver-batch N] [--batches-per-commit N] [--rows-per-statement N]
//               [--cache-kib N] [--backend sqlite|postgresql|all] [--dir PATH]
//
// Phases (each timed alone; generating the movements is not timed):
//   insert   N movements in batches of --batch (one transaction each), 95 % routable, 5 % quarantined;
//   reinsert one batch again (all duplicates);
//   deliver  every pending movement, route by route: next_batch(--deliver-batch) + mark_delivered, with
//            --batches-per-commit batches per transaction;
//   no-op    what a sync with nothing new asks the store: lease, known pieces, pieces to parse, routes
//            (once right after the deliveries, once after run_maintenance);
//   integrity the full integrity check.
// PostgreSQL runs when JD_TEST_PG_DSN is set (in a fresh schema, dropped at the end).
// Last line per backend: RESULT backend=… insert_per_s=… deliver_per_s=…

#include "store/instance_store.hpp"
#include "store/integrity.hpp"
#include "store/maintenance.hpp"
#include "store/transaction.hpp"

#include <libpq-fe.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

using namespace jd::store;

namespace {

struct options {
    std::int64_t rows = 1000000;
    std::int64_t batch = 20000;
    std::size_t deliver_batch = 1000;
    int batches_per_commit = 10; // delivery batches grouped in one transaction (fewer fsyncs)
    std::size_t rows_per_statement = 0; // PostgreSQL multi-row INSERT size; 0 = the store's default
    std::int64_t cache_kib = 0;         // 0 = the store's default
    std::string backend = "all";
    std::filesystem::path dir;
};

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

// CPU time of this process (user + system): on a shared machine the wall clock also counts other processes.
double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

std::string rib_of(int n) {
    char key[32];
    std::snprintf(key, sizeof key, "30004%05d%011d", n, 1000 + n);
    return key;
}

// Like the statement engine's identities: 32 hex characters of a hash, a dash, the occurrence number.
std::string identity_of(std::int64_t n) {
    std::uint64_t a = static_cast<std::uint64_t>(n) * 0x9E3779B97F4A7C15ULL;
    a ^= a >> 31U;
    std::uint64_t b = a * 0xBF58476D1CE4E5B9ULL;
    b ^= b >> 27U;
    char text[64];
    std::snprintf(text, sizeof text, "%016" PRIx64 "%016" PRIx64 "-1", a, b);
    return text;
}

// Shaped like real statements: a piece holds the accounts one after the other (blocks of 500 movements per
// RIB), and dates move forward (about 1,400 movements a day across the 20 RIBs).
std::vector<movement> make_batch(std::int64_t first, std::int64_t count, std::int64_t piece_size) {
    using namespace std::chrono;
    std::vector<movement> out;
    out.reserve(static_cast<std::size_t>(count));
    for (std::int64_t n = first; n < first + count; ++n) {
        movement m;
        m.identity = identity_of(n);
        // RIBs 0-18 are linked, 19 is not: 5 % quarantined
        m.rib_key = rib_of(static_cast<int>((n % piece_size) / (piece_size / 20)));
        const year_month_day day{sys_days{year{2024} / January / 1} + days{n / 1400}};
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(day.year()),
                      static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
        m.booking_date = date;
        m.value_date = date;
        m.amount_minor = (n % 2 == 0 ? 1 : -1) * (n % 100000);
        m.label = "PRLV SEPA FOURNISSEUR " + std::to_string(n % 977);
        m.details = "REF CLIENT " + std::to_string(n) + "\nMOTIF FACTURE " + std::to_string(n % 10007);
        m.reference = std::to_string(n % 9999999);
        m.operation_code = "01";
        m.entry_number = std::to_string(n % 100);
        m.piece_numero = "P" + std::to_string(n / piece_size);
        out.push_back(std::move(m));
    }
    return out;
}

void run(database& db, const options& opt, const std::string& label) {
    std::printf("== %s (%s)\n", label.c_str(), db.description().c_str());
    instance_store store(db, "bench");
    const std::int64_t piece_size = 10000;
    const epoch_ms now = now_ms();

    auto start = clock_type::now();
    for (std::int64_t p = 0; p * piece_size < opt.rows; ++p) {
        store.pieces().put("P" + std::to_string(p), "03", std::string(4096, 'x') + std::to_string(p), now);
    }
    for (int r = 0; r < 19; ++r) {
        bank_link link;
        link.rib_key = rib_of(r);
        link.company_id = 1 + r % 5;
        link.bank_account_id = 100 + r;
        link.linked_at = now;
        store.bank_links().set(link);
    }
    for (int c = 1; c <= 5; ++c) {
        company_activation a;
        a.company_id = c;
        a.active = true;
        a.changed_at = now;
        store.activations().set(a);
    }
    std::printf("setup     %.3f s\n", seconds_since(start));

    double insert_seconds = 0;
    double insert_cpu = 0;
    insert_outcome total;
    for (std::int64_t first = 0; first < opt.rows; first += opt.batch) {
        const auto batch = make_batch(first, std::min(opt.batch, opt.rows - first), piece_size);
        start = clock_type::now();
        const double cpu_start = cpu_seconds();
        const auto outcome = store.movements().insert_batch(batch, now);
        insert_cpu += cpu_seconds() - cpu_start;
        insert_seconds += seconds_since(start);
        total.inserted += outcome.inserted;
        total.pending += outcome.pending;
        total.quarantined += outcome.quarantined;
        total.duplicates += outcome.duplicates;
    }
    const double insert_rate = static_cast<double>(opt.rows) / insert_seconds;
    std::printf("insert    %" PRId64 " rows in %.3f s = %.0f rows/s, cpu %.3f s (pending %" PRId64
                ", quarantined %" PRId64 ", duplicates %" PRId64 ")\n",
                opt.rows, insert_seconds, insert_rate, insert_cpu, total.pending, total.quarantined,
                total.duplicates);

    {
        const auto again = make_batch(0, std::min(opt.batch, opt.rows), piece_size);
        start = clock_type::now();
        const auto outcome = store.movements().insert_batch(again, now);
        const double s = seconds_since(start);
        std::printf("reinsert  %zu rows in %.3f s = %.0f rows/s (duplicates %" PRId64 ")\n", again.size(), s,
                    static_cast<double>(again.size()) / s, outcome.duplicates);
    }

    start = clock_type::now();
    const double deliver_cpu_start = cpu_seconds();
    std::int64_t delivered = 0;
    double reading = 0;
    for (const auto& backlog : store.movements().pending_routes()) {
        // As a sync would: host batches of --deliver-batch, several acknowledged per transaction.
        std::optional<transaction> group;
        int in_group = 0;
        while (true) {
            if (!group) {
                group.emplace(db);
            }
            const auto read_start = clock_type::now();
            const auto batch = store.movements().next_batch(backlog.route, opt.deliver_batch);
            reading += seconds_since(read_start);
            if (batch.empty()) {
                break;
            }
            std::vector<delivery_ack> acks;
            acks.reserve(batch.size());
            for (const auto& m : batch) {
                acks.push_back({m.id, delivery_outcome::stored});
            }
            delivered += store.movements().mark_delivered(backlog.route, acks, now);
            if (++in_group >= opt.batches_per_commit) {
                group->commit();
                group.reset();
                in_group = 0;
            }
        }
        if (group) {
            group->commit();
        }
    }
    const double deliver_seconds = seconds_since(start);
    const double deliver_rate = static_cast<double>(delivered) / deliver_seconds;
    std::printf("deliver   %" PRId64 " rows in %.3f s = %.0f rows/s, cpu %.3f s (next_batch %.3f s)\n", delivered,
                deliver_seconds, deliver_rate, cpu_seconds() - deliver_cpu_start, reading);

    // Right after a million deliveries (PostgreSQL still steps over what they left behind), then after the
    // maintenance a sync runs when it changed many rows.
    for (const bool after_maintenance : {false, true}) {
        const char* which = after_maintenance ? "no-op (after maintenance)" : "no-op    ";
        if (after_maintenance) {
            const auto maintenance_start = clock_type::now();
            run_maintenance(db);
            std::printf("maintenance %.3f s\n", seconds_since(maintenance_start));
        }
        start = clock_type::now();
        const std::string holder = lease_repository::make_holder_id();
        store.lease().acquire(holder, now, 600000);
        const auto known = store.pieces().known_numeros();
        const auto to_parse = store.pieces().list(parse_state::pending, 100);
        const auto routes = store.movements().pending_routes();
        store.lease().release(holder);
        std::printf("%s %.1f ms (known pieces %zu, to parse %zu, routes %zu)\n", which,
                    seconds_since(start) * 1000.0, known.size(), to_parse.size(), routes.size());
    }

    start = clock_type::now();
    const auto report = check_integrity(db);
    std::printf("integrity %.3f s (%s)\n", seconds_since(start), report.ok ? "ok" : "PROBLEMS");

    std::printf("RESULT backend=%s insert_per_s=%.0f deliver_per_s=%.0f\n", to_string(db.kind()).data(), insert_rate,
                deliver_rate);
    std::fflush(stdout);
}

bool pg_exec(const std::string& dsn, const std::string& sql) {
    PGconn* conn = PQconnectdb(dsn.c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (ok) {
        PGresult* result = PQexec(conn, sql.c_str());
        ok = PQresultStatus(result) == PGRES_COMMAND_OK;
        if (!ok) {
            std::fprintf(stderr, "store-bench: %s", PQresultErrorMessage(result));
        }
        PQclear(result);
    } else {
        std::fprintf(stderr, "store-bench: %s", PQerrorMessage(conn));
    }
    PQfinish(conn);
    return ok;
}

} // namespace

int main(int argc, char** argv) {
    options opt;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--rows" && has_value) {
            opt.rows = std::atoll(argv[++i]);
        } else if (arg == "--batch" && has_value) {
            opt.batch = std::atoll(argv[++i]);
        } else if (arg == "--deliver-batch" && has_value) {
            opt.deliver_batch = static_cast<std::size_t>(std::atoll(argv[++i]));
        } else if (arg == "--rows-per-statement" && has_value) {
            opt.rows_per_statement = static_cast<std::size_t>(std::atoll(argv[++i]));
        } else if (arg == "--batches-per-commit" && has_value) {
            opt.batches_per_commit = std::atoi(argv[++i]);
        } else if (arg == "--cache-kib" && has_value) {
            opt.cache_kib = std::atoll(argv[++i]);
        } else if (arg == "--backend" && has_value) {
            opt.backend = argv[++i];
        } else if (arg == "--dir" && has_value) {
            opt.dir = argv[++i];
        } else {
            std::fprintf(stderr,
                         "usage: store-bench [--rows N] [--batch N] [--deliver-batch N] [--batches-per-commit N]\n"
                         "                   [--rows-per-statement N] [--cache-kib N] [--backend sqlite|postgresql|all]\n"
                         "                   [--dir PATH]\n");
            return 2;
        }
    }
    if (opt.rows <= 0 || opt.batch <= 0 || opt.deliver_batch == 0 || opt.batches_per_commit <= 0) {
        std::fprintf(stderr, "store-bench: --rows, --batch, --deliver-batch and --batches-per-commit must be "
                             "positive\n");
        return 2;
    }
    try {
        if (opt.backend == "all" || opt.backend == "sqlite") {
            const auto dir = opt.dir.empty() ? std::filesystem::temp_directory_path() /
                                                   ("jd-store-bench-" + std::to_string(getpid()))
                                             : opt.dir;
            std::filesystem::remove_all(dir / "jedeclare.sqlite");
            std::filesystem::remove_all(dir / "jedeclare.sqlite-wal");
            std::filesystem::remove_all(dir / "jedeclare.sqlite-shm");
            {
                sqlite_settings settings;
                settings.data_directory = dir;
                if (opt.cache_kib > 0) {
                    settings.cache_kib = opt.cache_kib;
                }
                auto db = database::open_sqlite(settings);
                run(*db, opt, "SQLite");
            }
            if (opt.dir.empty()) {
                std::filesystem::remove_all(dir);
            }
        }
        const char* dsn = std::getenv("JD_TEST_PG_DSN");
        if ((opt.backend == "all" || opt.backend == "postgresql") && dsn != nullptr && *dsn != '\0') {
            const std::string schema = "jd_store_bench_" + std::to_string(getpid());
            if (!pg_exec(dsn, "SET client_min_messages TO warning; DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema)) {
                return 1;
            }
            {
                postgresql_settings settings;
                settings.connection_string = std::string(dsn) + " options=-csearch_path=" + schema;
                settings.rows_per_statement = opt.rows_per_statement;
                auto db = database::open_postgresql(settings, "");
                run(*db, opt, "PostgreSQL");
            }
            pg_exec(dsn, "SET client_min_messages TO warning; DROP SCHEMA " + schema + " CASCADE");
        } else if (opt.backend == "postgresql") {
            std::fprintf(stderr, "store-bench: JD_TEST_PG_DSN is not set\n");
            return 2;
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "store-bench: %s\n", error.what());
        return 1;
    }
    return 0;
}
