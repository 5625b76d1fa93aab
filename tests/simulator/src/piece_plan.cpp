#include "jdsim/piece_plan.hpp"

#include "jdsim/rng.hpp"

#include <algorithm>
#include <cmath>

namespace jdsim {

std::string_view to_string(piece_kind k) {
    switch (k) {
        case piece_kind::daily: return "daily";
        case piece_kind::daily_with_overlap: return "daily_with_overlap";
        case piece_kind::redelivery: return "redelivery";
        case piece_kind::partial_redelivery: return "partial_redelivery";
        case piece_kind::empty: return "empty";
    }
    return "unknown";
}

std::string_view to_string(line_ending e) {
    switch (e) {
        case line_ending::crlf: return "crlf";
        case line_ending::lf: return "lf";
        case line_ending::none: return "none";
    }
    return "unknown";
}

std::vector<planned_piece> plan_pieces(std::uint64_t seed, const firm& f, const std::vector<date>& days) {
    std::vector<planned_piece> all;
    const int day_count = static_cast<int>(days.size());
    if (day_count == 0) return all;

    for (std::uint32_t c = 0; c < f.comptes.size(); ++c) {
        if (!f.comptes[c].receives_statements()) continue;
        rng r = rng_for(seed, stream::pieces, c);
        std::vector<std::uint32_t> groups;
        for (std::uint32_t g = 0; g < f.groups.size(); ++g)
            if (f.groups[g].compte == c) groups.push_back(g);
        if (groups.empty()) continue;

        std::vector<planned_piece> list;
        for (std::uint32_t g : groups) {
            for (int d = 0; d < day_count; ++d) {
                planned_piece p;
                p.compte = c;
                p.group = g;
                p.day = d;
                p.published = days[static_cast<std::size_t>(d)].next_business_day();
                p.kind = d >= 1 && r.chance(0.05) ? piece_kind::daily_with_overlap : piece_kind::daily;
                list.push_back(p);
            }
        }
        const std::size_t daily_count = list.size();
        if (day_count >= 2 && std::none_of(list.begin(), list.end(), [](const planned_piece& p) { return p.kind == piece_kind::daily_with_overlap; })) {
            for (auto& p : list)
                if (p.day >= 1) {
                    p.kind = piece_kind::daily_with_overlap;
                    break;
                }
        }

        // Earlier statements delivered again as new pieces, the next day.
        if (day_count >= 2) {
            const auto count = std::max<std::size_t>(2, static_cast<std::size_t>(std::lround(0.012 * static_cast<double>(daily_count))));
            for (std::size_t k = 0; k < count; ++k) {
                planned_piece p;
                p.compte = c;
                p.group = groups[r.below(groups.size())];
                p.day = static_cast<std::int32_t>(r.below(static_cast<std::uint64_t>(day_count - 1)));
                p.published = days[static_cast<std::size_t>(p.day + 1)].next_business_day();
                p.kind = k % 2 == 0 ? piece_kind::redelivery : piece_kind::partial_redelivery;
                const auto& ribs = f.groups[p.group].ribs;
                p.rib = ribs[r.below(ribs.size())];
                list.push_back(p);
            }
        }
        // Empty pieces.
        const auto empties = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(0.005 * static_cast<double>(daily_count))));
        for (std::size_t k = 0; k < empties; ++k) {
            planned_piece p;
            p.compte = c;
            p.group = groups[r.below(groups.size())];
            p.day = static_cast<std::int32_t>(r.below(static_cast<std::uint64_t>(day_count)));
            p.published = days[static_cast<std::size_t>(p.day)].next_business_day();
            p.kind = piece_kind::empty;
            list.push_back(p);
        }

        // Layout of each piece: CRLF, LF or no separator at all; sometimes no final line ending.
        for (std::size_t i = 0; i < list.size(); ++i) {
            planned_piece& p = list[i];
            rng lr = rng_for(seed, stream::layout, c, i);
            const double x = lr.unit();
            p.ending = x < 0.45 ? line_ending::crlf : (x < 0.80 ? line_ending::lf : line_ending::none);
            p.final_separator = p.ending != line_ending::none && lr.chance(0.75);
        }

        // Pieces of one day come in no particular order; numbers grow with time.
        std::vector<std::pair<std::uint64_t, std::size_t>> keys;
        keys.reserve(list.size());
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto& p = list[i];
            const std::uint64_t h = hash_of(seed, static_cast<std::uint64_t>(stream::pieces), c, i) >> 24;
            keys.emplace_back((static_cast<std::uint64_t>(p.published.days()) << 40) | h, i);
        }
        std::sort(keys.begin(), keys.end());
        for (std::size_t k = 0; k < keys.size(); ++k) {
            planned_piece p = list[keys[k].second];
            p.numero = f.comptes[c].first_numero + k;
            all.push_back(p);
        }
    }
    return all;
}

}  // namespace jdsim
