#include "sync/piece_importer.hpp"

#include "sync/movement_conversion.hpp"

#include "jd/statement/parser.hpp"
#include "jedeclare/piece_decoding.hpp"
#include "jedeclare/wire_error.hpp"
#include "store/error.hpp"
#include "store/transaction.hpp"

#include <chrono>
#include <memory>

namespace jd::sync {

namespace {

// Decompressed size a stored piece may reach (the client's own limit for one piece).
constexpr std::size_t max_decoded_bytes = 256u * 1024u * 1024u;

bool is_blank(std::string_view bytes) noexcept {
    for (const char c : bytes)
        if (c != ' ' && c != '\r' && c != '\n' && c != '\t' && c != '\x1a' && c != '\0') return false;
    return true;
}

std::string iso_or_empty(const statement::calendar_date& date) { return date.valid() ? date.iso() : std::string(); }

// What one piece gave, before its transaction commits.
struct piece_reading {
    std::vector<store::piece_diagnostic> diagnostics;
    std::string failure; // "" when the piece is readable
    std::int64_t rejected = 0;
    std::int64_t balance_warnings = 0;
    std::int64_t movements = 0;
    std::size_t max_diagnostics = 50;

    void keep(store::piece_diagnostic diagnostic) {
        if (diagnostics.size() < max_diagnostics) diagnostics.push_back(std::move(diagnostic));
    }
};

} // namespace

void piece_importer::totals::add(const totals& other) {
    pieces_parsed += other.pieces_parsed;
    pieces_failed += other.pieces_failed;
    movements_parsed += other.movements_parsed;
    inserted += other.inserted;
    duplicates += other.duplicates;
    quarantined += other.quarantined;
    rejected += other.rejected;
    balance_warnings += other.balance_warnings;
    failed_numeros.insert(failed_numeros.end(), other.failed_numeros.begin(), other.failed_numeros.end());
}

piece_importer::piece_importer(run_context& run) : run_(run) {}

void piece_importer::commit_counts(const totals& counts) {
    auto& report = run_.report;
    report.pieces.parsed += counts.pieces_parsed;
    report.pieces.parse_failed += counts.pieces_failed;
    report.movements.parsed += counts.movements_parsed;
    report.movements.inserted += counts.inserted;
    report.movements.duplicates += counts.duplicates;
    report.movements.quarantined += counts.quarantined;
    report.movements.rejected += counts.rejected;
    report.balance_warnings += counts.balance_warnings;
    if (counts.pieces_failed > 0) report.count_error("piece_illisible", counts.pieces_failed);
    if (counts.rejected > 0) report.count_error("movement_rejected", counts.rejected);
    failed_.insert(failed_.end(), counts.failed_numeros.begin(), counts.failed_numeros.end());
}

void piece_importer::import_all() {
    const auto started = std::chrono::steady_clock::now();
    auto& pieces = run_.store.pieces();
    // Both lists are read before anything is parsed, so a piece failing now is not retried in this run.
    auto pending = pieces.list(store::parse_state::pending, std::size_t{1} << 30);
    const auto failed_before = pieces.list(store::parse_state::failed, std::size_t{1} << 30);
    run_.progress.phase("parse", pending.size() + failed_before.size());
    pending.insert(pending.end(), failed_before.begin(), failed_before.end());
    import_list(pending);
    run_.progress.complete();
    run_.report.durations_ms["parse_insert"] += insert_us_ / 1000;
    run_.report.durations_ms["parse_commit"] += commit_us_ / 1000;
    run_.report.durations_ms["parse"] += std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::steady_clock::now() - started)
                                             .count();
}

