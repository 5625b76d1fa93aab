// jedeclare-sim: a JeDéclare.com stand-in for tests and demos (HTTPS on loopback, SOAP CommunicationV2 + REST
// gestion), with its dataset generator. `jedeclare-sim --help` documents everything.
#include "jdsim/base64.hpp"
#include "jdsim/dataset.hpp"
#include "jdsim/faults.hpp"
#include "jdsim/gzip.hpp"
#include "jdsim/host_seed.hpp"
#include "jdsim/http_server.hpp"
#include "jdsim/json_file.hpp"
#include "jdsim/simulator_app.hpp"
#include "jdsim/tls_ca.hpp"
#include "jdsim/truth.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/json.hpp>

#include <time.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;

constexpr const char* help_text = R"(jedeclare-sim — a faithful, self-contained stand-in for JeDéclare.com (tests and demos)

USAGE
  jedeclare-sim serve    [dataset options] [server options]
  jedeclare-sim generate --out DIR [dataset options] [--write-pieces] [--measure]
  jedeclare-sim piece    NUMERO [--login LOGIN] [dataset options]       (writes one piece's bytes to stdout)
  jedeclare-sim --help

WHAT IT SERVES (HTTPS, TLS 1.2+, loopback only, HTTP/1.1 keep-alive)
  SOAP 1.1 CommunicationV2   POST /webservices/wspid_spring/CommunicationV2Service/   (trailing slash optional)
    namespace http://experian.com/communicationV2/schemas, any prefixes; the operation is the Body's element
    (SOAPAction is ignored). Answers HTTP 200 with {Op}Response/{codeRetour, message, ...} as direct children.
    Body: Authentification{motDePasse, nom}, Identification{editeur, logiciel, version}, then:
    ListeDisponibiliteV2Request/RequeteListe{dateDebut?, dateFin?, statutPiece?, typeDeListe?, typeProcedure,
        identifiantDossier?}  ->  liste/item*{numero, statut, typeDePiece, numeroADS}; no paging; 0, 1 or n items.
      - typeProcedure missing, unknown, or not subscribed by the compte -> code 11. Bank statements: RELEVE.
      - dates JJ/MM/AAAA, filter on the date the piece was made available (inclusive); a bad date, dateFin
        before dateDebut, or a period over 18 months -> code 05. Without dates: no date filter.
      - statutPiece 00 = not yet retrieved by this editeur/logiciel, 01 = all (default); other -> 05.
      - typeDeListe 99 (default), 97, 03 list receptions; 98, 00, 01, 02 list none; other -> 05.
      - identifiantDossier: only pieces holding an account of that gestion dossier.
    DemandeAccuseRequest/RequeteDemandePiece{mimeTypeReponse, numero, typePiece}
      -> numero, date (AAAA-MM-JJT06:00:00.000+01:00, Paris time, the day it was made available), typeDePiece
         (03), contentType, pieceJointe (base64 of the CFONB 120 file, Latin-1). Items carry an empty numeroADS.
      - mimeTypeReponse application/gzip: gzipped inside the base64; autre (or absent): raw; other -> code 04.
      - unknown numero -> 07; typePiece other than 03 -> 07; a number of another compte only -> 08.
      - the piece becomes retrieved (statut 01) for that editeur/logiciel couple (see --marking).
    Bad credentials -> 06; missing Identification/editeur/logiciel -> 05; HTTP 200 in all these cases.
    Unparseable XML (e.g. an unescaped '&' in a password) -> HTTP 500 SOAP Fault, faultcode Client, with a
    faultstring naming the line and column. SOAP 1.2 envelope -> Fault VersionMismatch. GET -> 405.
  REST gestion (HTTP Basic, realm jdc-users; 401 on bad credentials, 404 on an unknown compte id)
    GET /webservice/gestion/compte/{id}/dossierClient
        -> <listeDossiers xmlns="http://jedeclare.com/gestion"><dossier><client><id/><siretPrincipal><siren/>
           <nic/></siretPrincipal><rs/><responsable>...</responsable></client><exploitationDonnees/></dossier>...
           (--gestion-shape crm: <dossierClient> instead of <dossier>)
    GET /webservice/gestion/compte/{id}/dossierClient/{d}/rib
        -> <listeRibs xmlns=...><rib><id/><libelle/><civiliteTitulaire/><nomTitulaire/><prenomTitulaire/>
           <etablissement/><guichet/><numCompte/><cle/></rib>...
    GET /webservice/gestion/compte/{id}/dossierClient/{d}/releve  -> <listeReleves><releve>... (collectes)
    Unknown dossier -> 404; other methods -> 405. A compte without a gestion id has no gestion service (404).
  Control endpoint (not JeDéclare's; never faulted)
    GET /_sim/stats  DELETE /_sim/stats (reset)      GET|POST|DELETE /_sim/faults
    POST /_sim/pieces {"compte":LOGIN?, "pieces":[{"content_base64"|"content", "date"?, "dossier"?, "numero"?}]}
    GET /_sim/truth   GET /_sim/host-seed   DELETE /_sim/retrievals (every piece back to statut 00)   GET /_sim/health

DATASET OPTIONS (serve, generate, piece)
  --seed N            seed of the deterministic generator (default 42)
  --dossiers N        client dossiers of the firm (default 20); about 1.5 RIBs per dossier
  --days N            business days of daily statements (default 10)
  --end-date AAAA-MM-JJ  last statement day (default: the last business day before today); the same seed,
                      sizes, end date and comptes always give the same bytes
  --compte SPEC       a compte de flux, repeatable; replaces the default three. SPEC is comma-separated:
                      login=L,password=P[,gestion=ID][,procedures=RELEVE+EDI-TVA][,weight=W][,first=N]
                      weight: share of the bank feeds routed to it (0 = none); first: its first piece number
                      (default 1000001; numbering is independent per compte, so numbers repeat across
                      comptes). Without RELEVE in procedures: code 11. Values cannot contain ','.
  --dataset DIR       read DIR/dataset.json (written by generate) instead of the options above
  Default comptes: cabinet-demo@jedeclare.com / Demo-Flux-2024 (gestion 4242, weight 85),
                   cabinet-demo-2@jedeclare.com / Flux&Deux-2024 (gestion 4243, weight 15; note the '&'),
                   cabinet-tva@jedeclare.com / Tva-Seulement-2024 (no gestion; EDI-TVA, EDI-TDFC only: RELEVE -> 11).

  The firm: realistic French raisons sociales (legal form before or after, accents, apostrophes, & / ET,
  near-duplicates such as "SAS ALPHA" / "SAS ALPHA 2", one exact duplicate name from 20 dossiers), SIRENs and
  SIRETs with valid Luhn keys, RIBs with valid keys (some account numbers with letters), one XPF account
  (0 decimals), ~2% RIBs matching no dossier, ~2% dossiers without RIB. Pieces: one per delivery group (the
  accounts a bank delivers in one file, 1 to 45 accounts) per business day, made available the next business
  day; CRLF, LF or no separator, with or without a final line ending; identical same-day twins; ~5% pieces
  repeat the previous day's statement of each account; ~1.2% pieces re-deliver an earlier day (whole group or
  one account); ~0.5% empty pieces; days without movement (01/07 only). Balances chain: opening + sum of the
  movements = closing, and each closing = the next day's opening. Amounts: overpunch, minor units.
  A piece's bytes are generated on demand from (seed, piece), never stored.

SERVER OPTIONS (serve)
  --port N            TCP port, 0 = any free port (default 0)
  --bind ADDR         loopback address to listen on (default 127.0.0.1); anything else is refused
  --ready-file PATH   written atomically once listening: {"port", "base_url", "ca_file", "soap_url",
                      "gestion_url", "control_url", "pid", "comptes":[{"login","password","gestion_account_id",
                      "releve","pieces"}], "dataset":{...}}; removed on exit
  --tls-dir DIR       ca.pem, ca.key, server.pem, server.key; generated if absent or invalid (default
                      $TMPDIR/jedeclare-sim-tls-UID). Clients trust ca.pem; the server certificate is for
                      IP:127.0.0.1 and DNS:localhost.
  --pieces-dir DIR    serve the files of DIR (sorted by name, dated by their modification day) as the pieces of
                      the first compte subscribing RELEVE, instead of generated pieces (gestion still comes
                      from the dataset options; /_sim/truth then says "available": false)
  --gestion-shape S   idocus (default) or crm: element wrapping each dossier of the dossier list
  --marking M         per-couple (default): a download marks the piece retrieved for its editeur/logiciel
                      only; shared: for every couple (what JeDéclare does without a marking exception)
  --unmarked E/L      reads by editeur E, logiciel L never mark pieces (a marking exception); repeatable
  --gzip-level N      zlib level for application/gzip pieces, 0..9 (default 1; deflate costs ~5 us per KB
                      at level 1; 0 = stored, still a valid gzip stream, the cheapest for benchmarks)
  --threads N         I/O threads (default 2)
  --idle-timeout S    close a keep-alive connection idle for S seconds (default 120)
  --hang-limit S      a hang fault holds a connection at most S seconds (default 600)
  --fault SPEC        inject a fault, repeatable (see FAULTS); --fault-seed N seeds the share draws
  --log-requests      one line per request on stderr (never credentials nor bodies)

FAULTS
  SPEC = TYPE[:VALUE][,share=S][,count=N][,ops=list+download+gestion+other][,processed=1]
    latency:MS            answer after MS milliseconds (combines with the others)
    trickle:BPS           send the answer at BPS bytes per second (combines with the others)
    hang                  never answer; the connection stays open
    reset                 close the connection with a TCP RST, no answer
    truncate              send headers announcing the full length and half of the body, then close
    http_status:CODE      HTTP CODE (500, 502, 503...) with a short text body
    too_many_requests:S   HTTP 429 with Retry-After: S
    code99                SOAP only: codeRetour 99 (technical problem) in a 200 answer
    soap_fault            SOAP only: HTTP 500 with a SOAP Fault
    malformed_xml         HTTP 200 whose XML body is cut and broken
    invalid_credentials   credentials treated as wrong: codeRetour 06 (SOAP) or HTTP 401 (gestion)
  share: share of the matching requests that get the fault (seeded draws; default 1).
  count: only the first N matching requests are considered. ops: which operations (default all).
  processed=1: hang, reset, http_status, too_many_requests and soap_fault strike after the request took
  effect (a download then marks the piece retrieved though the client never gets it). truncate,
  malformed_xml and trickle always come after processing.
  The same through the control endpoint: POST /_sim/faults
    {"faults":[{"type":"http_status","status":503,"share":1.0,"count":2,"operations":["list","download"]},
               {"type":"latency","ms":200}, {"type":"too_many_requests","retry_after":3},
               {"type":"trickle","bytes_per_second":2048}, {"type":"hang","after_processing":true}]}
  replaces the active faults; DELETE /_sim/faults clears them.

GENERATE
  Writes DIR/dataset.json (what serve --dataset DIR reads), DIR/host-seed.json (the reference host's users,
  companies and bank accounts: `aggregator-host seed FILE`), DIR/truth.json (per RIB the distinct movements
  a correct sync delivers; an overlapping piece repeats movements that count once, twins count twice).
  --write-pieces      also write every piece to DIR/pieces/<login>/<numero>.cfonb (usable with --pieces-dir)
  --measure           generate every piece in memory and print the throughput

HOST SEED (contract A)
  Users: admin (platform.configuration, platform.administration, company.accounting_settings on every
  company), config_only, admin_only, nobody. Companies: most with exactly the dossier's raison sociale; ~14%
  spelled differently (case, accents, typographic apostrophe, & / ET, dotted or moved legal form: to be
  proposed, not linked); ~5% same SIREN with another name; ~5% dossiers without company; extra companies
  without dossier. Bank accounts: IBANs of the dossier's RIBs (~88% of them), plus a few accounts unknown to
  JeDéclare.

TRUTH (contract C)
  {"ribs":[{"rib_key","dossier_id","company_id","bank_account_id","movements","sum_minor","first_date",
  "last_date", "link", "intended_company_id", "intended_bank_account_id", "iban", "currency", "compte", ...}],
  "movements_total", "movements_auto_linked_total", ...}. company_id/bank_account_id are set when the link is
  automatic (exact, unambiguous raison sociale); intended_* whatever the spelling. link: exact, ambiguous
  (two dossiers and two companies share the name), proposed (with "quirk"), siren_only, no_company,
  no_dossier (a RIB matching no dossier). Pieces added through /_sim/pieces are not part of the truth.

EXIT
  serve stops cleanly on SIGTERM or SIGINT (exit 0). Errors in options: exit 2 with a message.
)";

struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class arguments {
  public:
    arguments(int argc, char** argv, int first) {
        for (int i = first; i < argc; ++i) args_.emplace_back(argv[i]);
    }
    bool done() const { return pos_ >= args_.size(); }
    std::string next() { return args_[pos_++]; }
    std::string value(const std::string& option) {
        if (done()) throw usage_error(option + " needs a value");
        return next();
    }

  private:
    std::vector<std::string> args_;
    std::size_t pos_ = 0;
};

template <typename T>
T number(const std::string& option, const std::string& text, T lo, T hi) {
    T v{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi)
        throw usage_error(option + ": '" + text + "' is not a number in " + std::to_string(lo) + ".." + std::to_string(hi));
    return v;
}

struct dataset_choice {
    jdsim::dataset_params params;
    std::optional<fs::path> dataset_dir;
    bool comptes_given = false;

    // Returns true when the option was a dataset option.
    bool take(const std::string& opt, arguments& a) {
        if (opt == "--seed") {
            params.seed = number<std::uint64_t>(opt, a.value(opt), 0, UINT64_MAX);
        } else if (opt == "--dossiers") {
            params.dossiers = number<int>(opt, a.value(opt), 0, 200000);
        } else if (opt == "--days") {
            params.days = number<int>(opt, a.value(opt), 0, 3660);
        } else if (opt == "--end-date") {
            const std::string v = a.value(opt);
            const auto d = jdsim::date::parse_iso(v);
            if (!d) throw usage_error("--end-date: '" + v + "' is not AAAA-MM-JJ");
            params.end_date = *d;
        } else if (opt == "--compte") {
            if (!comptes_given) params.comptes.clear();
            comptes_given = true;
            try {
                params.comptes.push_back(jdsim::parse_compte_spec(a.value(opt)));
            } catch (const std::invalid_argument& e) {
                throw usage_error(std::string("--compte: ") + e.what());
            }
        } else if (opt == "--dataset") {
            dataset_dir = a.value(opt);
        } else {
            return false;
        }
        return true;
    }

