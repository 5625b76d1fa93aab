#pragma once

#include "jedeclare/error_kind.hpp"
#include "jedeclare/list_query.hpp"
#include "jedeclare/redaction.hpp"
#include "jedeclare/wire_error.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jd::jedeclare {

// ListeDisponibiliteV2Response, as read from the wire (codeRetour not interpreted yet).
struct list_response {
    std::string code_retour;  // "" when the element is absent
    std::string message;      // server text: redact before showing it anywhere
    std::vector<piece_info> items;
};

// DemandeAccuseResponse, as read from the wire.
struct piece_response {
    std::string code_retour;
    std::string message;
    std::string numero;
    std::string date;
    std::string type_de_piece;
    std::string content_type;
    std::optional<std::string> piece_jointe; // base64 text, nullopt when the element is absent
};

// Both parsers accept any namespace prefix, skip unknown elements, read one item as well as many, and look for
// the fields as direct children of the response element first, then anywhere below it.
// They throw wire_error: soap_fault for a SOAP Fault (SOAP 1.1 or 1.2; its code and text go through `clean`),
// malformed_response for text that is not XML, unexpected_response for XML of another shape.
list_response parse_list_response(std::string_view body, const redactor& clean);
piece_response parse_piece_response(std::string_view body, const redactor& clean);

// The SOAP Fault carried by body (SOAP 1.1 or 1.2), as a soap_fault error; nullopt when body is no fault.
// Used on HTTP 500 answers, which is where SOAP 1.1 puts faults.
std::optional<wire_error> soap_fault_in(std::string_view body, const redactor& clean);

// codeRetour → error. "00" and "" (absent) are success (nullopt).
std::optional<error_kind> error_for_return_code(std::string_view code);

} // namespace jd::jedeclare
