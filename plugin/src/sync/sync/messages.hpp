#pragma once
// Sentences an administrator reads about runs and states, in French (default) or English.

#include "store/states.hpp"
#include "store/time.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jd::sync {

/// "fr" unless the locale is "en".
[[nodiscard]] bool is_english(std::string_view locale) noexcept;

/// A short sentence for a state when nothing more precise is known ("Synchronisation réussie.").
[[nodiscard]] std::string state_sentence(store::health_state state, std::string_view locale);

/// The end of a successful run: "1 204 mouvements livrés, 3 en attente de rattachement."
[[nodiscard]] std::string success_message(std::int64_t delivered, std::int64_t quarantined_total,
                                          std::string_view locale);

/// Pieces that could not be read: "Pièce(s) illisible(s) : 123, 456 (conservées, relues au prochain passage)."
[[nodiscard]] std::string unreadable_pieces_message(const std::vector<std::string>& numeros, std::int64_t total,
                                                    std::string_view locale);

[[nodiscard]] std::string already_running_message(const std::string& holder, store::epoch_ms since,
                                                  std::string_view locale);
[[nodiscard]] std::string cancelled_message(std::string_view locale);
[[nodiscard]] std::string stopped_downloads_message(std::int64_t failures, std::string_view locale);
[[nodiscard]] std::string host_refused_message(std::int64_t company_id, std::int64_t bank_account_id,
                                               const std::string& detail, std::string_view locale);
[[nodiscard]] std::string store_failure_message(const std::string& detail, std::string_view locale);
[[nodiscard]] std::string lease_lost_message(std::string_view locale);
[[nodiscard]] std::string not_configured_message(std::string_view locale);
[[nodiscard]] std::string permission_denied_message(std::string_view locale);

} // namespace jd::sync
