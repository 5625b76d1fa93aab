#include "jdsim/soap_service.hpp"

#include "jdsim/base64.hpp"
#include "jdsim/compte.hpp"
#include "jdsim/gzip.hpp"
#include "jdsim/xml_text.hpp"

#include <algorithm>
#include <cstdio>

namespace jdsim {
namespace {

constexpr std::string_view envelope_open =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\">"
    "<SOAP-ENV:Header/><SOAP-ENV:Body>";
constexpr std::string_view envelope_close = "</SOAP-ENV:Body></SOAP-ENV:Envelope>";

constexpr std::string_view list_response = "ListeDisponibiliteV2Response";
constexpr std::string_view download_response = "DemandeAccuseResponse";

// Opens <ns2:{op} xmlns:ns2="..."> and writes codeRetour and message, the first children.
void open_response(std::string& out, std::string_view op, std::string_view code, std::string_view message) {
    out += envelope_open;
    out += "<ns2:";
    out += op;
    out += " xmlns:ns2=\"";
    out += communication_namespace;
    out += "\">";
    xml_element(out, "ns2:codeRetour", code);
    xml_element(out, "ns2:message", message);
}

void close_response(std::string& out, std::string_view op) {
    out += "</ns2:";
    out += op;
    out += '>';
    out += envelope_close;
}

http_answer soap_answer(std::string body, std::string code) {
    http_answer a;
    a.status = 200;
    a.content_type = "text/xml;charset=utf-8";
    a.body = std::move(body);
    a.return_code = std::move(code);
    return a;
}

http_answer coded(std::string_view op, std::string_view code, std::string_view message) {
    std::string body;
    open_response(body, op, code, message);
    close_response(body, op);
    return soap_answer(std::move(body), std::string(code));
}

bool present(const std::optional<std::string>& v) { return v && !v->empty(); }

std::string lower(std::string_view s) {
    std::string r(s);
    for (auto& c : r)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return r;
}

std::string publication_time(date d) {
    const int offset = d.paris_offset_minutes();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%sT06:00:00.000+%02d:%02d", d.iso().c_str(), offset / 60, offset % 60);
    return buf;
}

constexpr std::string_view list_types[] = {"99", "98", "97", "00", "01", "02", "03"};

}  // namespace

http_answer soap_service::fault(std::string_view faultcode, std::string_view faultstring) {
    std::string body;
    body += envelope_open;
    body += "<SOAP-ENV:Fault><faultcode>SOAP-ENV:";
    body += faultcode;
    body += "</faultcode><faultstring xml:lang=\"fr\">";
    xml_append_escaped(body, faultstring);
    body += "</faultstring></SOAP-ENV:Fault>";
    body += envelope_close;
    http_answer a;
    a.status = 500;
    a.content_type = "text/xml;charset=utf-8";
    a.body = std::move(body);
    a.return_code = "fault";
    return a;
}

std::optional<std::uint32_t> soap_service::authenticate(const soap_request& req) const {
    if (!req.nom || !req.mot_de_passe) return std::nullopt;
    for (std::uint32_t c = 0; c < firm_.comptes.size(); ++c)
        if (firm_.comptes[c].login == *req.nom && firm_.comptes[c].password == *req.mot_de_passe) return c;
    return std::nullopt;
}

http_answer soap_service::handle(const soap_request& req, std::optional<fault_type> forced) const {
    if (req.envelope_namespace == soap12_namespace)
        return fault("VersionMismatch", "Ce service parle SOAP 1.1 (http://schemas.xmlsoap.org/soap/envelope/), pas SOAP 1.2");
    if (req.envelope_namespace != soap11_namespace)
        return fault("VersionMismatch", "Espace de noms de l'enveloppe inattendu : " + req.envelope_namespace);
    if (req.operation_name.empty()) return fault("Client", "Corps SOAP vide : aucune opération demandée");
    if (req.operation == soap_operation::other || req.operation_namespace != communication_namespace)
        return fault("Client", "Aucune opération ne correspond à {" + req.operation_namespace + "}" + req.operation_name +
                                   " (attendu ListeDisponibiliteV2Request ou DemandeAccuseRequest dans l'espace de noms " +
                                   std::string(communication_namespace) + ")");

    const std::string_view op = req.operation == soap_operation::list ? list_response : download_response;
    if (!req.has_authentification || !present(req.nom) || !req.mot_de_passe)
        return coded(op, "06", "Authentification refusée : bloc Authentification (nom, motDePasse) absent ou incomplet");
    const auto compte = authenticate(req);
    if (!compte || forced == fault_type::invalid_credentials)
        return coded(op, "06", "Authentification refusée");
    if (!req.has_identification || !present(req.editeur) || !present(req.logiciel))
        return coded(op, "05", "Requête mal formée : le bloc Identification (editeur, logiciel, version) est obligatoire");
    if (forced == fault_type::code99) return coded(op, "99", "Problème technique, veuillez réessayer ultérieurement");
    return req.operation == soap_operation::list ? list(req, *compte) : download(req, *compte);
}

http_answer soap_service::list(const soap_request& req, std::uint32_t compte) const {
    const std::string_view op = list_response;
    if (!req.has_requete_liste) return coded(op, "05", "Requête mal formée : bloc RequeteListe absent");

    if (!present(req.type_procedure)) return coded(op, "11", "Téléprocédure incorrecte : typeProcedure est obligatoire");
    const auto& known = known_procedures();
    if (std::find(known.begin(), known.end(), *req.type_procedure) == known.end())
        return coded(op, "11", "Téléprocédure incorrecte : " + *req.type_procedure + " est inconnue");
    const compte_config& cc = firm_.comptes[compte];
    if (!cc.subscribes(*req.type_procedure))
        return coded(op, "11", "Téléprocédure incorrecte : " + *req.type_procedure + " n'est pas souscrite pour ce compte");

    const std::string statut = present(req.statut_piece) ? *req.statut_piece : "01";
    if (statut != "00" && statut != "01")
        return coded(op, "05", "Requête mal formée : statutPiece vaut 00 (non récupérées) ou 01 (toutes), pas " + statut);
    const std::string liste = present(req.type_de_liste) ? *req.type_de_liste : "99";
    if (std::find(std::begin(list_types), std::end(list_types), liste) == std::end(list_types))
        return coded(op, "05", "Requête mal formée : typeDeListe " + liste + " inconnu (99, 98, 97, 00, 01, 02 ou 03)");

    piece_store::filter f;
    f.only_unretrieved = statut == "00";
    if (present(req.date_debut)) {
        f.from = date::parse_fr(*req.date_debut);
        if (!f.from) return coded(op, "05", "Requête mal formée : dateDebut " + *req.date_debut + " n'est pas une date JJ/MM/AAAA");
    }
    if (present(req.date_fin)) {
        f.to = date::parse_fr(*req.date_fin);
        if (!f.to) return coded(op, "05", "Requête mal formée : dateFin " + *req.date_fin + " n'est pas une date JJ/MM/AAAA");
    }
    if (f.from && f.to) {
        if (*f.to < *f.from) return coded(op, "05", "Requête mal formée : dateFin précède dateDebut");
        if (*f.to > f.from->plus_months(18))
            return coded(op, "05", "Requête mal formée : la période demandée dépasse 18 mois");
    }
    if (present(req.identifiant_dossier)) f.dossier_id = *req.identifiant_dossier;

    // Bank statements are receptions (typePiece 03) of the RELEVE procedure.
    const bool receptions = liste == "99" || liste == "97" || liste == "03";
    std::vector<piece_store::listed> items;
    if (receptions && *req.type_procedure == "RELEVE")
        items = store_.list(compte, piece_store::couple_key(*req.editeur, *req.logiciel), f);

    std::string body;
    body.reserve(400 + items.size() * 160);
    open_response(body, op, "00", "Traitement effectué");
    body += "<ns2:liste>";
    char num[24];
    for (const auto& it : items) {
        const int len = std::snprintf(num, sizeof num, "%llu", static_cast<unsigned long long>(it.numero));
        body += "<ns2:item><ns2:numero>";
        body.append(num, static_cast<std::size_t>(len));
        body += "</ns2:numero><ns2:statut>";
        body += it.retrieved ? "01" : "00";
        body += "</ns2:statut><ns2:typeDePiece>03</ns2:typeDePiece><ns2:numeroADS></ns2:numeroADS></ns2:item>";
    }
    body += "</ns2:liste>";
    close_response(body, op);
    return soap_answer(std::move(body), "00");
}

http_answer soap_service::download(const soap_request& req, std::uint32_t compte) const {
    const std::string_view op = download_response;
    if (!req.has_requete_piece) return coded(op, "05", "Requête mal formée : bloc RequeteDemandePiece absent");

    const std::string mime = present(req.mime_type_reponse) ? lower(*req.mime_type_reponse) : "autre";
    const bool gzip = mime == "application/gzip" || mime == "application/x-gzip";
    if (!gzip && mime != "autre")
        return coded(op, "04", "Type de compression non supporté : " + *req.mime_type_reponse +
                                   " (application/gzip ou autre)");
    if (!present(req.numero)) return coded(op, "05", "Requête mal formée : numero est obligatoire");
    const std::string& numero_text = *req.numero;
    std::uint64_t numero = 0;
    bool numeric = numero_text.size() <= 18;
    for (char c : numero_text) {
        if (c < '0' || c > '9') {
            numeric = false;
            break;
        }
        numero = numero * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (!numeric) return coded(op, "07", "Document non disponible : " + numero_text);
    if (present(req.type_piece) && *req.type_piece != "03")
        return coded(op, "07", "Document non disponible : la pièce " + numero_text + " n'existe pas en type " + *req.type_piece);

    piece_store::found where;
    switch (store_.find(compte, numero, where)) {
        case piece_store::lookup::unknown: return coded(op, "07", "Document non disponible : " + numero_text);
        case piece_store::lookup::other_compte:
            return coded(op, "08", "Le numéro de pièce " + numero_text + " n'appartient pas à ce compte");
        case piece_store::lookup::found: break;
    }
    // A per-thread buffer: its capacity survives from one download to the next.
    thread_local std::string raw;
    raw.clear();
    store_.append_content(where, raw);
    std::string packed;
    if (gzip) packed = gzip_compress(raw, gzip_level_);
    const std::string& content = gzip ? packed : raw;

    std::string body;
    body.reserve(content.size() * 4 / 3 + 800);
    open_response(body, op, "00", "Traitement effectué");
    xml_element(body, "ns2:numero", numero_text);
    xml_element(body, "ns2:date", publication_time(where.published));
    xml_element(body, "ns2:typeDePiece", "03");
    xml_element(body, "ns2:contentType", gzip ? "application/gzip" : "text/plain");
    body += "<ns2:pieceJointe>";
    base64_append(body, content);
    body += "</ns2:pieceJointe>";
    close_response(body, op);

    // Reading a piece marks it retrieved for this editeur/logiciel couple.
    store_.mark_retrieved(where, piece_store::couple_key(*req.editeur, *req.logiciel));
    return soap_answer(std::move(body), "00");
}

}  // namespace jdsim
