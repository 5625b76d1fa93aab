#include "jdsim/tls_ca.hpp"

#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

namespace jdsim {
namespace {

struct free_x509 {
    void operator()(X509* p) const { X509_free(p); }
};
struct free_pkey {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct free_bio {
    void operator()(BIO* p) const { BIO_free(p); }
};
using x509_ptr = std::unique_ptr<X509, free_x509>;
using pkey_ptr = std::unique_ptr<EVP_PKEY, free_pkey>;
using bio_ptr = std::unique_ptr<BIO, free_bio>;

[[noreturn]] void fail(const std::string& what) {
    char buf[256] = "";
    const unsigned long e = ERR_get_error();
    if (e) ERR_error_string_n(e, buf, sizeof buf);
    throw std::runtime_error("TLS material: " + what + (e ? std::string(": ") + buf : std::string()));
}

class dir_lock {
  public:
    explicit dir_lock(const std::filesystem::path& dir) {
        const std::string p = (dir / ".lock").string();
        fd_ = ::open(p.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
        if (fd_ < 0) throw std::runtime_error("TLS material: cannot open " + p);
        ::flock(fd_, LOCK_EX);
    }
    ~dir_lock() {
        ::flock(fd_, LOCK_UN);
        ::close(fd_);
    }
    dir_lock(const dir_lock&) = delete;
    dir_lock& operator=(const dir_lock&) = delete;

  private:
    int fd_ = -1;
};

pkey_ptr new_key() {
    pkey_ptr k(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!k) fail("EC key generation");
    return k;
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext) fail(std::string("extension ") + value);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

void set_serial(X509* cert) {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) fail("random serial");
    bytes[0] &= 0x7F;  // positive
    BIGNUM* bn = BN_bin2bn(bytes, sizeof bytes, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert));
    BN_free(bn);
}

void set_name(X509_NAME* name, const char* cn) {
    X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("FR"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("jedeclare-sim"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
}

x509_ptr make_ca(EVP_PKEY* key) {
    x509_ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    set_serial(cert.get());
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -86400L);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3650L * 86400L);
    X509_set_pubkey(cert.get(), key);
    set_name(X509_get_subject_name(cert.get()), "jedeclare-sim test CA");
    X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get()));
    add_ext(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    add_ext(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    add_ext(cert.get(), cert.get(), NID_subject_key_identifier, "hash");
    if (!X509_sign(cert.get(), key, EVP_sha256())) fail("signing the CA certificate");
    return cert;
}

x509_ptr make_server(EVP_PKEY* key, X509* ca, EVP_PKEY* ca_key) {
    x509_ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    set_serial(cert.get());
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -86400L);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3650L * 86400L);
    X509_set_pubkey(cert.get(), key);
    set_name(X509_get_subject_name(cert.get()), "127.0.0.1");
    X509_set_issuer_name(cert.get(), X509_get_subject_name(ca));
    add_ext(cert.get(), ca, NID_basic_constraints, "critical,CA:FALSE");
    add_ext(cert.get(), ca, NID_key_usage, "critical,digitalSignature");
    add_ext(cert.get(), ca, NID_ext_key_usage, "serverAuth");
    add_ext(cert.get(), ca, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
    add_ext(cert.get(), ca, NID_subject_key_identifier, "hash");
    add_ext(cert.get(), ca, NID_authority_key_identifier, "keyid:always");
    if (!X509_sign(cert.get(), ca_key, EVP_sha256())) fail("signing the server certificate");
    return cert;
}

std::string pem_of_cert(X509* cert) {
    bio_ptr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert);
    char* data = nullptr;
    const long n = BIO_ctrl(bio.get(), BIO_CTRL_INFO, 0, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

std::string pem_of_key(EVP_PKEY* key) {
    bio_ptr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    const long n = BIO_ctrl(bio.get(), BIO_CTRL_INFO, 0, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

// Write to a temporary file, then rename: readers never see half a file.
void write_atomically(const std::filesystem::path& path, const std::string& content, mode_t mode) {
    const std::string tmp = path.string() + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) throw std::runtime_error("TLS material: cannot write " + tmp);
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n <= 0) {
            ::close(fd);
            throw std::runtime_error("TLS material: write failed on " + tmp);
        }
        done += static_cast<std::size_t>(n);
    }
    ::fsync(fd);
    ::close(fd);
    std::filesystem::rename(tmp, path);
}

x509_ptr read_cert(const std::filesystem::path& p) {
    FILE* f = std::fopen(p.c_str(), "rb");
    if (!f) return nullptr;
    x509_ptr c(PEM_read_X509(f, nullptr, nullptr, nullptr));
    std::fclose(f);
    return c;
}

pkey_ptr read_key(const std::filesystem::path& p) {
    FILE* f = std::fopen(p.c_str(), "rb");
    if (!f) return nullptr;
    pkey_ptr k(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
    std::fclose(f);
    return k;
}

bool still_valid(X509* cert) {
    // At least a day left.
    ASN1_TIME* limit = X509_time_adj_ex(nullptr, 1, 0, nullptr);
    const bool ok = ASN1_TIME_compare(X509_get0_notAfter(cert), limit) > 0;
    ASN1_TIME_free(limit);
    return ok;
}

}  // namespace

tls_material ensure_tls_material(const std::filesystem::path& dir_in) {
    std::filesystem::create_directories(dir_in);
    const std::filesystem::path dir = std::filesystem::absolute(dir_in);
    tls_material m{dir / "ca.pem", dir / "ca.key", dir / "server.pem", dir / "server.key"};
    dir_lock lock(dir);
    ERR_clear_error();

    x509_ptr ca = read_cert(m.ca_cert);
    pkey_ptr ca_key = read_key(m.ca_key);
    const bool ca_ok = ca && ca_key && X509_check_private_key(ca.get(), ca_key.get()) == 1 && still_valid(ca.get());
    if (!ca_ok) {
        ca_key = new_key();
        ca = make_ca(ca_key.get());
        write_atomically(m.ca_key, pem_of_key(ca_key.get()), 0600);
        write_atomically(m.ca_cert, pem_of_cert(ca.get()), 0644);
    }

    x509_ptr server = read_cert(m.server_cert);
    pkey_ptr server_key = read_key(m.server_key);
    bool server_ok = ca_ok && server && server_key && X509_check_private_key(server.get(), server_key.get()) == 1 &&
                     still_valid(server.get());
    if (server_ok) {
        pkey_ptr ca_pub(X509_get_pubkey(ca.get()));
        server_ok = X509_verify(server.get(), ca_pub.get()) == 1 && X509_check_ip_asc(server.get(), "127.0.0.1", 0) == 1;
    }
    if (!server_ok) {
        server_key = new_key();
        server = make_server(server_key.get(), ca.get(), ca_key.get());
        write_atomically(m.server_key, pem_of_key(server_key.get()), 0600);
        write_atomically(m.server_cert, pem_of_cert(server.get()) + pem_of_cert(ca.get()), 0644);
    }
    ERR_clear_error();
    return m;
}

}  // namespace jdsim
