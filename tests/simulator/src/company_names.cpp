#include "jdsim/company_names.hpp"

#include "jdsim/french_text.hpp"
#include "jdsim/rng.hpp"

#include <span>

namespace jdsim {
namespace {

using pool = std::span<const std::string_view>;

constexpr std::string_view surnames[] = {
    "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU",
    "SIMON", "LAURENT", "LEFÈBVRE", "MICHEL", "GARCIA", "DAVID", "BERTRAND", "ROUX", "VINCENT", "FOURNIER",
    "MOREL", "GIRARD", "ANDRÉ", "LEFÈVRE", "MERCIER", "DUPONT", "LAMBERT", "BONNET", "FRANÇOIS", "MARTINEZ",
    "LEGRAND", "GARNIER", "FAURE", "ROUSSEAU", "BLANC", "GUÉRIN", "MULLER", "HENRY", "ROUSSEL", "NICOLAS",
    "PERRIN", "MORIN", "MATHIEU", "CLÉMENT", "GAUTHIER", "DUMONT", "LOPEZ", "FONTAINE", "CHEVALIER", "ROBIN",
    "MASSON", "SANCHEZ", "GÉRARD", "NGUYEN", "BOYER", "DENIS", "LEMAIRE", "DUVAL", "JOLY", "GAUTIER",
    "ROGER", "ROCHE", "NOËL", "MEYER", "LUCAS", "MEUNIER", "PÉREZ", "MARCHAND", "DUFOUR", "BLANCHARD",
    "BARBIER", "BRUN", "DUMAS", "BRUNET", "SCHMITT", "LEROUX", "COLIN", "FERNANDEZ", "RENARD", "ARNAUD",
    "ROLLAND", "CARON", "AUBERT", "GIRAUD", "LECLERC", "VIDAL", "BOURGEOIS", "RENAUD", "LEMOINE", "PICARD",
    "GAILLARD", "LECLERCQ", "LACROIX", "FABRE", "DUPUIS", "OLIVIER", "HUBERT", "GUILLOT", "RIVIÈRE", "LE GALL",
    "GUILLAUME", "ADAM", "RÉMY", "MOULIN", "AUBRY", "D'ALMEIDA", "DE LA FONTAINE", "L'HERMITE", "O'NEILL", "DA SILVA",
    "LE BRETON", "CHÂTELAIN", "BÉRANGER", "DESCHAMPS", "GODEFROY", "HÉBERT", "JOUBERT", "KIEFFER", "LAFORÊT", "PRÉVOST",
};

constexpr std::string_view activities[] = {
    "BOULANGERIE", "PÂTISSERIE", "BOUCHERIE", "CHARCUTERIE", "GARAGE", "PLOMBERIE", "ÉLECTRICITÉ", "MENUISERIE",
    "TRANSPORTS", "IMMOBILIER", "CONSEIL", "INFORMATIQUE", "COIFFURE", "PHARMACIE", "RESTAURANT", "CAFÉ",
    "HÔTEL", "CRÊPERIE", "FROMAGERIE", "CAVE", "OPTIQUE", "AMBULANCES", "TAXIS", "PAYSAGES", "BÂTIMENT",
    "CHARPENTE", "COUVERTURE", "PEINTURE", "CARRELAGE", "MAÇONNERIE", "AUTO-ÉCOLE", "FLEURS", "LIBRAIRIE",
    "NETTOYAGE", "SÉCURITÉ", "ÉBÉNISTERIE", "DISTRIBUTION", "EXPERTISE", "INGÉNIERIE", "LOGISTIQUE",
    "COMMUNICATION", "FORMATION", "TRAITEUR", "BRASSERIE", "ÉPICERIE", "VÉTÉRINAIRE", "KINÉSITHÉRAPIE", "DÉCORATION",
};

constexpr std::string_view places[] = {
    "DU MOULIN", "DE L'ÉTANG", "DES TILLEULS", "DU CHÂTEAU", "DE LA GARE", "DU PORT", "DES ALPES", "DE PROVENCE",
    "DU LAC", "SAINT-MICHEL", "DE L'OUEST", "DES VOSGES", "DU VAL DE LOIRE", "D'AQUITAINE", "DE BRETAGNE", "DU MIDI",
    "DES ÎLES", "DE LA CÔTE", "DU CENTRE", "DES HALLES", "DU MARCHÉ", "DE L'ABBAYE", "DES CÈDRES", "DU PRIEURÉ",
    "DE LA FORÊT", "DES VIGNES", "DU PONT NEUF", "DE L'ÉGLISE", "DES QUATRE VENTS", "DU BOCAGE",
};

constexpr std::string_view emblems[] = {
    "L'ÉTOILE", "HORIZON", "ATLAS", "ZÉNITH", "ÉQUINOXE", "PHÉNIX", "AURORE", "CÉLESTE", "ÉLAN", "ESSOR",
    "L'OLIVIER", "L'ARCHE", "OMÉGA", "PRISME", "CAP NORD", "L'ÉCLUSE", "HÉLIOS", "BOREAL", "L'ATELIER", "ÉMERAUDE",
};

constexpr std::string_view collectives[] = {
    "LES JARDINS", "LES ATELIERS", "LES CAVES", "LES VERGERS", "LES DÉLICES", "LES CHAIS", "LES ARTISANS",
    "LES COMPAGNONS", "LES SAVEURS", "LES MAISONS",
};

constexpr std::string_view first_names_m[] = {
    "Jean", "Pierre", "François", "Michel", "Éric", "Stéphane", "Jérôme", "Frédéric", "Sébastien", "Nicolas",
    "Thierry", "Hervé", "Loïc", "Benoît", "Gaël", "Jean-Luc", "Rémi", "Mathieu", "Hugo", "Noël",
};
constexpr std::string_view first_names_f[] = {
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Hélène", "Céline", "Sophie", "Valérie", "Anaïs", "Chloé",
    "Émilie", "Françoise", "Laetitia", "Mélanie", "Agnès", "Joëlle", "Léa", "Zoé", "Béatrice", "Marie-Hélène",
};

std::string_view pick(rng& r, pool p) { return p[static_cast<std::size_t>(r.below(p.size()))]; }

std::string join(std::string_view a, std::string_view b) {
    std::string s(a);
    s += ' ';
    s += b;
    return s;
}

// The legal form fits the activity: SCI for property, SELARL for liberal professions, EARL/GAEC on farms.
std::string choose_form(rng& r, std::string_view core) {
    if (core.starts_with("SCI ")) return {};
    const bool liberal = core.find("PHARMACIE") != std::string_view::npos ||
                         core.find("VÉTÉRINAIRE") != std::string_view::npos ||
                         core.find("KINÉSITHÉRAPIE") != std::string_view::npos;
    if (liberal) return r.chance(0.7) ? "SELARL" : "SARL";
    if (core.find("VIGNES") != std::string_view::npos || core.find("VERGERS") != std::string_view::npos)
        return r.chance(0.5) ? "EARL" : "GAEC";
    const double x = r.unit();
    if (x < 0.32) return "SARL";
    if (x < 0.58) return "SAS";
    if (x < 0.70) return "SASU";
    if (x < 0.81) return "EURL";
    if (x < 0.85) return "SA";
    if (x < 0.89) return "SNC";
    if (x < 0.92) return "SCOP";
    return {};
}

std::string make_core(rng& r) {
    const std::uint64_t pattern = r.below(100);
    if (pattern < 22) return join(pick(r, activities), pick(r, surnames));
    if (pattern < 38) return join(pick(r, activities), pick(r, places));
    if (pattern < 46) {
        std::string s(pick(r, surnames));
        s += r.chance(0.5) ? " & FILS" : " ET FILS";
        return s;
    }
    if (pattern < 56) {
        std::string a(pick(r, surnames));
        std::string b(pick(r, surnames));
        if (a == b) b = "ASSOCIÉS";
        return a + (r.chance(0.55) ? " & " : " ET ") + b;
    }
    if (pattern < 68) {
        std::string s(pick(r, emblems));
        if (r.chance(0.7)) s = join(s, pick(r, activities));
        return s;
    }
    if (pattern < 78) return "SCI " + std::string(r.chance(0.5) ? pick(r, places) : pick(r, emblems));
    if (pattern < 86) return join(pick(r, collectives), pick(r, places));
    if (pattern < 93) return join(pick(r, surnames), pick(r, activities));
    return join(join(pick(r, activities), pick(r, surnames)), "ET ASSOCIÉS");
}

// "SARL" -> "S.A.R.L."
std::string dot_letters(std::string_view form) {
    std::string s;
    for (char c : form) {
        s += c;
        s += '.';
    }
    return s;
}

}  // namespace

std::string company_name::render() const {
    switch (position) {
        case form_position::before: return legal_form + " " + core;
        case form_position::after: return core + " " + legal_form;
        case form_position::none: break;
    }
    return core;
}

company_name make_company_name(std::uint64_t seed, std::uint64_t index) {
    rng r = rng_for(seed, stream::names, index);
    company_name name;
    name.core = make_core(r);
    name.legal_form = choose_form(r, name.core);
    if (name.legal_form.empty())
        name.position = form_position::none;
    else
        name.position = r.chance(0.62) ? form_position::before : form_position::after;
    // Most raisons sociales are in capitals; some were typed in mixed case.
    if (r.chance(0.12)) name.core = title_fr(name.core);
    return name;
}

person_name make_person_name(std::uint64_t seed, std::uint64_t index) {
    rng r = rng_for(seed, stream::names, index, 0x9e75);
    person_name p;
    const bool woman = r.chance(0.5);
    p.civilite = woman ? "Mme" : "M.";
    p.first = std::string(woman ? pick(r, first_names_f) : pick(r, first_names_m));
    p.last = title_fr(pick(r, surnames));
    return p;
}

const std::vector<std::string>& merchant_names() {
    static const std::vector<std::string> names = {
        "CARREFOUR MARKET", "E.LECLERC", "INTERMARCHÉ", "TOTALENERGIES", "SNCF INTERNET", "AMAZON EU SARL",
        "LA POSTE", "BRICO DÉPÔT", "CAFÉ DE LA GARE", "FNAC", "IKEA", "AIR FRANCE", "LEROY MERLIN", "CASTORAMA",
        "METRO CASH", "PROMOCASH", "BOULANGERIE DU MARCHÉ", "RESTAURANT L'ÉCLUSE", "HÔTEL DU COMMERCE",
        "STATION ESSO", "PÉAGE APRR", "PÉAGE VINCI", "UBER BV", "OVH SAS", "GOOGLE IRELAND", "MICROSOFT",
        "BUREAU VALLÉE", "LYRECO", "MANUTAN", "CDISCOUNT",
    };
    return names;
}

const std::vector<std::string>& creditor_names() {
    static const std::vector<std::string> names = {
        "EDF", "ENGIE", "ORANGE SA", "SFR", "FREE MOBILE", "URSSAF ILE DE FRANCE", "DGFIP", "AXA FRANCE IARD",
        "MAAF ASSURANCES", "ALLIANZ IARD", "MMA IARD", "GROUPAMA", "DIAC LOCATION", "BNP PARIBAS LEASE",
        "VEOLIA EAU", "SUEZ EAU FRANCE", "MALAKOFF HUMANIS", "AG2R LA MONDIALE", "KLESIA", "PRO BTP",
    };
    return names;
}

std::string_view to_string(name_quirk q) {
    switch (q) {
        case name_quirk::letter_case: return "letter_case";
        case name_quirk::accents: return "accents";
        case name_quirk::apostrophe: return "apostrophe";
        case name_quirk::ampersand: return "ampersand";
        case name_quirk::dotted_form: return "dotted_form";
        case name_quirk::moved_form: return "moved_form";
    }
    return "unknown";
}

std::optional<std::string> apply_quirk(const company_name& name, name_quirk q) {
    const std::string rs = name.render();
    switch (q) {
        case name_quirk::letter_case: {
            // Capitals become title case and the other way round.
            const std::string upper = upper_fr(rs);
            std::string v = upper == rs ? title_fr(rs) : upper;
            if (v == rs) return std::nullopt;
            return v;
        }
        case name_quirk::accents: {
            if (!has_accent(rs)) return std::nullopt;
            return strip_accents(rs);
        }
        case name_quirk::apostrophe: {
            const auto pos = rs.find('\'');
            if (pos == std::string::npos) return std::nullopt;
            std::string v = rs;
            v.replace(pos, 1, "\xE2\x80\x99");  // U+2019
            return v;
        }
        case name_quirk::ampersand: {
            std::string v = rs;
            if (auto pos = v.find(" & "); pos != std::string::npos) {
                v.replace(pos, 3, " ET ");
                return v;
            }
            if (auto pos = v.find(" ET "); pos != std::string::npos) {
                v.replace(pos, 4, " & ");
                return v;
            }
            return std::nullopt;
        }
        case name_quirk::dotted_form: {
            if (name.legal_form.empty() || name.legal_form.size() > 6) return std::nullopt;
            company_name v = name;
            v.legal_form = dot_letters(name.legal_form);
            return v.render();
        }
        case name_quirk::moved_form: {
            if (name.position == form_position::none) return std::nullopt;
            company_name v = name;
            v.position = name.position == form_position::before ? form_position::after : form_position::before;
            return v.render();
        }
    }
    return std::nullopt;
}

}  // namespace jdsim
