#pragma once
// Which pieces each compte de flux offers, in what order, and what each one contains — without the bytes.
#include "jdsim/calendar.hpp"
#include "jdsim/firm.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace jdsim {

enum class piece_kind : std::uint8_t {
    daily,               // the day's statements of every account of a delivery group
    daily_with_overlap,  // the same, preceded per account by the previous day's statement again
    redelivery,          // an earlier day's statements of the group, delivered again as a new piece
    partial_redelivery,  // an earlier day's statement of one account of the group, delivered again
    empty,               // a piece with no content at all
};
std::string_view to_string(piece_kind k);

enum class line_ending : std::uint8_t { crlf, lf, none };
std::string_view to_string(line_ending e);

struct planned_piece {
    std::uint64_t numero = 0;
    std::uint32_t compte = 0;
    std::uint32_t group = 0;
    std::int32_t day = 0;  // statement day index (the latest day it holds)
    date published;        // when JeDéclare made it available (the next business day)
    piece_kind kind = piece_kind::daily;
    line_ending ending = line_ending::crlf;
    bool final_separator = true;  // the last record is followed by the line ending
    std::uint32_t rib = 0;        // the account of a partial redelivery
};

// Sorted by compte, then numero; numbers of a compte are consecutive from its first_numero.
std::vector<planned_piece> plan_pieces(std::uint64_t seed, const firm& f, const std::vector<date>& days);

}  // namespace jdsim
