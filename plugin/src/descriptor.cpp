#include "descriptor.hpp"

#include <string>

namespace jd {
namespace {

// The configuration form (operations.md, configure). The password is writeOnly: get_configuration shows
// only « défini » / « non défini », and a configure without it keeps the saved one, hence not "required".
// Titles are French (the admin's default language); "x-title-en" carries the English label.
constexpr char configuration_schema[] = R"json({
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "JeDeclare.com",
    "type": "object",
    "required": ["login", "gestion_account_id"],
    "additionalProperties": false,
    "properties": {
        "login": {
            "type": "string",
            "title": "Identifiant du compte de flux",
            "x-title-en": "Flow account login",
            "pattern": "^[^@\\s]+@jedeclare\\.com$",
            "maxLength": 254,
            "examples": ["cabinet@jedeclare.com"]
        },
        "password": {
            "type": "string",
            "title": "Mot de passe",
            "x-title-en": "Password",
            "writeOnly": true,
            "minLength": 1,
            "maxLength": 256
        },
        "gestion_account_id": {
            "type": "string",
            "title": "Identifiant du compte de gestion",
            "x-title-en": "Management account id",
            "pattern": "^[0-9]+$",
            "maxLength": 32
        },
        "editeur": {
            "type": "string",
            "title": "Éditeur",
            "x-title-en": "Software publisher",
            "minLength": 1,
            "maxLength": 100,
            "default": "jedeclare-aggregator"
        },
        "logiciel": {
            "type": "string",
            "title": "Logiciel",
            "x-title-en": "Software",
            "minLength": 1,
            "maxLength": 100,
            "default": "jedeclare-aggregator"
        },
        "version": {
            "type": "string",
            "title": "Version",
            "x-title-en": "Version",
            "minLength": 1,
            "maxLength": 30,
            "default": "1.0"
        },
        "soap_url": {
            "type": "string",
            "title": "Adresse du service CommunicationV2 (SOAP)",
            "x-title-en": "CommunicationV2 service address (SOAP)",
            "format": "uri",
            "pattern": "^https://",
            "default": "https://www.jedeclare.com/webservices/wspid_spring/CommunicationV2Service/"
        },
        "gestion_url": {
            "type": "string",
            "title": "Adresse du service de gestion (REST)",
            "x-title-en": "Management service address (REST)",
            "format": "uri",
            "pattern": "^https://",
            "default": "https://www.jedeclare.com/webservice/gestion/"
        },
        "ca_bundle": {
            "type": "string",
            "title": "Autorités de certification (fichier PEM, facultatif)",
            "x-title-en": "Certificate authorities (PEM file, optional)",
            "minLength": 1
        }
    }
})json";

// The descriptor embeds the schema above verbatim (the marker is replaced once, at first use).
constexpr char descriptor_head[] = R"json({
    "id": "jedeclare",
    "display_name": "JeDeclare.com",
    "menu": {"section": "aggregators", "label": "JeDeclare.com", "x-label-en": "JeDeclare.com"},
    "rights": {
        "administration": ["platform.configuration", "platform.administration"],
        "bank_links": ["company.accounting_settings"]
    },
    "configuration_schema": )json";

} // namespace

std::string_view configuration_schema_json() noexcept {
    return {configuration_schema, sizeof configuration_schema - 1};
}

std::string_view descriptor_json() {
    // Function-local static: built once, thread-safe, lives as long as the library.
    static const std::string text = std::string(descriptor_head) + configuration_schema + "\n}";
    return text;
}

} // namespace jd
