#pragma once
// Deterministic randomness: every generated value derives from the dataset seed and the
// coordinates of what is generated (rib, day, piece...), so any piece can be rebuilt alone.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace jdsim {

// SplitMix64 finaliser: a cheap, well-mixed 64-bit permutation.
constexpr std::uint64_t mix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Hash of a seed and any number of integer coordinates.
template <typename... Parts>
constexpr std::uint64_t hash_of(std::uint64_t seed, Parts... parts) {
    std::uint64_t h = mix64(seed);
    ((h = mix64(h ^ static_cast<std::uint64_t>(parts))), ...);
    return h;
}

// Distinct streams so that two uses of the same coordinates never share randomness.
enum class stream : std::uint64_t {
    firm = 1,
    names,
    siren,
    dossier,
    rib,
    grouping,
    compte_assignment,
    pieces,
    statement,
    balance,
    quiet_day,
    host,
    faults,
    layout,
};

class rng {
  public:
    explicit rng(std::uint64_t state) : state_(state) {}

    std::uint64_t next() {
        state_ += 0x9e3779b97f4a7c15ULL;
        std::uint64_t z = state_;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    // Uniform in [0, n); the modulo bias is negligible for the small n used here.
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }

    // Uniform in [lo, hi], inclusive.
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }

    int between_int(int lo, int hi) { return static_cast<int>(between(lo, hi)); }

    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    bool chance(double p) { return unit() < p; }

    template <typename T>
    const T& pick(std::span<const T> items) {
        return items[static_cast<std::size_t>(below(items.size()))];
    }

    template <typename T>
    const T& pick(const std::vector<T>& items) {
        return items[static_cast<std::size_t>(below(items.size()))];
    }

  private:
    std::uint64_t state_;
};

inline rng rng_for(std::uint64_t seed, stream s, std::uint64_t a = 0, std::uint64_t b = 0, std::uint64_t c = 0) {
    return rng(hash_of(seed, static_cast<std::uint64_t>(s), a, b, c));
}

}  // namespace jdsim
