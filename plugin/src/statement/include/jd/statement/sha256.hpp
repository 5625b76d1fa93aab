#pragma once
// A self-contained SHA-256 (FIPS 180-4) for movement identities, so that the engine needs no crypto library.
// The compression function uses the x86 SHA extensions when the processor has them (checked once at run
// time) and a portable implementation otherwise; both give the same digests.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace jd::statement {

using sha256_digest = std::array<std::uint8_t, 32>;

enum class sha256_engine : std::uint8_t { portable, x86_sha_extensions };

/// The engine used by default on this machine.
[[nodiscard]] sha256_engine sha256_default_engine() noexcept;

class sha256 {
public:
    explicit sha256(sha256_engine engine = sha256_default_engine()) noexcept;

    void update(const void* data, std::size_t size) noexcept;
    void update(std::string_view text) noexcept { update(text.data(), text.size()); }
    /// Finishes the message and returns its digest; the object must be reset (or reassigned) before reuse.
    [[nodiscard]] sha256_digest finish() noexcept;
    void reset() noexcept;

    /// Bytes hashed so far. A copy of the object taken when this is a multiple of 64 is a cheap "midstate":
    /// hashing a common prefix once and copying it for each message saves one compression per message.
    [[nodiscard]] std::uint64_t size() const noexcept { return total_; }

    [[nodiscard]] static sha256_digest hash(std::string_view text,
                                            sha256_engine engine = sha256_default_engine()) noexcept;

    /// Finishes two messages that share this object's state as prefix (its size must be a multiple of 64):
    /// out_a = SHA-256(prefix || a), out_b = SHA-256(prefix || b). Both are hashed in lockstep, which is about
    /// twice as fast as one after the other with the SHA extensions. `a` and `b` must each have 72 writable
    /// bytes past their end (the padding is written in place).
    void finish_two(std::uint8_t* a, std::size_t a_size, std::uint8_t* b, std::size_t b_size, sha256_digest& out_a,
                    sha256_digest& out_b) const noexcept;

private:
    void compress(const std::uint8_t* blocks, std::size_t count) noexcept;

    std::array<std::uint32_t, 8> state_{};
    std::array<std::uint8_t, 64> buffer_{};
    std::uint64_t total_ = 0;
    sha256_engine engine_;
};

/// Lower-case hexadecimal of the first `bytes` bytes of a digest.
[[nodiscard]] std::string to_hex(const sha256_digest& digest, std::size_t bytes = 32);

namespace detail {
void sha256_compress_portable(std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) noexcept;
/// Only called when the processor has the SHA extensions.
void sha256_compress_shani(std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) noexcept;
void sha256_compress_shani_x2(std::uint32_t* state_a, const std::uint8_t* data_a, std::uint32_t* state_b,
                              const std::uint8_t* data_b) noexcept;
[[nodiscard]] bool cpu_has_sha_extensions() noexcept;
} // namespace detail

} // namespace jd::statement
