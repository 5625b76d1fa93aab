#pragma once
// The one exception type of the store, with a machine-readable code so that callers (admin, sync) can pick
// a message for the user in their own language. Messages are technical English and never hold a secret.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace jd::store {

enum class error_code {
    invalid_argument,  // a value the store refuses: bad date, invalid UTF-8, malformed RIB key, empty id…
    not_found,         // the row the call is about does not exist
    conflict,          // a uniqueness rule would be broken (see link_conflict for links)
    schema_too_new,    // the database was written by a newer plugin: refused, nothing touched
    schema_mismatch,   // an applied migration is not the one this code embeds (edited after release?)
    migration_failed,  // a migration failed; it was rolled back
    connection_failed, // the database could not be opened or reached
    busy,              // the database stayed locked longer than the busy timeout
    usage,             // the API was called in a way it does not support (documented per call)
    database,          // any other failure reported by the database
};

[[nodiscard]] std::string_view to_string(error_code code) noexcept;

class store_error : public std::runtime_error {
public:
    store_error(error_code code, const std::string& message);
    [[nodiscard]] error_code code() const noexcept { return code_; }

private:
    error_code code_;
};

// Which one-to-one rule a link would break.
enum class conflict_kind {
    rib_already_linked,          // the RIB is linked to another bank account
    bank_account_already_linked, // the bank account already receives another RIB
    dossier_already_linked,      // the dossier is linked to another company
    company_already_linked,      // the company is linked to another dossier
};

[[nodiscard]] std::string_view to_string(conflict_kind kind) noexcept;

// A refused link, with the link that is in the way (so the admin can say which one, in French).
class link_conflict : public store_error {
public:
    struct existing_link {
        std::string rib_key;              // bank-link conflicts
        std::string dossier_id;           // company-link conflicts
        std::int64_t company_id = 0;
        std::int64_t bank_account_id = 0; // bank-link conflicts
    };

    link_conflict(conflict_kind kind, existing_link existing, const std::string& message);
    [[nodiscard]] conflict_kind kind() const noexcept { return kind_; }
    [[nodiscard]] const existing_link& existing() const noexcept { return existing_; }

private:
    conflict_kind kind_;
    existing_link existing_;
};

} // namespace jd::store
