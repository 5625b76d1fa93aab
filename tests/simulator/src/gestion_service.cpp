#include "jdsim/gestion_service.hpp"

#include "jdsim/base64.hpp"
#include "jdsim/xml_text.hpp"

#include <algorithm>

namespace jdsim {
namespace {

constexpr std::string_view xml_declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

http_answer xml_answer(std::string body) {
    http_answer a;
    a.status = 200;
    a.content_type = "application/xml;charset=UTF-8";
    a.body = std::move(body);
    return a;
}

http_answer unauthorized() {
    http_answer a = text_answer(401, "Authentification requise (HTTP Basic, compte de flux JeDéclare)");
    a.headers.emplace_back("WWW-Authenticate", "Basic realm=\"jdc-users\"");
    return a;
}

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t p = 0;
    while (p < path.size()) {
        const std::size_t slash = std::min(path.find('/', p), path.size());
        if (slash > p) parts.push_back(path.substr(p, slash - p));
        p = slash + 1;
    }
    return parts;
}

void rib_fields(std::string& out, const rib_account& r, const dossier& d) {
    xml_element(out, "id", r.id);
    xml_element(out, "libelle", r.libelle);
    xml_element(out, "civiliteTitulaire", "");
    xml_element(out, "nomTitulaire", d.rs);
    xml_element(out, "prenomTitulaire", "");
    xml_element(out, "etablissement", r.bank);
    xml_element(out, "guichet", r.branch);
    xml_element(out, "numCompte", r.number);
    xml_element(out, "cle", r.key);
}

}  // namespace

gestion_service::gestion_service(const firm& f, dossier_list_shape shape, date first_statement_day)
    : firm_(f), shape_(shape), first_day_(first_statement_day) {
    for (std::uint32_t c = 0; c < f.comptes.size(); ++c) dossier_lists_.push_back(dossier_list(c));
}

std::string gestion_service::dossier_list(std::uint32_t compte) const {
    const std::string_view wrapper = shape_ == dossier_list_shape::idocus ? "dossier" : "dossierClient";
    std::string out;
    out += xml_declaration;
    out += "<listeDossiers xmlns=\"";
    out += gestion_namespace;
    out += "\">";
    for (const auto& d : firm_.dossiers) {
        if (!std::binary_search(d.comptes.begin(), d.comptes.end(), compte)) continue;
        out += '<';
        out += wrapper;
        out += "><client>";
        xml_element(out, "id", d.id);
        out += "<siretPrincipal>";
        xml_element(out, "siren", d.siren);
        xml_element(out, "nic", d.nic);
        out += "</siretPrincipal>";
        xml_element(out, "rs", d.rs);
        out += "<responsable>";
        xml_element(out, "civilite", d.responsable.civilite);
        xml_element(out, "nom", d.responsable.last);
        xml_element(out, "prenom", d.responsable.first);
        out += "</responsable></client>";
        xml_element(out, "exploitationDonnees", "true");
        out += "</";
        out += wrapper;
        out += '>';
    }
    out += "</listeDossiers>";
    return out;
}

std::string gestion_service::rib_list(const dossier& d) const {
    std::string out;
    out += xml_declaration;
    out += "<listeRibs xmlns=\"";
    out += gestion_namespace;
    out += "\">";
    for (std::uint32_t ri : d.ribs) {
        out += "<rib>";
        rib_fields(out, firm_.ribs[ri], d);
        out += "</rib>";
    }
    out += "</listeRibs>";
    return out;
}

std::string gestion_service::releve_list(const dossier& d, std::uint32_t) const {
    std::string out;
    out += xml_declaration;
    out += "<listeReleves xmlns=\"";
    out += gestion_namespace;
    out += "\">";
    for (std::uint32_t ri : d.ribs) {
        const rib_account& r = firm_.ribs[ri];
        const compte_config& dest = firm_.comptes[firm_.groups[r.group].compte];
        out += "<releve>";
        xml_element(out, "id", std::to_string(900000 + ri));
        xml_element(out, "etat", "2");
        xml_element(out, "typeLiaison", "1");
        xml_element(out, "causeRejet", "");
        out += "<destinataire>";
        xml_element(out, "id", dest.gestion_id.value_or(""));
        xml_element(out, "login", dest.login);
        out += "</destinataire><rib>";
        rib_fields(out, r, d);
        out += "</rib><periodicite>";
        xml_element(out, "id", "1");
        out += "</periodicite>";
        xml_element(out, "dateReprise", first_day_.iso());
        out += "</releve>";
    }
    out += "</listeReleves>";
    return out;
}

http_answer gestion_service::handle(std::string_view method, std::string_view target, std::string_view authorization,
                                    bool credentials_refused) const {
    std::string_view path = target.substr(0, target.find('?'));
    if (!path.starts_with(gestion_prefix)) return text_answer(404, "Ressource inconnue : " + std::string(path));
    const auto parts = split_path(path.substr(gestion_prefix.size()));

    // Authentication comes first, as with a servlet container's realm.
    std::optional<std::uint32_t> compte;
    if (authorization.size() > 6 && (authorization.substr(0, 6) == "Basic " || authorization.substr(0, 6) == "basic ")) {
        const auto decoded = base64_decode(authorization.substr(6));
        if (decoded) {
            const auto colon = decoded->find(':');
            if (colon != std::string::npos) {
                const std::string login = decoded->substr(0, colon);
                const std::string password = decoded->substr(colon + 1);
                for (std::uint32_t c = 0; c < firm_.comptes.size(); ++c)
                    if (firm_.comptes[c].login == login && firm_.comptes[c].password == password) compte = c;
            }
        }
    }
    if (!compte || credentials_refused) return unauthorized();

    if (parts.size() < 3 || parts[0] != "compte" || parts[2] != "dossierClient")
        return text_answer(404, "Ressource inconnue : " + std::string(path));
    const compte_config& cc = firm_.comptes[*compte];
    if (!cc.gestion_id || *cc.gestion_id != parts[1])
        return text_answer(404, "Compte " + std::string(parts[1]) + " inconnu");
    if (method != "GET") {
        http_answer a = text_answer(405, "Méthode " + std::string(method) + " non disponible sur ce simulateur (lecture seule)");
        a.headers.emplace_back("Allow", "GET");
        return a;
    }
    if (parts.size() == 3) return xml_answer(dossier_lists_[*compte]);

    const std::int32_t di = firm_.find_dossier(parts[3]);
    if (di < 0) return text_answer(404, "Dossier " + std::string(parts[3]) + " inconnu");
    const dossier& d = firm_.dossiers[static_cast<std::size_t>(di)];
    if (!std::binary_search(d.comptes.begin(), d.comptes.end(), *compte))
        return text_answer(404, "Dossier " + std::string(parts[3]) + " inconnu pour ce compte");
    if (parts.size() == 5 && parts[4] == "rib") return xml_answer(rib_list(d));
    if (parts.size() == 5 && parts[4] == "releve") return xml_answer(releve_list(d, *compte));
    return text_answer(404, "Ressource inconnue : " + std::string(path));
}

}  // namespace jdsim
