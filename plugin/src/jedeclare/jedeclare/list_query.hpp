#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace jd::jedeclare {

// statutPiece of ListeDisponibiliteV2.
enum class piece_status_filter {
    not_retrieved, // "00": pieces not downloaded yet (downloading consumes them)
    all,           // "01": every piece, retrieved or not (used by recovery passes)
};

// One ListeDisponibiliteV2 question. Dates are calendar days, sent as JJ/MM/AAAA; a range longer than the
// service accepts is split into windows of at most 540 days.
struct list_query {
    std::optional<std::chrono::year_month_day> from; // dateDebut; omitted when unset
    std::optional<std::chrono::year_month_day> to;   // dateFin; today when only `from` is set
    piece_status_filter status = piece_status_filter::not_retrieved;
    std::string type_de_liste = "03";   // réceptions
    std::string type_procedure = "RELEVE";
    std::optional<std::string> dossier_id; // identifiantDossier filter
};

// One item of the list.
struct piece_info {
    std::string numero;
    std::string statut;        // "00" not retrieved yet, "01" already retrieved
    std::string type_de_piece; // "03" réception
    std::string numero_ads;
};

} // namespace jd::jedeclare
