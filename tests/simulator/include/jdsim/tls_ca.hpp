#pragma once
// A throw-away test CA and a server certificate for 127.0.0.1 / localhost, made with libcrypto.
#include <filesystem>

namespace jdsim {

struct tls_material {
    std::filesystem::path ca_cert;      // ca.pem: what clients trust
    std::filesystem::path ca_key;       // ca.key
    std::filesystem::path server_cert;  // server.pem (leaf then CA)
    std::filesystem::path server_key;   // server.key
};

// Reuses the files in `dir` when they are present and valid (server certificate signed by the CA, not
// expired, for IP 127.0.0.1); otherwise generates them (ECDSA P-256, SHA-256). Several processes may call
// this at once on one directory: an flock serialises them. Throws std::runtime_error on failure.
tls_material ensure_tls_material(const std::filesystem::path& dir);

}  // namespace jdsim
