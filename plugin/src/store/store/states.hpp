#pragma once
// Admin-visible state of an instance and of each company, as the `status` operation shows it.

#include "store/time.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jd::store {

class database;

enum class health_state {
    ok,
    non_configure,
    identifiants_refuses,
    procedure_non_souscrite,
    compte_inconnu,
    erreur_reseau,
    erreur_certificat,
    piece_illisible,
};

// The wire codes of the operations contract ("ok", "non_configure", …).
[[nodiscard]] std::string_view to_string(health_state state) noexcept;
[[nodiscard]] std::optional<health_state> parse_health_state(std::string_view text) noexcept;

struct health {
    health_state state = health_state::non_configure;
    std::string message;                    // as shown to the admin (no secret)
    std::optional<epoch_ms> last_success_at;
    std::optional<epoch_ms> last_run_at;
    epoch_ms updated_at = 0;
};

struct company_health {
    std::int64_t company_id = 0;
    health status;
};

class state_repository {
public:
    state_repository(database& db, std::string instance_id);
    ~state_repository();
    state_repository(const state_repository&) = delete;
    state_repository& operator=(const state_repository&) = delete;

    // The end of a run: state + message, last_run_at = at, and last_success_at = at when state is ok.
    void record_instance_run(health_state state, const std::string& message, epoch_ms at);
    // A state change outside a run (configure, unconfigure): run times untouched.
    void set_instance_state(health_state state, const std::string& message, epoch_ms at);
    [[nodiscard]] std::optional<health> instance();

    void record_company_run(std::int64_t company_id, health_state state, const std::string& message, epoch_ms at);
    void set_company_state(std::int64_t company_id, health_state state, const std::string& message, epoch_ms at);
    [[nodiscard]] std::optional<health> company(std::int64_t company_id);
    [[nodiscard]] std::vector<company_health> companies(); // by company id

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace jd::store
