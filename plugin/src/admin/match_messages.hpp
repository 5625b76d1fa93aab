#pragma once
// Admin-facing explanations of a match result, in French (default) or English.
#include "admin/match_model.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace jd::admin {

enum class report_language { fr, en };

// "en", "en-GB", "en_US"… give English; anything else (including "") gives French.
report_language language_from_locale(std::string_view locale);

// Names inside messages go through display_text (escaped, never able to hide or reorder text); when
// max_name_chars is not 0 they are also cut to that many characters with an ellipsis.
std::string dossier_message(const unmatched_dossier& entry, report_language language, std::size_t max_name_chars = 0);
std::string company_message(const unmatched_company& entry, report_language language, std::size_t max_name_chars = 0);
std::string warning_message(const match_warning& entry, report_language language, std::size_t max_name_chars = 0);

// "même SIREN, même nom normalisé" / "same SIREN, same normalised name" (an exact name implies the
// normalised one, which is then not repeated).
std::string reasons_text(std::uint8_t reasons, report_language language);

// "dossier 1001" and "entreprise n° 12" / "company #12".
std::string dossier_label(std::string_view dossier_id, report_language language);
std::string company_label(std::int64_t company_id, report_language language);

// A name between double quotes, made safe by display_text.
std::string quoted(std::string_view name, std::size_t max_name_chars);

} // namespace jd::admin