    jdsim::dataset_params resolve() const {
        if (!dataset_dir) return params;
        return jdsim::dataset::read_description(*dataset_dir / "dataset.json");
    }
};

fs::path default_tls_dir() { return fs::temp_directory_path() / ("jedeclare-sim-tls-" + std::to_string(::getuid())); }

std::string compte_file_name(const std::string& login) {
    std::string s;
    for (char c : login) s += (c == '/' || c == '\\') ? '_' : c;
    return s;
}

int run_generate(arguments& a) {
    dataset_choice choice;
    std::optional<fs::path> out;
    bool write_pieces = false, measure = false;
    while (!a.done()) {
        const std::string opt = a.next();
        if (choice.take(opt, a)) continue;
        if (opt == "--out")
            out = a.value(opt);
        else if (opt == "--write-pieces")
            write_pieces = true;
        else if (opt == "--measure")
            measure = true;
        else
            throw usage_error("generate: unknown option " + opt);
    }
    if (!out) throw usage_error("generate: --out DIR is required");
    const auto t0 = std::chrono::steady_clock::now();
    const jdsim::dataset ds(choice.resolve());
    const jdsim::host_plan host = jdsim::plan_host(ds.params().seed, ds.firm_model());
    const auto truth = jdsim::build_truth(ds, host);
    const auto t1 = std::chrono::steady_clock::now();
    fs::create_directories(*out);
    jdsim::write_file_atomically(*out / "dataset.json", jdsim::pretty_json(ds.describe()));
    jdsim::write_file_atomically(*out / "host-seed.json", jdsim::pretty_json(host.to_json()));
    jdsim::write_file_atomically(*out / "truth.json", jdsim::pretty_json(truth));

    std::cout << "dataset: " << ds.firm_model().dossiers.size() << " dossiers, " << ds.firm_model().ribs.size() << " RIBs, "
              << ds.firm_model().groups.size() << " delivery groups, " << ds.days().size() << " days, "
              << ds.pieces().size() << " pieces, " << truth.at("movements_total").as_int64() << " movements\n"
              << "host seed: " << host.companies.size() << " companies\n"
              << "plan and truth: " << std::chrono::duration<double>(t1 - t0).count() << " s\n";

    if (write_pieces) {
        std::string buf;
        std::uint64_t bytes = 0;
        for (const auto& p : ds.pieces()) {
            const fs::path dir = *out / "pieces" / compte_file_name(ds.firm_model().comptes[p.compte].login);
            fs::create_directories(dir);
            buf.clear();
            ds.write_piece(p, buf);
            bytes += buf.size();
            std::FILE* f = std::fopen((dir / (std::to_string(p.numero) + ".cfonb")).c_str(), "wb");
            if (!f) throw std::runtime_error("cannot write pieces under " + dir.string());
            std::fwrite(buf.data(), 1, buf.size(), f);
            std::fclose(f);
        }
        std::cout << "pieces written: " << ds.pieces().size() << " files, " << bytes << " bytes under " << (*out / "pieces").string() << "\n";
    }
    if (measure) {
        std::string buf;
        buf.reserve(1 << 20);
        std::uint64_t bytes = 0;
        // CPU time of this thread: the figure stays meaningful on a busy machine.
        const auto cpu_now = [] {
            timespec ts{};
            ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
            return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
        };
        const auto m0 = std::chrono::steady_clock::now();
        const double c0 = cpu_now();
        for (const auto& p : ds.pieces()) {
            buf.clear();
            ds.write_piece(p, buf);
            bytes += buf.size();
        }
        const double s = cpu_now() - c0;
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - m0).count();
        const auto movements = static_cast<double>(truth.at("movements_total").as_int64());
        const auto n = static_cast<double>(ds.pieces().size());
        std::printf("measure: %zu pieces, %.1f MB in %.3f s of CPU (%.3f s wall, one thread): %.0f pieces/s, "
                    "%.1f MB/s, %.2f M movements/s (distinct movements; overlaps add more), %.1f us per piece\n",
                    ds.pieces().size(), static_cast<double>(bytes) / 1e6, s, wall, n / s,
                    static_cast<double>(bytes) / 1e6 / s, movements / s / 1e6, s / n * 1e6);
        // What a download asked as application/gzip adds: deflate (level 1) and base64.
        std::uint64_t packed_bytes = 0;
        const double g0 = cpu_now();
        for (const auto& p : ds.pieces()) {
            buf.clear();
            ds.write_piece(p, buf);
            const std::string packed = jdsim::gzip_compress(buf, 1);
            std::string text;
            jdsim::base64_append(text, packed);
            packed_bytes += packed.size();
        }
        const double g = cpu_now() - g0;
        std::printf("measure: generate + gzip -1 + base64: %.3f s of CPU, %.1f us per piece, gzip ratio %.1f\n", g,
                    g / n * 1e6, static_cast<double>(bytes) / static_cast<double>(packed_bytes ? packed_bytes : 1));
    }
    return 0;
}