void piece_importer::import_list(const std::vector<store::piece_info>& list) {
    auto& db = run_.store.db();
    std::vector<store::piece_info> group;
    totals staged;
    std::unique_ptr<store::transaction> tx;

    const auto close_group = [&] {
        if (!tx) return;
        flush(staged);
        run_.checkpoint("pieces_parsed_before_commit");
        const auto commit_started = std::chrono::steady_clock::now();
        tx->commit();
        commit_us_ += std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                            commit_started)
                          .count();
        tx.reset();
        commit_counts(staged);
        run_.progress.advance(group.size());
        run_.checkpoint("pieces_parsed");
        staged = {};
        group.clear();
        run_.lease.keep_alive();
    };
    const auto redo_one_by_one = [&] {
        tx.reset(); // rolls the group back
        batch_.clear();
        staged = {};
        const auto redo = std::move(group);
        group.clear();
        for (const auto& info : redo) import_isolated(info);
        run_.progress.advance(redo.size());
    };

    for (const auto& info : list) {
        run_.cancel.throw_if_requested();
        if (!tx) tx = std::make_unique<store::transaction>(db);
        group.push_back(info);
        try {
            import_piece(info, staged);
            if (staged.movements_parsed >= static_cast<std::int64_t>(run_.options.movements_per_transaction) ||
                group.size() >= run_.options.pieces_per_transaction)
                close_group();
        } catch (const store::store_error& error) {
            run_.log(HS_LOG_WARNING, "parse_group_failed",
                     {{"pieces", group.size()}, {"code", store::to_string(error.code())}, {"detail", error.what()}});
            redo_one_by_one();
        }
    }
    try {
        close_group();
    } catch (const store::store_error& error) {
        run_.log(HS_LOG_WARNING, "parse_group_failed",
                 {{"pieces", group.size()}, {"code", store::to_string(error.code())}, {"detail", error.what()}});
        redo_one_by_one();
    }
}

void piece_importer::import_isolated(const store::piece_info& info) {
    run_.cancel.throw_if_requested();
    auto& db = run_.store.db();
    totals counts;
    try {
        store::transaction tx(db);
        import_piece(info, counts);
        flush(counts);
        tx.commit();
        commit_counts(counts);
        return;
    } catch (const store::store_error& error) {
        batch_.clear();
        // Only a refusal of the data is this piece's fault; a database that fails fails the run.
        if (error.code() != store::error_code::invalid_argument && error.code() != store::error_code::conflict)
            throw;
        const std::string message = std::string("stockage refusé / store refused: ") + error.what();
        store::transaction tx(db);
        run_.store.pieces().mark_failed(info.numero, message, run_.now());
        tx.commit();
        totals failure;
        failure.pieces_failed = 1;
        failure.failed_numeros.push_back(info.numero);
        commit_counts(failure);
        run_.log(HS_LOG_ERROR, "piece_store_refused", {{"numero", info.numero}, {"detail", error.what()}});
    }
}

void piece_importer::flush(totals& counts) {
    if (batch_.empty()) return;
    const auto started = std::chrono::steady_clock::now();
    const auto outcome = run_.store.movements().insert_batch(batch_, run_.now());
    insert_us_ += std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
                      .count();
    counts.inserted += outcome.inserted;
    counts.duplicates += outcome.duplicates;
    counts.quarantined += outcome.quarantined;
    batch_.clear();
}

