#pragma once
// Stable movement identities for de-duplication.
//
// id = hex(SHA-256(canonical content))[0..32] + "-" + occurrence
//
// Canonical content, version 1 (all text UTF-8; "u8+text" is a length byte then the bytes, so that no two
// different contents serialise alike; every text fits in 255 bytes by construction):
//   prefix, padded with zero bytes to a multiple of 64: "jd-cfonb120-movement-v1" 0x00,
//          u16+rib_key (bank+branch+account), u16+currency (u16: two-byte big-endian length)
//   body:  booking date as 4 bytes (year high, year low, month, day),
//          amount_minor as a zigzag LEB128 varint, decimals as 1 byte,
//          u8+entry number (trimmed),
//          u8+label (trimmed, runs of blanks folded to one space),
//          2 bytes: the number of 05 records, then for each in file order:
//              a qualifier code byte (1 LIB … 19 FEE, 20 blank, 21 unknown followed by u8+the code as written,
//              22 legacy layout), u8+first part, u8+second part (trimmed, blanks folded; see complement).
// The prefix is hashed once per statement and reused as a SHA-256 midstate; the body is kept short so that
// a typical movement costs two SHA-256 blocks.
//
// occurrence = 1, 2, … counts movements with the same content in the same (account, booking date), in file
// order, so that genuine identical twins (two identical train tickets on one day) stay two movements.
//
// Why it is stable:
//  * Only decoded field content goes in: no line number, byte offset, record index or line terminator, so
//    the same records with LF, CRLF, no separators or a missing final newline give the same ids.
//  * Text is decoded before hashing, so the same text in CP1252 or UTF-8 gives the same id; label and
//    complements are trimmed and spaces folded, so padding differences do not matter.
//  * Statement balances, value dates and positions are left out, so a movement keeps its id when it is
//    delivered again in another file (a re-sent file, or two files whose periods overlap).
//  * The occurrence counter is per (account, booking date): two files that both contain a day's movements
//    number that day's twins alike. A file carrying only part of a day (twins split across files) is the one
//    case it cannot see; the importer then has to count against what it already stored.

#include "jd/statement/sha256.hpp"
#include "jd/statement/statement.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jd::statement {

inline constexpr std::size_t identity_hex_chars = 32;

class identity_hasher {
public:
    explicit identity_hasher(sha256_engine engine = sha256_default_engine());

    /// Prepares the per-account prefix (call once per statement).
    void start_account(std::string_view rib_key, std::string_view currency);
    /// The digest of a movement's canonical content (its complements given separately while building).
    [[nodiscard]] sha256_digest digest(const movement& m, std::span<const complement> complements);
    /// The digests of several movements at once, faster, when all their texts live in a text_arena (as the
    /// parser's do: texts are then copied in 16-byte steps that may read into the arena's tail slack) and
    /// their complements are the slices [first_complement, +complement_count) of `all`. Two movements are
    /// hashed in lockstep. out receives movements.size() digests.
    void digests_of_arena_texts(std::span<const movement> movements, std::span<const complement> all,
                                sha256_digest* out);
    /// The canonical content after the prefix (for tests and troubleshooting).
    [[nodiscard]] std::string canonical_body(const movement& m, std::span<const complement> complements);

private:
    template <bool texts_have_slack>
    std::size_t serialise(std::vector<char>& body, const movement& m, std::span<const complement> complements);

    sha256 prefix_state_;
    std::vector<char> body_;
    std::vector<char> second_body_;
    sha256_engine engine_;
};

/// "<32 hex>-<occurrence>" written into out (at least 32 + 1 + 10 chars); returns the length.
std::size_t format_identity(const sha256_digest& digest, std::uint32_t occurrence, char* out) noexcept;
[[nodiscard]] std::string format_identity(const sha256_digest& digest, std::uint32_t occurrence);

/// Writes text with both ends trimmed and each run of blanks (space, tab, NUL) folded to one space; returns
/// the bytes written (never more than text.size()).
std::size_t fold_blanks(std::string_view text, char* out) noexcept;
[[nodiscard]] std::string fold_blanks(std::string_view text);

} // namespace jd::statement
