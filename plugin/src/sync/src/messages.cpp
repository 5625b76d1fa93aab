#include "sync/messages.hpp"

namespace jd::sync {

namespace {

// 1234567 → "1 234 567" (French) or "1,234,567" (English).
std::string grouped(std::int64_t value, bool english) {
    const bool negative = value < 0;
    std::string digits = std::to_string(negative ? -value : value);
    std::string out;
    const std::string separator = english ? "," : "\u202f";
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return negative ? "-" + out : out;
}

} // namespace

bool is_english(std::string_view locale) noexcept { return locale == "en"; }

std::string state_sentence(store::health_state state, std::string_view locale) {
    const bool en = is_english(locale);
    using store::health_state;
    switch (state) {
    case health_state::ok: return en ? "Sync succeeded." : "Synchronisation réussie.";
    case health_state::non_configure:
        return en ? "The JeDeclare.com connection is not configured." : "La connexion JeDéclare.com n'est pas configurée.";
    case health_state::identifiants_refuses:
        return en ? "JeDeclare.com refused the login or password of the compte de flux."
                  : "JeDéclare.com a refusé l'identifiant ou le mot de passe du compte de flux.";
    case health_state::procedure_non_souscrite:
        return en ? "The compte de flux is not subscribed to the bank statements (RELEVE) procedure."
                  : "Le compte de flux n'est pas abonné à la procédure des relevés bancaires (RELEVE).";
    case health_state::compte_inconnu:
        return en ? "JeDeclare.com does not know this account." : "JeDéclare.com ne connaît pas ce compte.";
    case health_state::erreur_reseau:
        return en ? "JeDeclare.com could not be reached; nothing was lost, the next run carries on."
                  : "JeDéclare.com n'a pas pu être joint ; rien n'est perdu, le prochain passage reprendra.";
    case health_state::erreur_certificat:
        return en ? "The JeDeclare.com server certificate could not be verified."
                  : "Le certificat du serveur JeDéclare.com n'a pas pu être vérifié.";
    case health_state::piece_illisible:
        return en ? "A statement file could not be read; it is kept and read again by each run."
                  : "Un fichier de relevés n'a pas pu être lu ; il est conservé et relu à chaque passage.";
    }
    return {};
}

std::string success_message(std::int64_t delivered, std::int64_t quarantined_total, std::string_view locale) {
    const bool en = is_english(locale);
    std::string text = en ? grouped(delivered, true) + (delivered == 1 ? " movement delivered" : " movements delivered")
                          : grouped(delivered, false) + (delivered > 1 ? " mouvements livrés" : " mouvement livré");
    if (quarantined_total > 0) {
        text += en ? ", " + grouped(quarantined_total, true) + " held back (account not linked, company inactive or "
                                                                "before the start date)"
                   : ", " + grouped(quarantined_total, false) +
                         " en attente (compte non rattaché, société inactive ou avant la date de début)";
    }
    return text + ".";
}

std::string unreadable_pieces_message(const std::vector<std::string>& numeros, std::int64_t total,
                                      std::string_view locale) {
    const bool en = is_english(locale);
    std::string list;
    for (const auto& numero : numeros) list += (list.empty() ? "" : ", ") + numero;
    if (total > static_cast<std::int64_t>(numeros.size())) list += en ? ", …" : ", …";
    return en ? "Unreadable statement file(s) (" + std::to_string(total) + "): " + list +
                    ". They are kept and read again by each run."
              : "Fichier(s) de relevés illisible(s) (" + std::to_string(total) + ") : " + list +
                    ". Ils sont conservés et relus à chaque passage.";
}

std::string already_running_message(const std::string& holder, store::epoch_ms since, std::string_view locale) {
    const bool en = is_english(locale);
    const std::string when = since > 0 ? store::to_iso8601_utc(since) : std::string("?");
    return en ? "A sync of this compte de flux is already running (" + holder + ", since " + when +
                    "); this one did nothing."
              : "Une synchronisation de ce compte de flux est déjà en cours (" + holder + ", depuis " + when +
                    ") ; celle-ci n'a rien fait.";
}

std::string cancelled_message(std::string_view locale) {
    return is_english(locale) ? "Sync cancelled; what was done is kept, the next run carries on."
                              : "Synchronisation annulée ; ce qui a été fait est conservé, le prochain passage reprendra.";
}

std::string stopped_downloads_message(std::int64_t failures, std::string_view locale) {
    return is_english(locale)
               ? std::to_string(failures) + " download(s) failed in a row; the run stopped downloading, the next "
                                            "run carries on."
               : std::to_string(failures) + " téléchargement(s) en échec de suite ; le passage s'est arrêté, le "
                                            "suivant reprendra.";
}

std::string host_refused_message(std::int64_t company_id, std::int64_t bank_account_id, const std::string& detail,
                                 std::string_view locale) {
    return is_english(locale)
               ? "The host refused the movements of company " + std::to_string(company_id) + ", bank account " +
                     std::to_string(bank_account_id) + ": " + detail + " (kept, delivered again by the next run)."
               : "L'hôte a refusé les mouvements de la société " + std::to_string(company_id) + ", compte bancaire " +
                     std::to_string(bank_account_id) + " : " + detail +
                     " (conservés, de nouveau livrés au prochain passage).";
}

std::string store_failure_message(const std::string& detail, std::string_view locale) {
    return is_english(locale) ? "The plugin's database failed: " + detail + " (the next run carries on)."
                              : "La base de données de l'extension a échoué : " + detail +
                                    " (le prochain passage reprendra).";
}

std::string lease_lost_message(std::string_view locale) {
    return is_english(locale) ? "The run lost its lease to another run and stopped; nothing was lost."
                              : "Le passage a perdu son bail au profit d'un autre et s'est arrêté ; rien n'est perdu.";
}

std::string not_configured_message(std::string_view locale) { return state_sentence(store::health_state::non_configure, locale); }

std::string permission_denied_message(std::string_view locale) {
    return is_english(locale)
               ? "Permission denied: a manual sync and the status need the platform configuration and "
                 "administration rights."
               : "Accès refusé : la synchronisation manuelle et l'état demandent les droits de configuration et "
                 "d'administration de la plateforme.";
}

} // namespace jd::sync
