#include "jd/statement/sha256.hpp"

#include <bit>
#include <cstring>

namespace jd::statement {
namespace {

constexpr std::array<std::uint32_t, 64> round_constants{
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

constexpr std::array<std::uint32_t, 8> initial_state{
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

constexpr std::uint32_t rotr(std::uint32_t x, int n) noexcept { return (x >> n) | (x << (32 - n)); }

std::uint32_t load_be32(const std::uint8_t* p) noexcept {
    return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16 |
           static_cast<std::uint32_t>(p[2]) << 8 | static_cast<std::uint32_t>(p[3]);
}

sha256_engine detect_engine() noexcept {
    return detail::cpu_has_sha_extensions() ? sha256_engine::x86_sha_extensions : sha256_engine::portable;
}

} // namespace

namespace {

// Appends SHA-256 padding for a message of `total` bytes whose last `size` bytes are at `data` (the bytes
// before them being whole blocks already hashed); returns the number of blocks to compress.
std::size_t pad_in_place(std::uint8_t* data, std::size_t size, std::uint64_t total) noexcept {
    std::size_t end = size;
    data[end++] = 0x80;
    const std::size_t blocks = (end + 8 + 63) / 64;
    std::memset(data + end, 0, blocks * 64 - 8 - end);
    const std::uint64_t bits = total * 8;
    for (int i = 0; i < 8; ++i) {
        data[blocks * 64 - 8 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(bits >> (56 - 8 * i));
    }
    return blocks;
}

sha256_digest digest_of(const std::array<std::uint32_t, 8>& state) noexcept {
    sha256_digest digest;
    for (std::size_t i = 0; i < 8; ++i) {
        const std::uint32_t big_endian =
            std::endian::native == std::endian::little ? __builtin_bswap32(state[i]) : state[i];
        std::memcpy(digest.data() + 4 * i, &big_endian, 4);
    }
    return digest;
}

} // namespace

namespace detail {

namespace {

// One round with the eight working variables renamed instead of moved: R(a..h, i) leaves the new `a` in h
// and the new `e` in d, so the next round is called with the names rotated by one.
#define JD_SHA256_ROUND(a, b, c, d, e, f, g, h, k, w)                                                            \
    do {                                                                                                        \
        const std::uint32_t t1 = (h) + (rotr((e), 6) ^ rotr((e), 11) ^ rotr((e), 25)) + (((e) & (f)) ^ (~(e) & (g))) + \
                                 (k) + (w);                                                                     \
        const std::uint32_t t2 = (rotr((a), 2) ^ rotr((a), 13) ^ rotr((a), 22)) + (((a) & (b)) ^ ((a) & (c)) ^ ((b) & (c))); \
        (d) += t1;                                                                                              \
        (h) = t1 + t2;                                                                                          \
    } while (false)

inline std::uint32_t schedule_word(std::uint32_t* w, int i) noexcept {
    // w is a ring of 16 words: w[i & 15] holds W[i - 16] and becomes W[i].
    const std::uint32_t w15 = w[(i - 15) & 15];
    const std::uint32_t w2 = w[(i - 2) & 15];
    const std::uint32_t s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3);
    const std::uint32_t s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10);
    w[i & 15] += s0 + w[(i - 7) & 15] + s1;
    return w[i & 15];
}

} // namespace

void sha256_compress_portable(std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) noexcept {
    const std::uint32_t* k = round_constants.data();
    for (std::size_t b = 0; b < count; ++b, blocks += 64) {
        std::uint32_t w[16];
        for (int i = 0; i < 16; ++i) {
            w[i] = load_be32(blocks + 4 * i);
        }
        std::uint32_t a = state[0], bb = state[1], c = state[2], d = state[3];
        std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int i = 0; i < 16; i += 8) {
            JD_SHA256_ROUND(a, bb, c, d, e, f, g, h, k[i], w[i]);
            JD_SHA256_ROUND(h, a, bb, c, d, e, f, g, k[i + 1], w[i + 1]);
            JD_SHA256_ROUND(g, h, a, bb, c, d, e, f, k[i + 2], w[i + 2]);
            JD_SHA256_ROUND(f, g, h, a, bb, c, d, e, k[i + 3], w[i + 3]);
            JD_SHA256_ROUND(e, f, g, h, a, bb, c, d, k[i + 4], w[i + 4]);
            JD_SHA256_ROUND(d, e, f, g, h, a, bb, c, k[i + 5], w[i + 5]);
            JD_SHA256_ROUND(c, d, e, f, g, h, a, bb, k[i + 6], w[i + 6]);
            JD_SHA256_ROUND(bb, c, d, e, f, g, h, a, k[i + 7], w[i + 7]);
        }
        for (int i = 16; i < 64; i += 8) {
            JD_SHA256_ROUND(a, bb, c, d, e, f, g, h, k[i], schedule_word(w, i));
            JD_SHA256_ROUND(h, a, bb, c, d, e, f, g, k[i + 1], schedule_word(w, i + 1));
            JD_SHA256_ROUND(g, h, a, bb, c, d, e, f, k[i + 2], schedule_word(w, i + 2));
            JD_SHA256_ROUND(f, g, h, a, bb, c, d, e, k[i + 3], schedule_word(w, i + 3));
            JD_SHA256_ROUND(e, f, g, h, a, bb, c, d, k[i + 4], schedule_word(w, i + 4));
            JD_SHA256_ROUND(d, e, f, g, h, a, bb, c, k[i + 5], schedule_word(w, i + 5));
            JD_SHA256_ROUND(c, d, e, f, g, h, a, bb, k[i + 6], schedule_word(w, i + 6));
            JD_SHA256_ROUND(bb, c, d, e, f, g, h, a, k[i + 7], schedule_word(w, i + 7));
        }
        state[0] += a;
        state[1] += bb;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}

#undef JD_SHA256_ROUND

const std::uint32_t* sha256_round_constants() noexcept { return round_constants.data(); }

} // namespace detail

sha256_engine sha256_default_engine() noexcept {
    static const sha256_engine engine = detect_engine();
    return engine;
}

sha256::sha256(sha256_engine engine) noexcept : state_(initial_state), engine_(engine) {
    // The processor is asked once (CPUID is slow, very slow under a hypervisor).
    if (engine_ == sha256_engine::x86_sha_extensions && sha256_default_engine() != sha256_engine::x86_sha_extensions) {
        engine_ = sha256_engine::portable;
    }
}

void sha256::reset() noexcept {
    state_ = initial_state;
    total_ = 0;
}

void sha256::compress(const std::uint8_t* blocks, std::size_t count) noexcept {
    if (engine_ == sha256_engine::x86_sha_extensions) {
        detail::sha256_compress_shani(state_.data(), blocks, count);
    } else {
        detail::sha256_compress_portable(state_.data(), blocks, count);
    }
}

void sha256::update(const void* data, std::size_t size) noexcept {
    const auto* p = static_cast<const std::uint8_t*>(data);
    std::size_t filled = static_cast<std::size_t>(total_ % 64);
    total_ += size;
    if (filled != 0) {
        const std::size_t take = size < 64 - filled ? size : 64 - filled;
        std::memcpy(buffer_.data() + filled, p, take);
        filled += take;
        p += take;
        size -= take;
        if (filled < 64) {
            return;
        }
        compress(buffer_.data(), 1);
    }
    if (size >= 64) {
        compress(p, size / 64);
        p += size / 64 * 64;
        size %= 64;
    }
    if (size != 0) {
        std::memcpy(buffer_.data(), p, size);
    }
}

sha256_digest sha256::finish() noexcept {
    const std::uint64_t bits = total_ * 8;
    std::size_t filled = static_cast<std::size_t>(total_ % 64);
    buffer_[filled++] = 0x80;
    if (filled > 56) {
        std::memset(buffer_.data() + filled, 0, 64 - filled);
        compress(buffer_.data(), 1);
        filled = 0;
    }
    std::memset(buffer_.data() + filled, 0, 56 - filled);
    for (int i = 0; i < 8; ++i) {
        buffer_[static_cast<std::size_t>(56 + i)] = static_cast<std::uint8_t>(bits >> (56 - 8 * i));
    }
    compress(buffer_.data(), 1);
    return digest_of(state_);
}

void sha256::finish_two(std::uint8_t* a, std::size_t a_size, std::uint8_t* b, std::size_t b_size, sha256_digest& out_a,
                        sha256_digest& out_b) const noexcept {
    const std::size_t a_blocks = pad_in_place(a, a_size, total_ + a_size);
    const std::size_t b_blocks = pad_in_place(b, b_size, total_ + b_size);
    std::array<std::uint32_t, 8> state_a = state_;
    std::array<std::uint32_t, 8> state_b = state_;
    if (engine_ == sha256_engine::x86_sha_extensions) {
        const std::size_t both = a_blocks < b_blocks ? a_blocks : b_blocks;
        for (std::size_t i = 0; i < both; ++i) {
            detail::sha256_compress_shani_x2(state_a.data(), a + 64 * i, state_b.data(), b + 64 * i);
        }
        if (a_blocks > both) {
            detail::sha256_compress_shani(state_a.data(), a + 64 * both, a_blocks - both);
        }
        if (b_blocks > both) {
            detail::sha256_compress_shani(state_b.data(), b + 64 * both, b_blocks - both);
        }
    } else {
        detail::sha256_compress_portable(state_a.data(), a, a_blocks);
        detail::sha256_compress_portable(state_b.data(), b, b_blocks);
    }
    out_a = digest_of(state_a);
    out_b = digest_of(state_b);
}

sha256_digest sha256::hash(std::string_view text, sha256_engine engine) noexcept {
    sha256 h(engine);
    h.update(text);
    return h.finish();
}

std::string to_hex(const sha256_digest& digest, std::size_t bytes) {
    static constexpr char hex[] = "0123456789abcdef";
    if (bytes > digest.size()) {
        bytes = digest.size();
    }
    std::string out(bytes * 2, '0');
    for (std::size_t i = 0; i < bytes; ++i) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0x0F];
    }
    return out;
}

} // namespace jd::statement
