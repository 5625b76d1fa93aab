#include "admin/match_messages.hpp"

#include "admin/display_text.hpp"

#include <charconv>
#include <string>

namespace jd::admin {

namespace {

constexpr std::size_t max_id_chars = 64;

bool fr(report_language language) { return language == report_language::fr; }

std::size_t parse_offset(std::string_view text) {
    std::size_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

// "Deux" / "Two" reads better than "2" at the start of a sentence; larger counts stay in digits.
std::string company_number(std::int64_t id, report_language language) {
    return (fr(language) ? "n° " : "#") + std::to_string(id);
}

std::string count_word(std::size_t n, report_language language) {
    if (n == 2) {
        return fr(language) ? "Deux" : "Two";
    }
    if (n == 3) {
        return fr(language) ? "Trois" : "Three";
    }
    return std::to_string(n);
}

std::string siren_problem(identifier_status status, report_language language) {
    switch (status) {
    case identifier_status::bad_format: return fr(language) ? "9 chiffres attendus" : "9 digits expected";
    case identifier_status::bad_checksum: return fr(language) ? "clé de contrôle incorrecte" : "wrong check digit";
    case identifier_status::placeholder: return fr(language) ? "uniquement des zéros" : "all zeros";
    case identifier_status::absent:
    case identifier_status::valid: break;
    }
    return {};
}

std::string invalid_siren_sentence(std::string_view siren, identifier_status status, report_language language,
                                   std::size_t max_name_chars) {
    if (fr(language)) {
        return " SIREN invalide (" + quoted(siren, max_name_chars) + ", " + siren_problem(status, language) +
               ") : il n'a pas servi à chercher une correspondance.";
    }
    return " Invalid SIREN (" + quoted(siren, max_name_chars) + ", " + siren_problem(status, language) +
           "): not used to look for a match.";
}

std::string invalid_utf8_sentence(std::size_t offset, report_language language) {
    if (fr(language)) {
        return " Raison sociale en UTF-8 invalide (octet " + std::to_string(offset) +
               ") : seule une raison sociale identique octet pour octet peut lui correspondre.";
    }
    return " The legal name is not valid UTF-8 (byte " + std::to_string(offset) +
           "): only a byte-for-byte identical name can match it.";
}

std::string more_suffix(std::size_t shown, std::size_t total, report_language language) {
    if (total <= shown) {
        return {};
    }
    const std::size_t rest = total - shown;
    return fr(language) ? " et " + std::to_string(rest) + (rest == 1 ? " autre" : " autres")
                        : " and " + std::to_string(rest) + " more";
}

std::string candidate_list(const std::vector<candidate>& candidates, std::size_t total, report_language language,
                           std::size_t max_name_chars) {
    std::string out;
    const std::size_t shown = std::min<std::size_t>(candidates.size(), 3);
    for (std::size_t i = 0; i < shown; ++i) {
        if (i != 0) {
            out.append(", ");
        }
        const candidate& c = candidates[i];
        out.append(quoted(c.company.legal_name, max_name_chars));
        out.append(" (");
        out.append(company_number(c.company.id, language));
        out.append(", ");
        out.append(reasons_text(c.reasons, language));
        out.append(")");
    }
    out.append(more_suffix(shown, total, language));
    return out;
}

std::string dossier_list(const std::vector<dossier_ref>& dossiers, std::size_t total, report_language language,
                         std::size_t max_name_chars) {
    std::string out;
    const std::size_t shown = std::min<std::size_t>(dossiers.size(), 3);
    for (std::size_t i = 0; i < shown; ++i) {
        if (i != 0) {
            out.append(", ");
        }
        out.append(display_text(dossiers[i].id, max_id_chars));
        out.append(" ");
        out.append(quoted(dossiers[i].rs, max_name_chars));
    }
    out.append(more_suffix(shown, total, language));
    return out;
}

} // namespace

report_language language_from_locale(std::string_view locale) {
    if (locale.size() >= 2 && (locale[0] == 'e' || locale[0] == 'E') && (locale[1] == 'n' || locale[1] == 'N') &&
        (locale.size() == 2 || locale[2] == '-' || locale[2] == '_')) {
        return report_language::en;
    }
    return report_language::fr;
}

std::string quoted(std::string_view name, std::size_t max_name_chars) {
    return "\"" + display_text(name, max_name_chars) + "\"";
}

std::string dossier_label(std::string_view dossier_id, report_language /*language*/) {
    return "dossier " + display_text(dossier_id, max_id_chars);
}

std::string company_label(std::int64_t company_id, report_language language) {
    return (fr(language) ? "entreprise " : "company ") + company_number(company_id, language);
}

std::string reasons_text(std::uint8_t reasons, report_language language) {
    std::string out;
    auto add = [&](std::uint8_t bit, const char* french, const char* english) {
        if ((reasons & bit) == 0) {
            return;
        }
        if (!out.empty()) {
            out.append(", ");
        }
        out.append(fr(language) ? french : english);
    };
    add(candidate_reason::same_legal_name, "même raison sociale exacte", "same exact legal name");
    add(candidate_reason::same_siren, "même SIREN", "same SIREN");
    // An exact name is also the same normalised name: saying both reads as noise.
    if ((reasons & candidate_reason::same_legal_name) == 0) {
        add(candidate_reason::same_normalised_name, "même nom normalisé", "same normalised name");
    }
    add(candidate_reason::previously_linked, "rapprochée auparavant, raison sociale modifiée depuis",
        "previously linked, legal name changed since");
    return out;
}

std::string dossier_message(const unmatched_dossier& entry, report_language language, std::size_t max_name_chars) {
    const std::string name = quoted(entry.dossier.rs, max_name_chars);
    std::string out;
    bool ambiguous = false;
    // The already-linked company named in the main sentence is not repeated in the "already linked" note.
    std::int64_t named_company = 0;
    bool has_named_company = false;
    switch (entry.reason) {
    case dossier_reason::empty_name:
        out = fr(language) ? "Le dossier n'a pas de raison sociale : aucun rapprochement possible"
                           : "The dossier has no legal name: it cannot be matched";
        break;
    case dossier_reason::ambiguous_company_name:
        ambiguous = true;
        out = fr(language) ? count_word(entry.same_name_company_count, language) +
                                 " entreprises de la plateforme portent la même raison sociale " + name +
                                 " : pas de rapprochement automatique"
                           : count_word(entry.same_name_company_count, language) +
                                 " companies on the platform have the same legal name " + name +
                                 ": no automatic match";
        break;
    case dossier_reason::ambiguous_dossier_name:
        ambiguous = true;
        out = fr(language) ? count_word(entry.same_name_dossier_count, language) +
                                 " dossiers JeDéclare portent la même raison sociale " + name +
                                 " : pas de rapprochement automatique"
                           : count_word(entry.same_name_dossier_count, language) +
                                 " JeDéclare dossiers have the same legal name " + name + ": no automatic match";
        break;
    case dossier_reason::company_already_linked: {
        const company_ref* company = entry.same_name_companies.empty() ? nullptr : &entry.same_name_companies.front();
        std::string other_dossier;
        if (company != nullptr) {
            named_company = company->id;
            has_named_company = true;
            for (const taken_candidate& taken : entry.linked_elsewhere) {
                if (taken.company.id == company->id) {
                    other_dossier = taken.dossier_id;
                }
            }
        }
        const std::string company_text =
            company == nullptr ? std::string()
                               : " " + company_number(company->id, language) + " " +
                                     quoted(company->legal_name, max_name_chars);
        if (fr(language)) {
            out = "L'entreprise" + company_text +
                  " porte exactement cette raison sociale mais elle est déjà rapprochée " +
                  (other_dossier.empty() ? std::string("d'un autre dossier")
                                         : "du " + dossier_label(other_dossier, language));
        } else {
            out = "Company" + company_text + " has exactly this legal name but is already linked to " +
                  (other_dossier.empty() ? std::string("another dossier") : dossier_label(other_dossier, language));
        }
        break;
    }
    case dossier_reason::no_exact_match:
        out = fr(language) ? "Aucune entreprise de la plateforme ne porte exactement la raison sociale " + name
                           : "No company on the platform has exactly the legal name " + name;
        break;
    }

    if (!entry.candidates.empty()) {
        const std::string list = candidate_list(entry.candidates, entry.total_candidates, language, max_name_chars);
        const bool several = entry.total_candidates > 1;
        if (ambiguous) {
            out += fr(language) ? " ; candidates : " + list + " — choisissez l'entreprise à rapprocher."
                                : "; candidates: " + list + " — choose the company to link.";
        } else if (fr(language)) {
            out += std::string(several ? " ; entreprises proches : " : " ; entreprise proche : ") + list +
                   " — à confirmer.";
        } else {
            out += std::string(several ? "; close companies: " : "; close company: ") + list + " — to be confirmed.";
        }
    } else if (entry.reason == dossier_reason::no_exact_match) {
        out += fr(language) ? " ; aucune entreprise proche (même SIREN ou même nom normalisé)."
                            : "; no close company (same SIREN or same normalised name).";
    } else {
        out += ".";
    }

    std::vector<const taken_candidate*> notes;
    std::size_t already_named = 0;
    for (const taken_candidate& taken : entry.linked_elsewhere) {
        if (has_named_company && taken.company.id == named_company) {
            ++already_named;
        } else {
            notes.push_back(&taken);
        }
    }
    if (!notes.empty()) {
        out += fr(language) ? (notes.size() > 1 ? " Déjà rapprochées d'autres dossiers : "
                                                : " Déjà rapprochée d'un autre dossier : ")
                            : " Already linked to another dossier: ";
        for (std::size_t i = 0; i < notes.size(); ++i) {
            if (i != 0) {
                out += ", ";
            }
            out += quoted(notes[i]->company.legal_name, max_name_chars) + " (" +
                   company_number(notes[i]->company.id, language) + ", " +
                   reasons_text(notes[i]->reasons, language) + ", " + dossier_label(notes[i]->dossier_id, language) +
                   ")";
        }
        const std::size_t shown_total = notes.size() + already_named;
        out += more_suffix(shown_total, entry.linked_elsewhere_count, language) + ".";
    }
    if (entry.siren_status != identifier_status::absent && entry.siren_status != identifier_status::valid) {
        out += invalid_siren_sentence(entry.dossier.siren, entry.siren_status, language, max_name_chars);
    }
    if (entry.invalid_utf8_offset) {
        out += invalid_utf8_sentence(*entry.invalid_utf8_offset, language);
    }
    return out;
}

std::string company_message(const unmatched_company& entry, report_language language, std::size_t max_name_chars) {
    const std::string name = quoted(entry.company.legal_name, max_name_chars);
    std::string out;
    switch (entry.reason) {
    case company_reason::empty_name:
        out = fr(language) ? "L'entreprise n'a pas de raison sociale : aucun rapprochement possible"
                           : "The company has no legal name: it cannot be matched";
        break;
    case company_reason::ambiguous_company_name:
        out = fr(language) ? count_word(entry.same_name_company_count, language) +
                                 " entreprises de la plateforme portent la même raison sociale " + name +
                                 " : pas de rapprochement automatique avec le dossier qui la porte"
                           : count_word(entry.same_name_company_count, language) +
                                 " companies on the platform have the same legal name " + name +
                                 ": no automatic match with the dossier bearing it";
        break;
    case company_reason::ambiguous_dossier_name:
        out = fr(language) ? count_word(entry.same_name_dossier_count, language) +
                                 " dossiers JeDéclare portent la raison sociale " + name +
                                 " : pas de rapprochement automatique"
                           : count_word(entry.same_name_dossier_count, language) +
                                 " JeDéclare dossiers have the legal name " + name + ": no automatic match";
        break;
    case company_reason::dossier_already_linked: {
        const std::string dossier = entry.linked_dossier ? dossier_label(entry.linked_dossier->id, language)
                                                         : std::string("dossier");
        const std::string other = entry.linked_dossier_company
                                      ? company_label(*entry.linked_dossier_company, language)
                                      : std::string();
        out = fr(language) ? "Le " + dossier + " porte exactement la raison sociale " + name +
                                 " mais il est déjà rapproché de l'" + other
                           : "D" + dossier.substr(1) + " has exactly the legal name " + name +
                                 " but is already linked to " + other;
        break;
    }
    case company_reason::no_dossier:
        out = fr(language) ? "Aucun dossier JeDéclare ne porte exactement la raison sociale " + name
                           : "No JeDéclare dossier has exactly the legal name " + name;
        break;
    }
    if (entry.proposed_for_count > 0) {
        const std::string list = dossier_list(entry.proposed_for, entry.proposed_for_count, language, max_name_chars);
        if (fr(language)) {
            out += std::string(entry.proposed_for_count > 1 ? " ; proposée pour les dossiers "
                                                            : " ; proposée pour le dossier ") +
                   list + " — à confirmer.";
        } else {
            out += std::string(entry.proposed_for_count > 1 ? "; proposed for dossiers " : "; proposed for dossier ") +
                   list + " — to be confirmed.";
        }
    } else {
        out += ".";
    }
    if (entry.siren_status != identifier_status::absent && entry.siren_status != identifier_status::valid) {
        out += invalid_siren_sentence(entry.company.siren, entry.siren_status, language, max_name_chars);
    }
    if (entry.invalid_utf8_offset) {
        out += invalid_utf8_sentence(*entry.invalid_utf8_offset, language);
    }
    return out;
}

std::string warning_message(const match_warning& entry, report_language language, std::size_t max_name_chars) {
    const bool f = fr(language);
    const std::string dossier = entry.dossier_id ? dossier_label(*entry.dossier_id, language) : std::string();
    const std::string company = entry.company_id ? company_label(*entry.company_id, language) : std::string();
    const std::string dossier_named = dossier + (entry.dossier_name.empty() && !entry.dossier_id
                                                     ? std::string()
                                                     : " " + quoted(entry.dossier_name, max_name_chars));
    const std::string company_named = company + (entry.company_id ? " " + quoted(entry.company_name, max_name_chars)
                                                                  : std::string());
    auto capital = [](std::string text) {
        if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') {
            text[0] = static_cast<char>(text[0] - 'a' + 'A');
        }
        return text;
    };
    const std::string link = f ? "Lien enregistré " + dossier + " → " + company
                               : "Stored link " + dossier + " → " + company;
    const std::string value = quoted(entry.value, max_name_chars);
    switch (entry.code) {
    case warning_code::invalid_dossier_siren: {
        const std::string problem = siren_problem(check_siren(entry.value).status, language);
        return f ? capital(dossier_named) + " : SIREN invalide (" + value + ", " + problem +
                       ") — non utilisé pour proposer une entreprise."
                 : capital(dossier_named) + ": invalid SIREN (" + value + ", " + problem +
                       ") — not used to propose a company.";
    }
    case warning_code::invalid_company_siren: {
        const std::string problem = siren_problem(check_siren(entry.value).status, language);
        return f ? capital(company_named) + " : SIREN invalide (" + value + ", " + problem +
                       ") — non utilisé pour proposer un dossier."
                 : capital(company_named) + ": invalid SIREN (" + value + ", " + problem +
                       ") — not used to propose a dossier.";
    }
    case warning_code::invalid_dossier_siret:
        return f ? capital(dossier_named) + " : SIRET invalide (SIREN et NIC " + value + ")."
                 : capital(dossier_named) + ": invalid SIRET (SIREN and NIC " + value + ").";
    case warning_code::invalid_company_siret:
        return f ? capital(company_named) + " : SIRET invalide (" + value + ")."
                 : capital(company_named) + ": invalid SIRET (" + value + ").";
    case warning_code::siren_siret_mismatch:
        return f ? capital(company_named) + " : le SIRET " + value + " ne commence pas par le SIREN " +
                       quoted(entry.other_value, max_name_chars) + "."
                 : capital(company_named) + ": the SIRET " + value + " does not start with the SIREN " +
                       quoted(entry.other_value, max_name_chars) + ".";
    case warning_code::invalid_utf8_rs:
    case warning_code::invalid_utf8_legal_name: {
        const std::string who = capital(entry.code == warning_code::invalid_utf8_rs ? dossier_named : company_named);
        const std::string offset = std::to_string(parse_offset(entry.value));
        return f ? who + " : raison sociale en UTF-8 invalide (octet " + offset +
                       ") ; seule une raison sociale identique octet pour octet peut lui correspondre."
                 : who + ": the legal name is not valid UTF-8 (byte " + offset +
                       "); only a byte-for-byte identical name can match it.";
    }
    case warning_code::duplicate_dossier_id:
        return f ? "Le " + dossier + " apparaît plusieurs fois dans la liste JeDéclare : seule la première "
                                     "occurrence est prise en compte."
                 : capital(dossier) + " appears more than once in the JeDéclare list: only the first one is used.";
    case warning_code::duplicate_company_id:
        return f ? "L'" + company + " apparaît plusieurs fois dans la liste de la plateforme : seule la première "
                                    "occurrence est prise en compte."
                 : capital(company) + " appears more than once in the platform's list: only the first one is used.";
    case warning_code::link_siren_mismatch:
        return f ? "Lien " + dossier_named + " → " + company_named + " : SIREN différents (" + value + " et " +
                       quoted(entry.other_value, max_name_chars) + ") — vérifiez ce lien."
                 : "Link " + dossier_named + " → " + company_named + ": different SIRENs (" + value + " and " +
                       quoted(entry.other_value, max_name_chars) + ") — check this link.";
    case warning_code::link_dossier_missing:
        return f ? link + " : le dossier n'existe plus chez JeDéclare ; lien abandonné."
                 : link + ": the dossier no longer exists on JeDéclare; link dropped.";
    case warning_code::link_company_missing:
        return f ? link + " : l'entreprise n'existe plus sur la plateforme ; lien abandonné."
                 : link + ": the company no longer exists on the platform; link dropped.";
    case warning_code::link_name_changed:
        return f ? "Lien exact enregistré " + dossier_named + " → " + company_named +
                       " : les raisons sociales ne sont plus identiques ; lien suspendu, à confirmer de nouveau."
                 : "Stored exact link " + dossier_named + " → " + company_named +
                       ": the legal names are no longer identical; link suspended, to be confirmed again.";
    case warning_code::link_duplicate:
        return f ? link + " : le dossier a déjà un autre lien ; ce lien est ignoré."
                 : link + ": the dossier already has another link; this one is ignored.";
    }
    return {};
}

} // namespace jd::admin
