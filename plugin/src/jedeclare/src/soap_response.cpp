#include "jedeclare/soap_response.hpp"

#include "jedeclare/wire_error.hpp"
#include "xml_document.hpp"

namespace jd::jedeclare {

namespace {

// Throws soap_fault when the document carries a SOAP Fault (1.1: faultcode/faultstring, 1.2: Code/Reason).
void throw_if_fault(const Poco::XML::Document& document, const redactor& clean)
{
    const Poco::XML::Element* fault = xml::first_descendant(document, "Fault");
    if (fault == nullptr)
        return;
    std::string code = xml::field(*fault, "faultcode");
    if (code.empty())
        if (const auto* code_element = xml::first_child(*fault, "Code"))
            code = xml::field(*code_element, "Value");
    std::string text = xml::field(*fault, "faultstring");
    if (text.empty())
        if (const auto* reason = xml::first_child(*fault, "Reason"))
            text = xml::text_of(*reason);
    std::string detail = "SOAP fault";
    if (!code.empty())
        detail += " " + clean.clean(code, 80);
    if (!text.empty())
        detail += ": " + clean.clean(text);
    throw wire_error(error_kind::soap_fault, std::move(detail));
}

// The operation's response element, wherever the envelope puts it.
const Poco::XML::Element& response_element(const Poco::XML::Document& document, std::string_view name)
{
    if (const Poco::XML::Element* found = xml::first_descendant(document, name))
        return *found;
    std::string seen = "nothing";
    if (const Poco::XML::Element* body = xml::first_descendant(document, "Body")) {
        const auto inside = xml::children(*body);
        if (!inside.empty())
            seen = xml::local_name(*inside.front());
    } else if (document.documentElement() != nullptr) {
        seen = xml::local_name(*document.documentElement());
    }
    throw wire_error(error_kind::unexpected_response,
                     "expected " + std::string(name) + ", found " + seen.substr(0, 80));
}

} // namespace

list_response parse_list_response(std::string_view body, const redactor& clean)
{
    const auto document = xml::parse(body);
    throw_if_fault(*document, clean);
    const Poco::XML::Element& response = response_element(*document, "ListeDisponibiliteV2Response");

    list_response out;
    out.code_retour = xml::field(response, "codeRetour");
    out.message = xml::field(response, "message");

    // liste/item*, one item as well as many; items straight under the response are read as well.
    std::vector<Poco::XML::Element*> items;
    const Poco::XML::Element* liste = xml::first_child(response, "liste");
    if (liste == nullptr)
        liste = xml::first_descendant(response, "liste");
    items = liste != nullptr ? xml::children(*liste, "item") : xml::children(response, "item");

    out.items.reserve(items.size());
    for (const Poco::XML::Element* item : items) {
        piece_info piece;
        piece.numero = xml::field(*item, "numero");
        if (piece.numero.empty())
            throw wire_error(error_kind::unexpected_response,
                             "list item " + std::to_string(out.items.size() + 1) + " has no numero");
        bool found = false;
        piece.statut = xml::field(*item, "statut", found);
        if (!found)
            piece.statut = xml::field(*item, "statutPiece");
        piece.type_de_piece = xml::field(*item, "typeDePiece");
        piece.numero_ads = xml::field(*item, "numeroADS");
        out.items.push_back(std::move(piece));
    }
    return out;
}

piece_response parse_piece_response(std::string_view body, const redactor& clean)
{
    const auto document = xml::parse(body);
    throw_if_fault(*document, clean);
    const Poco::XML::Element& response = response_element(*document, "DemandeAccuseResponse");

    piece_response out;
    out.code_retour = xml::field(response, "codeRetour");
    out.message = xml::field(response, "message");
    out.numero = xml::field(response, "numero");
    out.date = xml::field(response, "date");
    out.type_de_piece = xml::field(response, "typeDePiece");
    out.content_type = xml::field(response, "contentType");
    bool found = false;
    std::string attachment = xml::field(response, "pieceJointe", found);
    if (found)
        out.piece_jointe = std::move(attachment);
    return out;
}

std::optional<wire_error> soap_fault_in(std::string_view body, const redactor& clean)
{
    try {
        const auto document = xml::parse(body);
        throw_if_fault(*document, clean);
    } catch (const wire_error& e) {
        if (e.kind() == error_kind::soap_fault)
            return e;
    }
    return std::nullopt;
}

std::optional<error_kind> error_for_return_code(std::string_view code)
{
    if (code.empty() || code == "00" || code == "0")
        return std::nullopt;
    if (code == "04")
        return error_kind::compression_unsupported;
    if (code == "05")
        return error_kind::malformed_request;
    if (code == "06")
        return error_kind::invalid_credentials;
    if (code == "07")
        return error_kind::piece_unavailable;
    if (code == "08")
        return error_kind::piece_not_owned;
    if (code == "11")
        return error_kind::procedure_not_subscribed;
    if (code == "99")
        return error_kind::server_technical;
    return error_kind::unexpected_return_code;
}

} // namespace jd::jedeclare
