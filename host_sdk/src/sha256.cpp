// SHA-256 of a file with OpenSSL's EVP interface.
#include "host_sdk/loader.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <memory>

namespace host_sdk {

std::string sha256_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw error(HS_E_NOT_FOUND, "cannot read " + file.string());
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
        throw error(HS_E_INTERNAL, "OpenSSL: SHA-256 unavailable");
    std::array<char, 1 << 16> buffer{};
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = in.gcount();
        if (got > 0 && EVP_DigestUpdate(context.get(), buffer.data(), static_cast<std::size_t>(got)) != 1)
            throw error(HS_E_INTERNAL, "OpenSSL: SHA-256 update failed");
    }
    if (in.bad()) throw error(HS_E_NOT_FOUND, "cannot read " + file.string());
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(context.get(), digest.data(), &size) != 1)
        throw error(HS_E_INTERNAL, "OpenSSL: SHA-256 final failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string text;
    text.reserve(size * 2);
    for (unsigned int i = 0; i < size; ++i) {
        text.push_back(hex[digest[i] >> 4U]);
        text.push_back(hex[digest[i] & 0x0FU]);
    }
    return text;
}

} // namespace host_sdk
