#include "refhost/schema.hpp"

#include "refhost/clock.hpp"
#include "refhost/database.hpp"
#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/time_format.hpp"

#include <Poco/Data/Statement.h>

#include <string>

using namespace Poco::Data::Keywords;

namespace refhost {

const std::vector<migration>& schema_migrations() {
    // Dates the host writes are ISO-8601 UTC text; scheduler instants are epoch milliseconds (compared in
    // SQL). No column is nullable: absent values are "" or 0, which keeps reading code free of NULL cases.
    static const std::vector<migration> steps{
        {1,
         "users, rights, companies, bank accounts",
         {
             R"(CREATE TABLE users (
                  id TEXT PRIMARY KEY,
                  display_name TEXT NOT NULL))",
             // company_id 0 holds platform rights; any other value a right on that company.
             R"(CREATE TABLE user_rights (
                  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                  company_id INTEGER NOT NULL,
                  right_name TEXT NOT NULL,
                  PRIMARY KEY (user_id, company_id, right_name)))",
             R"(CREATE TABLE companies (
                  id INTEGER PRIMARY KEY,
                  legal_name TEXT NOT NULL,
                  siren TEXT NOT NULL,
                  siret TEXT NOT NULL))",
             "CREATE INDEX companies_by_legal_name ON companies (legal_name)",
             R"(CREATE TABLE bank_accounts (
                  id INTEGER PRIMARY KEY,
                  company_id INTEGER NOT NULL REFERENCES companies(id),
                  label TEXT NOT NULL,
                  iban TEXT NOT NULL,
                  journal_code TEXT NOT NULL))",
             "CREATE INDEX bank_accounts_by_company ON bank_accounts (company_id, id)",
         }},
        {2,
         "ledger of delivered movements",
         {
             // One row per movement. The key is unique per provider (not per instance): an instance that is
             // removed and created again, or two instances of one account, cannot store a movement twice,
             // while two different providers can never silence each other's keys.
             R"(CREATE TABLE ledger_movements (
                  id INTEGER PRIMARY KEY,
                  provider_id TEXT NOT NULL,
                  source TEXT NOT NULL,
                  idempotency_key TEXT NOT NULL,
                  company_id INTEGER NOT NULL,
                  bank_account_id INTEGER NOT NULL,
                  booking_date TEXT NOT NULL,
                  value_date TEXT NOT NULL,
                  amount_minor INTEGER NOT NULL,
                  decimals INTEGER NOT NULL,
                  currency TEXT NOT NULL,
                  label TEXT NOT NULL,
                  details TEXT NOT NULL,
                  reference TEXT NOT NULL,
                  operation_code TEXT NOT NULL,
                  entry_number TEXT NOT NULL,
                  received_at TEXT NOT NULL,
                  UNIQUE (provider_id, idempotency_key)))",
             "CREATE INDEX ledger_by_account ON ledger_movements (company_id, bank_account_id, booking_date)",
         }},
        {3,
         "secrets, encrypted at rest",
         {
             // AES-256-GCM: the key lives in <home>/secrets.key, never here. The ciphertext of an empty value
             // is empty, which Poco binds as NULL: the column allows it.
             R"(CREATE TABLE secrets (
                  scope TEXT NOT NULL,
                  name TEXT NOT NULL,
                  nonce BLOB NOT NULL,
                  ciphertext BLOB,
                  tag BLOB NOT NULL,
                  updated_at TEXT NOT NULL,
                  PRIMARY KEY (scope, name)))",
         }},
        {4,
         "aggregator instances and scheduler state",
         {
             R"(CREATE TABLE aggregator_instances (
                  instance_id TEXT PRIMARY KEY,
                  provider_id TEXT NOT NULL,
                  enabled INTEGER NOT NULL,
                  interval_seconds INTEGER NOT NULL,
                  settings_json TEXT NOT NULL,
                  created_by TEXT NOT NULL,
                  created_at TEXT NOT NULL))",
             // Instants in epoch milliseconds; 0 = never (last_*) or as soon as possible (next_run_at).
             R"(CREATE TABLE scheduler_state (
                  instance_id TEXT PRIMARY KEY REFERENCES aggregator_instances(instance_id) ON DELETE CASCADE,
                  last_started_at INTEGER NOT NULL DEFAULT 0,
                  last_finished_at INTEGER NOT NULL DEFAULT 0,
                  last_outcome TEXT NOT NULL DEFAULT '',
                  last_message TEXT NOT NULL DEFAULT '',
                  next_run_at INTEGER NOT NULL DEFAULT 0,
                  running INTEGER NOT NULL DEFAULT 0,
                  running_owner TEXT NOT NULL DEFAULT '',
                  running_since INTEGER NOT NULL DEFAULT 0))",
         }},
    };
    return steps;
}

int migrate(Poco::Data::Session& session) {
    session << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
               "applied_at TEXT NOT NULL)",
        now;
    int current = 0;
    {
        write_transaction transaction(session);
        session << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", into(current), now;
        const int newest = schema_migrations().back().version;
        if (current > newest) {
            throw failure(HS_E_INCOMPATIBLE,
                          tr("la base de données est en version ", "the database is at schema version ") +
                              std::to_string(current) +
                              tr(", plus récente que ce programme (", ", newer than this program (") +
                              std::to_string(newest) + ")");
        }
        for (const auto& step : schema_migrations()) {
            if (step.version <= current) continue;
            for (const auto sql : step.statements) session << std::string(sql), now;
            int version = step.version;
            std::string name(step.name);
            std::string applied_at = iso_utc(real_now_ms());
            session << "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                use(version), use(name), use(applied_at), now;
            current = step.version;
        }
        transaction.commit();
    }
    return current;
}

} // namespace refhost
