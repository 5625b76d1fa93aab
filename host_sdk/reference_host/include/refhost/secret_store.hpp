#pragma once
// The secret store behind hs_host_api_v1.secret_put/get/delete: values sealed with AES-256-GCM, the
// database holding only nonce, ciphertext and tag. Each plugin instance has its own scope.

#include "refhost/database.hpp"
#include "refhost/secret_cipher.hpp"

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace refhost {

class secret_store {
public:
    secret_store(database& db, std::filesystem::path key_file);

    void put(const std::string& scope, const std::string& name, std::string_view value, std::int64_t now_ms);
    /// std::nullopt when absent; throws failure when present but cannot be opened.
    [[nodiscard]] std::optional<std::string> get(const std::string& scope, const std::string& name);
    /// True when something was deleted.
    bool erase(const std::string& scope, const std::string& name);
    /// Deletes every secret of a scope (an instance being removed); returns how many.
    std::size_t erase_scope(const std::string& scope);

private:
    // The key is read (or created) on first use: commands that touch no secret never need it, and a
    // missing key file next to existing secrets is an error rather than a silent new key.
    const secret_cipher& cipher();
    [[nodiscard]] static std::string associated_data(const std::string& scope, const std::string& name);

    database& db_;
    std::filesystem::path key_file_;
    std::mutex key_mutex_;
    std::unique_ptr<secret_cipher> cipher_;
};

} // namespace refhost
