#pragma once
// Raw pieces: the files downloaded from JeDéclare, stored durably (committed) before anything else is done
// with them. A piece that fails to parse is kept, with the error, and can be parsed again later.

#include "store/time.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jd::store {

class database;

enum class parse_state { pending, parsed, failed };

[[nodiscard]] std::string_view to_string(parse_state state) noexcept;

struct piece_info {
    std::string numero;     // JeDéclare's piece number, unique per instance
    std::string type_piece; // e.g. "03"; "" when unknown
    std::string sha256;     // lower-case hex of the bytes, computed by the store
    std::int64_t size_bytes = 0;
    epoch_ms downloaded_at = 0;
    parse_state state = parse_state::pending;
    std::string parse_error; // last failure, "" otherwise
    std::optional<epoch_ms> parsed_at; // last parse attempt that ended (parsed or failed)
    std::int64_t attempts = 0;         // parse attempts recorded so far
};

struct piece {
    piece_info info;
    std::string content; // the bytes as downloaded (binary-safe)
};

enum class put_outcome {
    stored,          // new piece, committed
    already_stored,  // same numero and same bytes: nothing done
    content_differs, // same numero, different bytes: the first bytes are kept, nothing done
};

[[nodiscard]] std::string_view to_string(put_outcome outcome) noexcept;

class piece_repository {
public:
    piece_repository(database& db, std::string instance_id);
    ~piece_repository();
    piece_repository(const piece_repository&) = delete;
    piece_repository& operator=(const piece_repository&) = delete;

    // Stores the bytes as parse_state pending. Commits before returning unless called inside an outer
    // transaction (then the outer commit makes it durable).
    put_outcome put(const std::string& numero, const std::string& type_piece, std::string_view content,
                    epoch_ms downloaded_at);

    [[nodiscard]] std::optional<piece> get(const std::string& numero);
    [[nodiscard]] std::optional<piece_info> info(const std::string& numero);
    [[nodiscard]] bool contains(const std::string& numero);

    // Every numero stored for the instance (to skip what is already downloaded), in no particular order.
    [[nodiscard]] std::vector<std::string> known_numeros();

    // Pieces in a state, oldest download first (pending/failed: what a run should (re)parse).
    [[nodiscard]] std::vector<piece_info> list(parse_state state, std::size_t limit = 1000);

    // Record the end of a parse attempt (attempts + 1). store_error not_found for an unknown numero.
    // mark_failed repairs invalid UTF-8 in `error` (U+FFFD) rather than losing it.
    void mark_parsed(const std::string& numero, epoch_ms at);
    void mark_failed(const std::string& numero, const std::string& error, epoch_ms at);

    // Put a piece back to pending (reprocess after a fix); keeps attempts and the last error.
    void mark_pending(const std::string& numero);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace jd::store
