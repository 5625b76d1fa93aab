#pragma once
// Writes synthetic CFONB 120 statement files of a chosen shape, in chunks (never the whole file in memory):
// daily statements for several accounts, each balanced and chained to the account's previous day, movements
// with LIB/NPY (and sometimes RCN) complements, some text with CP1252 accents.

#include <cstdint>
#include <functional>
#include <string_view>

namespace jd::bench {

enum class line_ending : std::uint8_t { lf, crlf, none };

struct generator_options {
    std::uint64_t movements = 200'000;
    std::uint32_t accounts = 20;
    std::uint32_t statements = 1'814;
    std::uint64_t extra_complements = 323; ///< movements that get a third 05 (RCN)
    line_ending ending = line_ending::lf;
    std::uint64_t seed = 20240113;
    /// Start the days at this offset (days since 2020-01-01) to build overlapping files.
    std::uint32_t first_statement = 0;
};

struct generated_file {
    std::uint64_t bytes = 0;
    std::uint64_t records = 0;
    std::uint64_t statements = 0;
    std::uint64_t movements = 0;
    std::uint64_t complements = 0;
};

/// Calls `write` with successive chunks of the file (up to 1 MiB each).
generated_file generate_cfonb(const generator_options& options, const std::function<void(std::string_view)>& write);

} // namespace jd::bench
