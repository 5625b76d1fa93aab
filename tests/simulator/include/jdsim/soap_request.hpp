#pragma once
// Reading a CommunicationV2 request: namespace-aware, any prefixes, fields found by local name inside
// Envelope/Body/{Operation}Request/{Block}/{field}.
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace jdsim {

inline constexpr std::string_view soap11_namespace = "http://schemas.xmlsoap.org/soap/envelope/";
inline constexpr std::string_view soap12_namespace = "http://www.w3.org/2003/05/soap-envelope";
inline constexpr std::string_view communication_namespace = "http://experian.com/communicationV2/schemas";

enum class soap_operation { list, download, other };

struct soap_request {
    std::string envelope_namespace;
    std::string operation_name;       // local name of the Body's element, e.g. "ListeDisponibiliteV2Request"
    std::string operation_namespace;
    soap_operation operation = soap_operation::other;

    bool has_authentification = false;
    std::optional<std::string> nom, mot_de_passe;
    bool has_identification = false;
    std::optional<std::string> editeur, logiciel, version;

    bool has_requete_liste = false;
    std::optional<std::string> date_debut, date_fin, statut_piece, type_de_liste, type_procedure, identifiant_dossier;

    bool has_requete_piece = false;
    std::optional<std::string> mime_type_reponse, numero, type_piece;
};

struct soap_parse_error {
    std::string message;  // French, says what and where
    int line = 0;
    int column = 0;
};

std::variant<soap_request, soap_parse_error> parse_soap_request(std::string_view body);

}  // namespace jdsim