void piece_importer::import_piece(const store::piece_info& info, totals& counts) {
    auto& pieces = run_.store.pieces();
    const auto piece = pieces.get(info.numero);
    if (!piece) return; // gone meanwhile: nothing to read
    const auto lang = statement::language_of(run_.locale);

    piece_reading reading;
    reading.max_diagnostics = run_.options.max_diagnostics_per_piece;

    jedeclare::decoded_content decoded;
    try {
        decoded = jedeclare::decode_piece_content(piece->content, info.numero, max_decoded_bytes);
    } catch (const jedeclare::wire_error& error) {
        reading.failure = (lang == statement::language::en ? "unreadable compressed content: "
                                                            : "contenu compressé illisible : ") +
                          error.detail();
    }

    store::movement converted;
    for (const auto& file : decoded.files) {
        if (!reading.failure.empty()) break;
        if (is_blank(file.bytes)) continue; // JeDéclare hands over empty pieces: nothing to read, nothing wrong
        const std::string file_label = decoded.files.size() > 1 ? file.name + " : " : std::string();

        const auto on_statement = [&](statement::bank_statement& s) {
            if (s.opening && s.closing && !s.balanced) {
                ++reading.balance_warnings;
                store::piece_diagnostic d;
                d.numero = info.numero;
                d.severity = store::diagnostic_severity::warning;
                d.code = "balance_mismatch";
                d.rib_key = s.rib_key;
                d.statement_date = iso_or_empty(s.closing->date);
                d.expected_minor = s.closing->amount_minor;
                d.found_minor = s.closing->amount_minor - s.difference_minor;
                d.message = file_label + (lang == statement::language::en
                                              ? "opening balance + movements differ from the closing balance by "
                                              : "solde initial + mouvements diffère du solde final de ") +
                            statement::format_amount(s.difference_minor, s.decimals, lang);
                reading.keep(std::move(d));
            }
            if (s.chain == statement::chain_status::broken) {
                ++reading.balance_warnings;
                store::piece_diagnostic d;
                d.numero = info.numero;
                d.severity = store::diagnostic_severity::warning;
                d.code = "chain_break";
                d.rib_key = s.rib_key;
                d.statement_date = s.opening ? iso_or_empty(s.opening->date) : std::string();
                d.expected_minor = s.previous_closing_minor;
                if (s.opening) d.found_minor = s.opening->amount_minor;
                d.message = file_label + (lang == statement::language::en
                                              ? "opening balance differs from the previous closing balance"
                                              : "le solde initial diffère du solde final précédent");
                reading.keep(std::move(d));
            }
            for (const auto& m : s.movements) {
                ++reading.movements;
                auto problem = convert_movement(s, m, info.numero, converted);
                if (!problem.empty()) {
                    ++reading.rejected;
                    store::piece_diagnostic d;
                    d.numero = info.numero;
                    d.severity = store::diagnostic_severity::error;
                    d.code = "movement_rejected";
                    d.rib_key = s.rib_key.size() == 21 ? s.rib_key : std::string();
                    d.message = file_label + (lang == statement::language::en ? "line " : "ligne ") +
                                std::to_string(m.line) + " : " + problem;
                    reading.keep(std::move(d));
                    continue;
                }
                batch_.push_back(std::move(converted));
                converted = store::movement();
                if (batch_.size() >= run_.options.movements_per_insert) flush(counts);
            }
        };
        std::string fatal;
        const auto on_diagnostic = [&](const statement::diagnostic& d) {
            if (d.level == statement::severity::fatal && fatal.empty()) fatal = statement::describe(d, run_.locale);
            if (d.level < statement::severity::error) return;
            if (d.code == statement::diagnostic_code::unbalanced_statement ||
                d.code == statement::diagnostic_code::chain_break)
                return; // reported from the statement, with its account
            store::piece_diagnostic out;
            out.numero = info.numero;
            out.severity = store::diagnostic_severity::error;
            out.code = std::string(statement::code_name(d.code));
            out.message = file_label + statement::describe(d, run_.locale);
            reading.keep(std::move(out));
        };

        statement::parse_options options;
        options.mode = statement::parse_mode::lenient;
        statement::parser parser(options, on_statement, on_diagnostic);
        parser.feed(file.bytes);
        parser.finish();
        if (!parser.summary().accepted) {
            if (parser.summary().format == statement::file_format::empty) continue;
            reading.failure = file_label + (fatal.empty() ? std::string("fichier refusé / file rejected") : fatal);
        }
    }

    if (reading.failure.empty() && reading.rejected > 0) {
        reading.failure = (lang == statement::language::en ? std::to_string(reading.rejected) +
                                                                 " movement(s) could not be used (see the diagnostics)"
                                                           : std::to_string(reading.rejected) +
                                                                 " mouvement(s) inutilisable(s) (voir les diagnostics)");
    }

    const auto now = run_.now();
    if (!reading.failure.empty()) {
        store::piece_diagnostic d;
        d.numero = info.numero;
        d.severity = store::diagnostic_severity::error;
        d.code = "piece_unreadable";
        d.message = reading.failure;
        if (reading.diagnostics.size() >= reading.max_diagnostics && !reading.diagnostics.empty())
            reading.diagnostics.back() = std::move(d);
        else
            reading.diagnostics.push_back(std::move(d));
    }
    run_.store.diagnostics().replace_for_piece(info.numero, reading.diagnostics, now);
    if (reading.failure.empty()) {
        pieces.mark_parsed(info.numero, now);
        ++counts.pieces_parsed;
    } else {
        pieces.mark_failed(info.numero, reading.failure, now);
        ++counts.pieces_failed;
        counts.failed_numeros.push_back(info.numero);
        run_.log(HS_LOG_WARNING, "piece_unreadable", {{"numero", info.numero}, {"reason", reading.failure}});
    }
    counts.movements_parsed += reading.movements;
    counts.rejected += reading.rejected;
    counts.balance_warnings += reading.balance_warnings;
}

} // namespace jd::sync
