#include "jedeclare/soap_envelope.hpp"

#include "jedeclare/date_windows.hpp"
#include "jedeclare/xml_escape.hpp"

namespace jd::jedeclare {

namespace {

void element(std::string& out, std::string_view name, std::string_view value)
{
    out += "<sch:";
    out += name;
    out += '>';
    append_xml_escaped(out, value);
    out += "</sch:";
    out += name;
    out += '>';
}

// Envelope start, the operation element, then Authentification and Identification, in the order the service
// expects.
void open_request(std::string& out, std::string_view operation, const account_credentials& credentials,
                  const software_identification& identification)
{
    out += R"(<?xml version="1.0" encoding="UTF-8"?>)";
    out += R"(<soapenv:Envelope xmlns:soapenv=")";
    out += soap_envelope_namespace;
    out += R"(" xmlns:sch=")";
    out += communication_v2_namespace;
    out += R"("><soapenv:Header/><soapenv:Body><sch:)";
    out += operation;
    out += "><sch:Authentification>";
    element(out, "motDePasse", credentials.password.reveal());
    element(out, "nom", credentials.login);
    out += "</sch:Authentification><sch:Identification>";
    element(out, "editeur", identification.editeur);
    element(out, "logiciel", identification.logiciel);
    element(out, "version", identification.version);
    out += "</sch:Identification>";
}

void close_request(std::string& out, std::string_view operation)
{
    out += "</sch:";
    out += operation;
    out += "></soapenv:Body></soapenv:Envelope>";
}

} // namespace

std::string build_list_envelope(const account_credentials& credentials, const software_identification& identification,
                                const list_query& query, const list_window& window)
{
    std::string out;
    out.reserve(1024);
    open_request(out, "ListeDisponibiliteV2Request", credentials, identification);
    out += "<sch:RequeteListe>";
    if (window.from)
        element(out, "dateDebut", format_jjmmaaaa(*window.from));
    if (window.to)
        element(out, "dateFin", format_jjmmaaaa(*window.to));
    element(out, "statutPiece", query.status == piece_status_filter::all ? "01" : "00");
    element(out, "typeDeListe", query.type_de_liste);
    element(out, "typeProcedure", query.type_procedure);
    if (query.dossier_id)
        element(out, "identifiantDossier", *query.dossier_id);
    out += "</sch:RequeteListe>";
    close_request(out, "ListeDisponibiliteV2Request");
    return out;
}

std::string build_download_envelope(const account_credentials& credentials,
                                    const software_identification& identification, std::string_view numero,
                                    std::string_view mime_type, std::string_view type_piece)
{
    std::string out;
    out.reserve(1024);
    open_request(out, "DemandeAccuseRequest", credentials, identification);
    out += "<sch:RequeteDemandePiece>";
    element(out, "mimeTypeReponse", mime_type);
    element(out, "numero", numero);
    element(out, "typePiece", type_piece);
    out += "</sch:RequeteDemandePiece>";
    close_request(out, "DemandeAccuseRequest");
    return out;
}

} // namespace jd::jedeclare
