#include "admin/legal_forms.hpp"

#include <algorithm>

namespace jd::admin {

namespace {

struct phrase_source {
    std::string_view words;
    std::string_view canonical;
    std::uint32_t family;
};

// Abbreviations as written (dots are removed earlier: "S.A.R.L." arrives as "SARL") and the long forms
// in full, elisions split ("D'EXERCICE" arrives as "D EXERCICE").
constexpr phrase_source sources[] = {
    // Generic company words: no family.
    {"SOCIETE", "SOCIETE", legal_family::none},
    {"STE", "STE", legal_family::none},
    {"ETS", "ETS", legal_family::none},
    {"ETABLISSEMENT", "ETS", legal_family::none},
    {"ETABLISSEMENTS", "ETS", legal_family::none},
    {"CIE", "CIE", legal_family::none},
    {"ET CIE", "CIE", legal_family::none},
    {"ET COMPAGNIE", "CIE", legal_family::none},

    {"SARL", "SARL", legal_family::sarl},
    {"EURL", "EURL", legal_family::sarl},
    {"SARLU", "SARL", legal_family::sarl},
    {"SARL UNIPERSONNELLE", "SARL", legal_family::sarl},
    {"SOCIETE A RESPONSABILITE LIMITEE", "SARL", legal_family::sarl},
    {"ENTREPRISE UNIPERSONNELLE A RESPONSABILITE LIMITEE", "EURL", legal_family::sarl},

    {"SAS", "SAS", legal_family::sas},
    {"SASU", "SASU", legal_family::sas},
    {"SAS UNIPERSONNELLE", "SASU", legal_family::sas},
    {"SOCIETE PAR ACTIONS SIMPLIFIEE", "SAS", legal_family::sas},
    {"SOCIETE PAR ACTIONS SIMPLIFIEE UNIPERSONNELLE", "SASU", legal_family::sas},
    {"SOCIETE PAR ACTIONS SIMPLIFIEE A ASSOCIE UNIQUE", "SASU", legal_family::sas},

    {"SA", "SA", legal_family::sa},
    {"SOCIETE ANONYME", "SA", legal_family::sa},

    {"SNC", "SNC", legal_family::snc},
    {"SOCIETE EN NOM COLLECTIF", "SNC", legal_family::snc},

    {"SCS", "SCS", legal_family::scs},
    {"SOCIETE EN COMMANDITE SIMPLE", "SCS", legal_family::scs},

    {"SCA", "SCA", legal_family::sca},
    {"SOCIETE EN COMMANDITE PAR ACTIONS", "SCA", legal_family::sca},

    {"SE", "SE", legal_family::se},
    {"SOCIETE EUROPEENNE", "SE", legal_family::se},

    {"SC", "SC", legal_family::sc},
    {"SOCIETE CIVILE", "SC", legal_family::sc},

    {"SCI", "SCI", legal_family::sci},
    {"SOCIETE CIVILE IMMOBILIERE", "SCI", legal_family::sci},

    {"SCP", "SCP", legal_family::scp},
    {"SOCIETE CIVILE PROFESSIONNELLE", "SCP", legal_family::scp},

    {"SCM", "SCM", legal_family::scm},
    {"SOCIETE CIVILE DE MOYENS", "SCM", legal_family::scm},

    {"SELARL", "SELARL", legal_family::selarl},
    {"SELEURL", "SELEURL", legal_family::selarl},
    {"SELURL", "SELEURL", legal_family::selarl},
    {"SOCIETE D EXERCICE LIBERAL A RESPONSABILITE LIMITEE", "SELARL", legal_family::selarl},

    {"SELAS", "SELAS", legal_family::selas},
    {"SELASU", "SELASU", legal_family::selas},
    {"SOCIETE D EXERCICE LIBERAL PAR ACTIONS SIMPLIFIEE", "SELAS", legal_family::selas},

    {"SELAFA", "SELAFA", legal_family::selafa},
    {"SOCIETE D EXERCICE LIBERAL A FORME ANONYME", "SELAFA", legal_family::selafa},

    {"SELCA", "SELCA", legal_family::selca},
    {"SOCIETE D EXERCICE LIBERAL EN COMMANDITE PAR ACTIONS", "SELCA", legal_family::selca},

    {"SCOP", "SCOP", legal_family::scop},
    {"SOCIETE COOPERATIVE ET PARTICIPATIVE", "SCOP", legal_family::scop},
    {"SOCIETE COOPERATIVE DE PRODUCTION", "SCOP", legal_family::scop},
    {"SOCIETE COOPERATIVE OUVRIERE DE PRODUCTION", "SCOP", legal_family::scop},

    {"SCIC", "SCIC", legal_family::scic},
    {"SOCIETE COOPERATIVE D INTERET COLLECTIF", "SCIC", legal_family::scic},

    {"SCEA", "SCEA", legal_family::scea},
    {"SOCIETE CIVILE D EXPLOITATION AGRICOLE", "SCEA", legal_family::scea},

    {"EARL", "EARL", legal_family::earl},
    {"EXPLOITATION AGRICOLE A RESPONSABILITE LIMITEE", "EARL", legal_family::earl},

    {"GAEC", "GAEC", legal_family::gaec},
    {"GROUPEMENT AGRICOLE D EXPLOITATION EN COMMUN", "GAEC", legal_family::gaec},

    {"GIE", "GIE", legal_family::gie},
    {"GROUPEMENT D INTERET ECONOMIQUE", "GIE", legal_family::gie},

    {"EI", "EI", legal_family::ei},
    {"EIRL", "EIRL", legal_family::ei},
    {"ENTREPRISE INDIVIDUELLE", "EI", legal_family::ei},
    {"ENTREPRISE INDIVIDUELLE A RESPONSABILITE LIMITEE", "EIRL", legal_family::ei},

    {"SEM", "SEM", legal_family::sem},
    {"SAEM", "SEM", legal_family::sem},
    {"SOCIETE D ECONOMIE MIXTE", "SEM", legal_family::sem},
    {"SOCIETE ANONYME D ECONOMIE MIXTE", "SEM", legal_family::sem},
};

std::vector<legal_form_phrase> build_phrases() {
    std::vector<legal_form_phrase> phrases;
    phrases.reserve(std::size(sources));
    for (const phrase_source& source : sources) {
        legal_form_phrase phrase;
        std::string_view rest = source.words;
        while (!rest.empty()) {
            const std::size_t space = rest.find(' ');
            phrase.tokens.emplace_back(rest.substr(0, space));
            rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
        }
        phrase.canonical = std::string(source.canonical);
        phrase.family = source.family;
        phrases.push_back(std::move(phrase));
    }
    std::stable_sort(phrases.begin(), phrases.end(), [](const legal_form_phrase& a, const legal_form_phrase& b) {
        return a.tokens.size() > b.tokens.size();
    });
    return phrases;
}

} // namespace

std::span<const legal_form_phrase> legal_form_phrases() {
    static const std::vector<legal_form_phrase> phrases = build_phrases();
    return phrases;
}

} // namespace jd::admin
