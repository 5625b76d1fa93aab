#include "sync/run_report.hpp"

#include <boost/json.hpp>

namespace jd::sync {

namespace json = boost::json;

std::string_view to_string(run_outcome outcome) noexcept {
    switch (outcome) {
    case run_outcome::completed: return "completed";
    case run_outcome::failed: return "failed";
    case run_outcome::cancelled: return "cancelled";
    case run_outcome::already_running: return "already_running";
    }
    return "completed";
}

std::string report_state_code(const run_report& report) {
    if (report.outcome == run_outcome::already_running) return "deja_en_cours";
    return std::string(store::to_string(report.state));
}

json::object to_json(const run_report& report) {
    json::object pieces;
    pieces["listed"] = report.pieces.listed;
    pieces["downloaded"] = report.pieces.downloaded;
    pieces["recovered"] = report.pieces.recovered;
    pieces["parse_failed"] = report.pieces.parse_failed;
    pieces["parsed"] = report.pieces.parsed;
    pieces["already_stored"] = report.pieces.already_stored;
    pieces["download_failed"] = report.pieces.download_failed;
    pieces["recovery_listed"] = report.pieces.recovery_listed;

    json::object movements;
    movements["parsed"] = report.movements.parsed;
    movements["delivered"] = report.movements.delivered;
    movements["duplicates"] = report.movements.duplicates;
    movements["quarantined"] = report.movements.quarantined;
    movements["released"] = report.movements.released;
    movements["inserted"] = report.movements.inserted;
    movements["rejected"] = report.movements.rejected;
    movements["host_already_stored"] = report.movements.host_already_stored;
    movements["pending_left"] = report.movements.pending_left;
    movements["quarantined_total"] = report.movements.quarantined_total;

    json::object errors;
    for (const auto& [type, count] : report.errors) errors[type] = count;

    json::object durations;
    for (const auto& [phase, ms] : report.durations_ms) durations[phase] = ms;

    json::object recovery;
    recovery["ran"] = report.recovery_ran;
    recovery["needed"] = report.recovery_needed;
    if (report.last_recovery_at) {
        recovery["last_at"] = store::to_iso8601_utc(*report.last_recovery_at);
        recovery["last_at_ms"] = *report.last_recovery_at;
    }

    json::object out;
    out["instance_id"] = report.instance_id;
    out["run_id"] = report.run_id;
    out["trigger"] = store::to_string(report.triggered_by);
    out["started_at"] = store::to_iso8601_utc(report.started_at);
    out["finished_at"] = store::to_iso8601_utc(report.finished_at);
    out["duration_ms"] = report.finished_at >= report.started_at ? report.finished_at - report.started_at : 0;
    out["pieces"] = std::move(pieces);
    out["movements"] = std::move(movements);
    out["balance_warnings"] = report.balance_warnings;
    out["errors"] = std::move(errors);
    out["state"] = report_state_code(report);
    out["outcome"] = to_string(report.outcome);
    out["message"] = report.message;
    out["durations_ms"] = std::move(durations);
    out["recovery"] = std::move(recovery);
    return out;
}

namespace {

std::int64_t integer_of(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr) return 0;
    if (value->is_int64()) return value->get_int64();
    if (value->is_uint64()) return static_cast<std::int64_t>(value->get_uint64());
    return 0;
}

const json::object& object_of(const json::object& object, std::string_view key) {
    static const json::object empty;
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_object() ? value->get_object() : empty;
}

bool bool_of(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_bool() && value->get_bool();
}

std::string text_of(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

} // namespace

run_report run_report_from_json(std::string_view text) {
    run_report report;
    boost::system::error_code ec;
    const auto value = json::parse(text, ec);
    if (ec || !value.is_object()) return report;
    const auto& root = value.get_object();
    report.instance_id = text_of(root, "instance_id");
    report.run_id = integer_of(root, "run_id");
    report.triggered_by = text_of(root, "trigger") == "manual" ? trigger::manual : trigger::scheduler;
    report.message = text_of(root, "message");
    const auto state = store::parse_health_state(text_of(root, "state"));
    if (state) report.state = *state;
    const auto outcome = text_of(root, "outcome");
    for (const auto candidate : {run_outcome::completed, run_outcome::failed, run_outcome::cancelled,
                                 run_outcome::already_running})
        if (outcome == to_string(candidate)) report.outcome = candidate;

    const auto& pieces = object_of(root, "pieces");
    report.pieces.listed = integer_of(pieces, "listed");
    report.pieces.downloaded = integer_of(pieces, "downloaded");
    report.pieces.recovered = integer_of(pieces, "recovered");
    report.pieces.parse_failed = integer_of(pieces, "parse_failed");
    report.pieces.parsed = integer_of(pieces, "parsed");
    report.pieces.already_stored = integer_of(pieces, "already_stored");
    report.pieces.download_failed = integer_of(pieces, "download_failed");
    report.pieces.recovery_listed = integer_of(pieces, "recovery_listed");

    const auto& movements = object_of(root, "movements");
    report.movements.parsed = integer_of(movements, "parsed");
    report.movements.delivered = integer_of(movements, "delivered");
    report.movements.duplicates = integer_of(movements, "duplicates");
    report.movements.quarantined = integer_of(movements, "quarantined");
    report.movements.released = integer_of(movements, "released");
    report.movements.inserted = integer_of(movements, "inserted");
    report.movements.rejected = integer_of(movements, "rejected");
    report.movements.host_already_stored = integer_of(movements, "host_already_stored");
    report.movements.pending_left = integer_of(movements, "pending_left");
    report.movements.quarantined_total = integer_of(movements, "quarantined_total");

    report.balance_warnings = integer_of(root, "balance_warnings");
    for (const auto& entry : object_of(root, "errors")) {
        if (entry.value().is_int64()) report.errors[std::string(entry.key())] = entry.value().get_int64();
    }
    for (const auto& entry : object_of(root, "durations_ms")) {
        if (entry.value().is_int64()) report.durations_ms[std::string(entry.key())] = entry.value().get_int64();
    }
    const auto& recovery = object_of(root, "recovery");
    report.recovery_ran = bool_of(recovery, "ran");
    report.recovery_needed = bool_of(recovery, "needed");
    if (recovery.if_contains("last_at_ms") != nullptr) report.last_recovery_at = integer_of(recovery, "last_at_ms");
    return report;
}

} // namespace jd::sync