int run_piece(arguments& a) {
    dataset_choice choice;
    std::optional<std::uint64_t> numero;
    std::optional<std::string> login;
    while (!a.done()) {
        const std::string opt = a.next();
        if (choice.take(opt, a)) continue;
        if (opt == "--compte-login" || opt == "--login")
            login = a.value(opt);
        else if (!opt.empty() && opt[0] != '-' && !numero)
            numero = number<std::uint64_t>("NUMERO", opt, 1, UINT64_MAX);
        else
            throw usage_error("piece: unknown option " + opt);
    }
    if (!numero) throw usage_error("piece: NUMERO is required");
    const jdsim::dataset ds(choice.resolve());
    for (const auto& p : ds.pieces()) {
        if (p.numero != *numero) continue;
        if (login && ds.firm_model().comptes[p.compte].login != *login) continue;
        std::string buf;
        ds.write_piece(p, buf);
        std::fwrite(buf.data(), 1, buf.size(), stdout);
        std::fprintf(stderr, "piece %llu: %s, compte %s, %s, published %s, %zu bytes\n",
                     static_cast<unsigned long long>(p.numero), std::string(to_string(p.kind)).c_str(),
                     ds.firm_model().comptes[p.compte].login.c_str(), std::string(to_string(p.ending)).c_str(),
                     p.published.iso().c_str(), buf.size());
        return 0;
    }
    std::fprintf(stderr, "piece %llu does not exist\n", static_cast<unsigned long long>(*numero));
    return 1;
}

