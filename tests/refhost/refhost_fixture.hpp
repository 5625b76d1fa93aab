#pragma once
// A throw-away host home with every service of the reference host, for in-process tests.

#include "refhost/clock.hpp"
#include "refhost/database.hpp"
#include "refhost/home.hpp"
#include "refhost/host_services.hpp"
#include "refhost/logger.hpp"
#include "refhost/progress.hpp"
#include "refhost/secret_store.hpp"
#include "refhost/seed.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>

namespace refhost_test {

/// A fresh directory under the system temp dir, removed on destruction.
class temp_directory {
public:
    explicit temp_directory(const std::string& prefix = "refhost-test") {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    temp_directory(const temp_directory&) = delete;
    temp_directory& operator=(const temp_directory&) = delete;
    ~temp_directory() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

inline std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void write_text(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

/// The seed of contract A's example, plus a second company and a user without rights.
inline const char* example_seed() {
    return R"({
  "users": [
    {"id": "admin", "display_name": "Alice Admin",
     "rights": ["platform.configuration", "platform.administration"],
     "company_rights": [{"company_id": 1, "right": "company.accounting_settings"}]},
    {"id": "clerk", "display_name": "Camille Clerk", "rights": ["platform.configuration"]}
  ],
  "companies": [
    {"id": 1, "legal_name": "SARL L'ÉTOILE", "siren": "123456782", "siret": "12345678200011",
     "bank_accounts": [{"id": 101, "label": "Compte courant", "iban": "FR7630004000010001234567897", "journal_code": "BQ1"}]},
    {"id": 2, "legal_name": "SAS DU MOULIN", "siren": "987654321", "siret": "98765432100015",
     "bank_accounts": [{"id": 201, "label": "Compte principal", "iban": "FR7610107001011234567890129", "journal_code": "BQ2"},
                       {"id": 202, "label": "Livret", "iban": "FR7610107001011234567890130", "journal_code": "BQ3"}]}
  ]
})";
}

/// Every service over a temporary home, with a manual clock.
struct host_fixture {
    temp_directory directory{"refhost-home"};
    refhost::home_layout home{directory.path()};
    refhost::manual_clock time{1767225600000}; // 2026-01-01T00:00:00Z
    std::unique_ptr<refhost::database> db = std::make_unique<refhost::database>(home.database());
    refhost::logger log{home.log_file(), time, false};
    refhost::progress_display progress{nullptr, false, time};
    refhost::secret_store secrets{*db, home.secrets_key()};
    refhost::host_services services{home, *db, secrets, log, progress, time};

    void seed_example() { refhost::apply_seed(*db, refhost::parse_seed(example_seed(), "example.json")); }
};

} // namespace refhost_test
