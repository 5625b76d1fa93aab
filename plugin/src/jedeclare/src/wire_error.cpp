#include "jedeclare/wire_error.hpp"

#include <ostream>
#include <utility>

namespace jd::jedeclare {

namespace {

struct kind_text {
    std::string_view id;
    std::string_view fr;
    std::string_view en;
};

kind_text text_of(error_kind kind) noexcept
{
    switch (kind) {
    case error_kind::network:
        return {"network", "Connexion à JeDéclare.com impossible ou interrompue (erreur passagère).",
                "Could not reach JeDéclare.com or the connection dropped (transient error)."};
    case error_kind::timeout:
        return {"timeout", "JeDéclare.com n'a pas répondu à temps (erreur passagère).",
                "JeDéclare.com did not answer in time (transient error)."};
    case error_kind::server_unavailable:
        return {"server_unavailable", "JeDéclare.com est momentanément indisponible (erreur passagère).",
                "JeDéclare.com is temporarily unavailable (transient error)."};
    case error_kind::rate_limited:
        return {"rate_limited", "JeDéclare.com demande de ralentir les appels (erreur passagère).",
                "JeDéclare.com asked to slow down (transient error)."};
    case error_kind::server_technical:
        return {"server_technical", "Problème technique passager chez JeDéclare.com (code 99).",
                "Transient technical problem at JeDéclare.com (code 99)."};
    case error_kind::soap_fault:
        return {"soap_fault", "JeDéclare.com a renvoyé une erreur SOAP (erreur passagère).",
                "JeDéclare.com answered with a SOAP fault (transient error)."};
    case error_kind::truncated_response:
        return {"truncated_response", "La réponse de JeDéclare.com est arrivée incomplète (erreur passagère).",
                "The answer from JeDéclare.com was cut short (transient error)."};
    case error_kind::malformed_response:
        return {"malformed_response", "La réponse de JeDéclare.com est illisible (erreur passagère).",
                "The answer from JeDéclare.com could not be read (transient error)."};
    case error_kind::invalid_credentials:
        return {"invalid_credentials",
                "Identifiants refusés pour le compte de flux : vérifiez l'identifiant et le mot de passe du compte "
                "de flux dans la configuration JeDéclare.com.",
                "Credentials refused for the compte de flux: check its login and password in the JeDéclare.com "
                "configuration."};
    case error_kind::piece_not_owned:
        return {"piece_not_owned", "Cette pièce n'appartient pas au compte de flux configuré (code 08).",
                "This piece does not belong to the configured compte de flux (code 08)."};
    case error_kind::procedure_not_subscribed:
        return {"procedure_not_subscribed",
                "Procédure non souscrite : le compte de flux n'a pas accès aux relevés bancaires (RELEVE) ; "
                "activez la collecte des relevés sur JeDéclare.com (code 11).",
                "Procedure not subscribed: the compte de flux has no access to bank statements (RELEVE); enable "
                "statement collection on JeDéclare.com (code 11)."};
    case error_kind::unknown_account:
        return {"unknown_account",
                "Compte inconnu de JeDéclare.com : vérifiez l'identifiant numérique du compte (gestion).",
                "Account unknown to JeDéclare.com: check the numeric account id (gestion)."};
    case error_kind::malformed_request:
        return {"malformed_request",
                "Requête refusée comme mal formée (code 05), souvent une période trop longue.",
                "Request refused as malformed (code 05), often a date range that is too wide."};
    case error_kind::piece_unavailable:
        return {"piece_unavailable", "Pièce non disponible sur JeDéclare.com (code 07).",
                "Piece not available on JeDéclare.com (code 07)."};
    case error_kind::compression_unsupported:
        return {"compression_unsupported", "Type de compression refusé par JeDéclare.com (code 04).",
                "Compression type refused by JeDéclare.com (code 04)."};
    case error_kind::unexpected_return_code:
        return {"unexpected_return_code", "JeDéclare.com a répondu par un code retour inconnu.",
                "JeDéclare.com answered with an unknown return code."};
    case error_kind::unexpected_response:
        return {"unexpected_response", "La réponse de JeDéclare.com n'a pas la forme attendue.",
                "The answer from JeDéclare.com does not have the expected shape."};
    case error_kind::http_error:
        return {"http_error", "JeDéclare.com a refusé la requête (statut HTTP inattendu).",
                "JeDéclare.com refused the request (unexpected HTTP status)."};
    case error_kind::tls_certificate:
        return {"tls_certificate",
                "Le certificat du serveur n'est pas valide pour cette adresse ou n'est pas signé par une autorité "
                "de confiance : vérifiez l'adresse du service et le fichier d'autorités (CA) configuré.",
                "The server certificate is not valid for this address or not signed by a trusted authority: check "
                "the service address and the configured CA file."};
    case error_kind::tls_failure:
        return {"tls_failure", "La connexion sécurisée (TLS) avec JeDéclare.com n'a pas pu être établie.",
                "The secure (TLS) connection with JeDéclare.com could not be set up."};
    case error_kind::configuration:
        return {"configuration", "Configuration JeDéclare.com invalide.", "Invalid JeDéclare.com configuration."};
    case error_kind::deadline_exceeded:
        return {"deadline_exceeded", "L'appel à JeDéclare.com a dépassé son délai maximal.",
                "The call to JeDéclare.com exceeded its overall deadline."};
    case error_kind::cancelled:
        return {"cancelled", "Opération annulée.", "Operation cancelled."};
    }
    return {"unknown", "Erreur inconnue.", "Unknown error."};
}

} // namespace

std::string_view to_string(error_kind kind) noexcept { return text_of(kind).id; }

std::ostream& operator<<(std::ostream& out, error_kind kind) { return out << to_string(kind); }

std::string_view describe(error_kind kind, std::string_view locale) noexcept
{
    const kind_text text = text_of(kind);
    return locale == "en" ? text.en : text.fr;
}

wire_error::wire_error(error_kind kind, std::string detail) : kind_(kind), detail_(std::move(detail))
{
    refresh_what();
}

std::string wire_error::message(std::string_view locale) const
{
    const bool english = locale == "en";
    std::string text(describe(kind_, locale));
    std::string context;
    auto add = [&context](std::string_view part) {
        if (part.empty())
            return;
        if (!context.empty())
            context += "; ";
        context += part;
    };
    if (!operation_.empty())
        add(operation_);
    if (!detail_.empty())
        add(detail_);
    if (attempts_ > 1)
        add(std::to_string(attempts_) + (english ? " attempts" : " tentatives"));
    if (!context.empty())
        text += " [" + context + "]";
    return text;
}

wire_error& wire_error::with_operation(std::string operation)
{
    operation_ = std::move(operation);
    refresh_what();
    return *this;
}

wire_error& wire_error::with_http_status(unsigned status)
{
    http_status_ = status;
    return *this;
}

wire_error& wire_error::with_return_code(std::string code)
{
    return_code_ = std::move(code);
    return *this;
}

wire_error& wire_error::with_attempts(unsigned attempts)
{
    attempts_ = attempts;
    refresh_what();
    return *this;
}

wire_error& wire_error::with_retry_after(std::optional<std::string> value)
{
    retry_after_ = std::move(value);
    return *this;
}

void wire_error::refresh_what() { what_ = message("fr"); }

} // namespace jd::jedeclare