int run_serve(arguments& a) {
    dataset_choice choice;
    jdsim::app_options app_opts;
    jdsim::server_options srv_opts;
    unsigned short port = 0;
    std::string bind = "127.0.0.1";
    std::optional<fs::path> ready_file;
    fs::path tls_dir = default_tls_dir();
    int threads = 2;
    std::optional<std::uint64_t> fault_seed;
    while (!a.done()) {
        const std::string opt = a.next();
        if (choice.take(opt, a)) continue;
        if (opt == "--port") {
            port = number<unsigned short>(opt, a.value(opt), 0, 65535);
        } else if (opt == "--bind") {
            bind = a.value(opt);
        } else if (opt == "--ready-file") {
            ready_file = fs::absolute(a.value(opt));
        } else if (opt == "--tls-dir") {
            tls_dir = a.value(opt);
        } else if (opt == "--pieces-dir") {
            app_opts.pieces_dir = a.value(opt);
            if (!fs::is_directory(*app_opts.pieces_dir)) throw usage_error("--pieces-dir: " + app_opts.pieces_dir->string() + " is not a directory");
        } else if (opt == "--gestion-shape") {
            const std::string v = a.value(opt);
            if (v == "idocus")
                app_opts.shape = jdsim::dossier_list_shape::idocus;
            else if (v == "crm")
                app_opts.shape = jdsim::dossier_list_shape::crm;
            else
                throw usage_error("--gestion-shape: idocus or crm");
        } else if (opt == "--marking") {
            const std::string v = a.value(opt);
            if (v == "per-couple")
                app_opts.marking = jdsim::marking_mode::per_couple;
            else if (v == "shared")
                app_opts.marking = jdsim::marking_mode::shared;
            else
                throw usage_error("--marking: per-couple or shared");
        } else if (opt == "--unmarked") {
            const std::string v = a.value(opt);
            const auto slash = v.find('/');
            if (slash == std::string::npos) throw usage_error("--unmarked: EDITEUR/LOGICIEL");
            app_opts.unmarked_couples.insert(jdsim::piece_store::couple_key(v.substr(0, slash), v.substr(slash + 1)));
        } else if (opt == "--gzip-level") {
            app_opts.gzip_level = number<int>(opt, a.value(opt), 0, 9);
        } else if (opt == "--threads") {
            threads = number<int>(opt, a.value(opt), 1, 64);
        } else if (opt == "--idle-timeout") {
            srv_opts.idle_timeout = std::chrono::seconds(number<int>(opt, a.value(opt), 1, 86400));
        } else if (opt == "--hang-limit") {
            srv_opts.hang_limit = std::chrono::seconds(number<int>(opt, a.value(opt), 1, 86400));
        } else if (opt == "--fault") {
            try {
                app_opts.faults.push_back(jdsim::parse_fault_spec(a.value(opt)));
            } catch (const std::invalid_argument& e) {
                throw usage_error(std::string("--fault: ") + e.what());
            }
        } else if (opt == "--fault-seed") {
            fault_seed = number<std::uint64_t>(opt, a.value(opt), 0, UINT64_MAX);
        } else if (opt == "--log-requests") {
            srv_opts.log_requests = true;
        } else {
            throw usage_error("serve: unknown option " + opt);
        }
    }
    const boost::asio::ip::address address = [&] {
        try {
            return jdsim::loopback_address(bind);
        } catch (const std::invalid_argument& e) {
            throw usage_error(e.what());
        }
    }();

    const jdsim::dataset ds(choice.resolve());
    app_opts.fault_seed = fault_seed.value_or(ds.params().seed);
    jdsim::simulator_app app(ds, app_opts);
    const jdsim::tls_material tls_files = jdsim::ensure_tls_material(tls_dir);
    boost::asio::ssl::context tls(boost::asio::ssl::context::tls_server);
    jdsim::configure_tls(tls, tls_files);

    boost::asio::io_context ioc(threads);
    jdsim::http_server server(ioc, tls, address, port, app, srv_opts);
    server.start();
    const unsigned short bound = server.port();

    const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    const std::string base = "https://" + host + ":" + std::to_string(bound);
    boost::json::object ready;
    ready["port"] = bound;
    ready["base_url"] = base;
    ready["ca_file"] = tls_files.ca_cert.string();
    ready["soap_url"] = base + std::string(jdsim::soap_path);
    ready["gestion_url"] = base + std::string(jdsim::gestion_prefix);
    ready["control_url"] = base + std::string(jdsim::control_prefix);
    ready["pid"] = ::getpid();
    boost::json::array comptes;
    const auto& cc = ds.firm_model().comptes;
    for (std::uint32_t c = 0; c < cc.size(); ++c) {
        boost::json::object j;
        j["login"] = cc[c].login;
        j["password"] = cc[c].password;
        if (cc[c].gestion_id)
            j["gestion_account_id"] = *cc[c].gestion_id;
        else
            j["gestion_account_id"] = nullptr;
        j["releve"] = cc[c].subscribes("RELEVE");
        j["pieces"] = app.store().count(c);
        comptes.push_back(std::move(j));
    }
    ready["comptes"] = std::move(comptes);
    ready["dataset"] = ds.describe();
    if (ready_file) jdsim::write_file_atomically(*ready_file, jdsim::pretty_json(ready));

    std::fprintf(stderr, "jedeclare-sim: listening on %s (%zu dossiers, %zu RIBs, %zu pieces, %d thread(s), CA %s)\n",
                 base.c_str(), ds.firm_model().dossiers.size(), ds.firm_model().ribs.size(), ds.pieces().size(), threads,
                 tls_files.ca_cert.c_str());

    boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) {
        server.stop();
        ioc.stop();
    });
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : pool) t.join();
    if (ready_file) {
        std::error_code ignored;
        fs::remove(*ready_file, ignored);
    }
    std::fprintf(stderr, "jedeclare-sim: stopped\n");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fputs(help_text, stderr);
        return 2;
    }
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::fputs(help_text, stdout);
        return 0;
    }
    try {
        arguments a(argc, argv, 2);
        if (command == "serve") return run_serve(a);
        if (command == "generate") return run_generate(a);
        if (command == "piece") return run_piece(a);
        throw usage_error("unknown command '" + command + "' (serve, generate, piece, --help)");
    } catch (const usage_error& e) {
        std::fprintf(stderr, "jedeclare-sim: %s\n(see jedeclare-sim --help)\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "jedeclare-sim: %s\n", e.what());
        return 1;
    }
}
