#pragma once
// AES-256-GCM sealing of secrets with a key kept in a file outside the database.
//
// The key file holds 32 random bytes, mode 0600. Each value gets a fresh 96-bit nonce; the secret's
// scope and name are authenticated as associated data, so a sealed value copied onto another row does
// not open. A wrong key or altered bytes fail the tag check and raise a clear error.

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace refhost {

struct sealed_secret {
    std::vector<unsigned char> nonce;      ///< 12 bytes
    std::vector<unsigned char> ciphertext; ///< as long as the plaintext
    std::vector<unsigned char> tag;        ///< 16 bytes
};

class secret_cipher {
public:
    static constexpr std::size_t key_size = 32;
    static constexpr std::size_t nonce_size = 12;
    static constexpr std::size_t tag_size = 16;

    explicit secret_cipher(const std::array<unsigned char, key_size>& key);
    secret_cipher(const secret_cipher&) = delete;
    secret_cipher& operator=(const secret_cipher&) = delete;
    ~secret_cipher();

    /// Reads the key file; refuses a file of the wrong size or readable by others.
    static std::array<unsigned char, key_size> read_key_file(const std::filesystem::path& file);
    /// Creates a new random key file with mode 0600; fails if the file exists.
    static void create_key_file(const std::filesystem::path& file);

    [[nodiscard]] sealed_secret seal(std::string_view plaintext, std::string_view associated_data) const;
    /// Throws failure(HS_E_INTERNAL) when the tag does not verify (wrong key, altered data, wrong row).
    [[nodiscard]] std::string open(const sealed_secret& sealed, std::string_view associated_data) const;

private:
    std::array<unsigned char, key_size> key_{};
};

} // namespace refhost
