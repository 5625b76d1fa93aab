#include "refhost/secret_store.hpp"

#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/time_format.hpp"

#include <Poco/Data/LOB.h>
#include <Poco/Data/Statement.h>

#include <openssl/crypto.h>

using namespace Poco::Data::Keywords;

namespace refhost {

namespace {

Poco::Data::BLOB to_blob(const std::vector<unsigned char>& bytes) { return Poco::Data::BLOB(bytes); }

std::vector<unsigned char> from_blob(const Poco::Data::BLOB& blob) { return blob.content(); }

} // namespace

secret_store::secret_store(database& db, std::filesystem::path key_file) : db_(db), key_file_(std::move(key_file)) {}

std::string secret_store::associated_data(const std::string& scope, const std::string& name) {
    // Length-prefixed so that ("a", "bc") and ("ab", "c") differ.
    return std::to_string(scope.size()) + ":" + scope + "/" + name;
}

const secret_cipher& secret_store::cipher() {
    std::lock_guard<std::mutex> guard(key_mutex_);
    if (cipher_) return *cipher_;
    std::error_code ec;
    if (!std::filesystem::exists(key_file_, ec)) {
        const auto stored = db_.with_session([](Poco::Data::Session& session) {
            Poco::Int64 total = 0;
            session << "SELECT COUNT(*) FROM secrets", into(total), now;
            return total;
        });
        if (stored > 0) {
            throw failure(HS_E_INTERNAL,
                          tr("le fichier de clé ", "the key file ") + key_file_.string() +
                              tr(" est absent alors que la base contient des secrets chiffrés : restaurez-le",
                                 " is missing while the database holds encrypted secrets: restore it"));
        }
        secret_cipher::create_key_file(key_file_);
    }
    auto key = secret_cipher::read_key_file(key_file_);
    cipher_ = std::make_unique<secret_cipher>(key);
    OPENSSL_cleanse(key.data(), key.size());
    return *cipher_;
}

void secret_store::put(const std::string& scope, const std::string& name, std::string_view value, std::int64_t now_ms) {
    const auto sealed = cipher().seal(value, associated_data(scope, name));
    db_.with_session([&](Poco::Data::Session& session) {
        std::string scope_value = scope;
        std::string name_value = name;
        auto nonce = to_blob(sealed.nonce);
        auto ciphertext = to_blob(sealed.ciphertext);
        auto tag = to_blob(sealed.tag);
        std::string updated_at = iso_utc(now_ms);
        session << "INSERT INTO secrets (scope, name, nonce, ciphertext, tag, updated_at) VALUES ($1, $2, $3, $4, $5, $6) "
                   "ON CONFLICT (scope, name) DO UPDATE SET nonce = excluded.nonce, ciphertext = excluded.ciphertext, "
                   "tag = excluded.tag, updated_at = excluded.updated_at",
            use(scope_value), use(name_value), use(nonce), use(ciphertext), use(tag), use(updated_at), now;
    });
}

std::optional<std::string> secret_store::get(const std::string& scope, const std::string& name) {
    sealed_secret sealed;
    const bool found = db_.with_session([&](Poco::Data::Session& session) {
        std::string scope_value = scope;
        std::string name_value = name;
        std::vector<Poco::Data::BLOB> nonces, ciphertexts, tags;
        session << "SELECT nonce, COALESCE(ciphertext, X''), tag FROM secrets WHERE scope = $1 AND name = $2", into(nonces),
            into(ciphertexts), into(tags), use(scope_value), use(name_value), now;
        if (nonces.empty()) return false;
        sealed.nonce = from_blob(nonces[0]);
        sealed.ciphertext = from_blob(ciphertexts[0]);
        sealed.tag = from_blob(tags[0]);
        return true;
    });
    if (!found) return std::nullopt;
    try {
        return cipher().open(sealed, associated_data(scope, name));
    } catch (const failure& e) {
        throw failure(e.status(), tr("secret « ", "secret \"") + name + tr(" » : ", "\": ") + e.what());
    }
}

bool secret_store::erase(const std::string& scope, const std::string& name) {
    return db_.with_session([&](Poco::Data::Session& session) {
        std::string scope_value = scope;
        std::string name_value = name;
        Poco::Data::Statement statement(session);
        statement << "DELETE FROM secrets WHERE scope = $1 AND name = $2", use(scope_value), use(name_value);
        return statement.execute() > 0;
    });
}

std::size_t secret_store::erase_scope(const std::string& scope) {
    return db_.with_session([&](Poco::Data::Session& session) {
        std::string scope_value = scope;
        Poco::Data::Statement statement(session);
        statement << "DELETE FROM secrets WHERE scope = $1", use(scope_value);
        return statement.execute();
    });
}

} // namespace refhost
