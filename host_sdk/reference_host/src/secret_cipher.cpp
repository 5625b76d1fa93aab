#include "refhost/secret_cipher.hpp"

#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace refhost {

namespace {

struct cipher_context_deleter {
    void operator()(EVP_CIPHER_CTX* context) const noexcept { EVP_CIPHER_CTX_free(context); }
};
using cipher_context = std::unique_ptr<EVP_CIPHER_CTX, cipher_context_deleter>;

cipher_context new_context() {
    cipher_context context(EVP_CIPHER_CTX_new());
    if (!context) throw failure(HS_E_INTERNAL, "EVP_CIPHER_CTX_new");
    return context;
}

[[noreturn]] void crypto_failure(const char* step) {
    throw failure(HS_E_INTERNAL, tr("erreur de chiffrement (", "encryption error (") + step + ")");
}

int as_int(std::size_t size) { return static_cast<int>(size); }

} // namespace

secret_cipher::secret_cipher(const std::array<unsigned char, key_size>& key) : key_(key) {}

secret_cipher::~secret_cipher() { OPENSSL_cleanse(key_.data(), key_.size()); }

std::array<unsigned char, secret_cipher::key_size> secret_cipher::read_key_file(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw failure(HS_E_INTERNAL, tr("fichier de clé illisible ", "cannot read the key file ") + file.string() +
                                         " : " + std::strerror(errno));
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || (info.st_mode & 077) != 0) {
        ::close(fd);
        throw failure(HS_E_INTERNAL, tr("le fichier de clé ", "the key file ") + file.string() +
                                         tr(" est lisible par d'autres utilisateurs (chmod 600 attendu)",
                                            " is readable by other users (chmod 600 expected)"));
    }
    std::array<unsigned char, key_size> key{};
    unsigned char extra = 0;
    const auto got = ::read(fd, key.data(), key.size());
    const auto more = ::read(fd, &extra, 1);
    ::close(fd);
    if (got != static_cast<ssize_t>(key_size) || more != 0) {
        OPENSSL_cleanse(key.data(), key.size());
        throw failure(HS_E_INTERNAL, tr("le fichier de clé ", "the key file ") + file.string() +
                                         tr(" doit contenir exactement 32 octets", " must hold exactly 32 bytes"));
    }
    return key;
}

void secret_cipher::create_key_file(const std::filesystem::path& file) {
    std::array<unsigned char, key_size> key{};
    if (RAND_bytes(key.data(), as_int(key.size())) != 1) crypto_failure("RAND_bytes");
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        OPENSSL_cleanse(key.data(), key.size());
        throw failure(HS_E_INTERNAL, tr("impossible de créer le fichier de clé ", "cannot create the key file ") +
                                         file.string() + " : " + std::strerror(errno));
    }
    const auto written = ::write(fd, key.data(), key.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    OPENSSL_cleanse(key.data(), key.size());
    if (written != static_cast<ssize_t>(key_size) || !synced) {
        std::filesystem::remove(file);
        throw failure(HS_E_INTERNAL, tr("écriture du fichier de clé impossible : ", "cannot write the key file: ") +
                                         file.string());
    }
}

sealed_secret secret_cipher::seal(std::string_view plaintext, std::string_view associated_data) const {
    sealed_secret sealed;
    sealed.nonce.resize(nonce_size);
    sealed.tag.resize(tag_size);
    sealed.ciphertext.resize(plaintext.size());
    if (RAND_bytes(sealed.nonce.data(), as_int(nonce_size)) != 1) crypto_failure("RAND_bytes");

    auto context = new_context();
    int length = 0;
    if (EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, as_int(nonce_size), nullptr) != 1 ||
        EVP_EncryptInit_ex(context.get(), nullptr, nullptr, key_.data(), sealed.nonce.data()) != 1)
        crypto_failure("init");
    if (!associated_data.empty() &&
        EVP_EncryptUpdate(context.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(associated_data.data()),
                          as_int(associated_data.size())) != 1)
        crypto_failure("aad");
    if (!plaintext.empty() &&
        EVP_EncryptUpdate(context.get(), sealed.ciphertext.data(), &length,
                          reinterpret_cast<const unsigned char*>(plaintext.data()), as_int(plaintext.size())) != 1)
        crypto_failure("update");
    if (EVP_EncryptFinal_ex(context.get(), sealed.ciphertext.data() + length, &length) != 1) crypto_failure("final");
    if (EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, as_int(tag_size), sealed.tag.data()) != 1)
        crypto_failure("tag");
    return sealed;
}

std::string secret_cipher::open(const sealed_secret& sealed, std::string_view associated_data) const {
    if (sealed.nonce.size() != nonce_size || sealed.tag.size() != tag_size) {
        throw failure(HS_E_INTERNAL, tr("secret stocké malformé", "malformed stored secret"));
    }
    std::string plaintext(sealed.ciphertext.size(), '\0');
    auto context = new_context();
    int length = 0;
    if (EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, as_int(nonce_size), nullptr) != 1 ||
        EVP_DecryptInit_ex(context.get(), nullptr, nullptr, key_.data(), sealed.nonce.data()) != 1)
        crypto_failure("init");
    if (!associated_data.empty() &&
        EVP_DecryptUpdate(context.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(associated_data.data()),
                          as_int(associated_data.size())) != 1)
        crypto_failure("aad");
    auto* out = reinterpret_cast<unsigned char*>(plaintext.data());
    if (!sealed.ciphertext.empty() &&
        EVP_DecryptUpdate(context.get(), out, &length, sealed.ciphertext.data(), as_int(sealed.ciphertext.size())) != 1)
        crypto_failure("update");
    // The tag is const for OpenSSL's purposes; the API takes a non-const pointer.
    std::vector<unsigned char> tag = sealed.tag;
    if (EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, as_int(tag_size), tag.data()) != 1)
        crypto_failure("tag");
    if (EVP_DecryptFinal_ex(context.get(), out + length, &length) != 1) {
        OPENSSL_cleanse(plaintext.data(), plaintext.size());
        throw failure(HS_E_INTERNAL, tr("impossible de déchiffrer le secret : clé incorrecte ou donnée altérée",
                                        "cannot decrypt the secret: wrong key or altered data"));
    }
    return plaintext;
}

} // namespace refhost
