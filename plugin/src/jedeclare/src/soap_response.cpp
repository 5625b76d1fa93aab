#include "jedeclare/soap_response.hpp"

#include "jedeclare/wire_error.hpp"
#include "xml_document.hpp"

#include <Poco/Exception.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/SAX/XMLReader.h>

#include <array>

namespace jd::jedeclare {

namespace {

// The typed error of a SOAP Fault, its code and text cleaned of anything secret.
[[noreturn]] void throw_soap_fault(const std::string& code, const std::string& text, const redactor& clean)
{
    std::string detail = "SOAP fault";
    if (!code.empty())
        detail += " " + clean.clean(code, 80);
    if (!text.empty())
        detail += ": " + clean.clean(text);
    throw wire_error(error_kind::soap_fault, std::move(detail));
}

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
    throw_soap_fault(code, text, clean);
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

namespace {

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// DemandeAccuseResponse is read in one streaming pass: it is the call made once per piece, and its pieceJointe is
// most of the document. Same rules as the DOM readers: any prefix, unknown elements skipped, a field is the
// response's direct child if there is one, else its first descendant of that name; a Fault anywhere wins.
class piece_handler : public Poco::XML::DefaultHandler {
public:
    enum field : std::size_t { code_retour, message, numero, date, type_de_piece, content_type, piece_jointe, count };

    struct slot {
        std::optional<std::string> direct;
        std::optional<std::string> nested;
        std::optional<std::string> value() const { return direct ? direct : nested; }
    };

    std::array<slot, count> fields;
    bool response_seen = false;
    bool fault_seen = false;
    std::optional<std::string> fault_code, fault_string, fault_value, fault_reason;
    std::string root_name;
    std::string first_body_child;

    void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local_name,
                      const Poco::XML::XMLString& qname, const Poco::XML::Attributes&) override
    {
        const std::string& name = local_name.empty() ? qname : local_name;
        const std::string parent = stack_.empty() ? std::string{} : stack_.back();
        stack_.push_back(name);
        const std::size_t depth = stack_.size();
        if (depth == 1)
            root_name = name;
        if (body_depth_ != 0 && depth == body_depth_ + 1 && first_body_child.empty())
            first_body_child = name;
        if (name == "Body" && body_depth_ == 0)
            body_depth_ = depth;
        if (capture_ != nullptr)
            return; // inside a field already: its text gathers everything below it

        if (name == "Fault" && fault_depth_ == 0) {
            fault_depth_ = depth;
            fault_seen = true;
        }
        if (fault_depth_ != 0 && depth > fault_depth_) {
            if (name == "faultcode")
                start_capture(fault_code, depth);
            else if (name == "faultstring")
                start_capture(fault_string, depth);
            else if (name == "Value" && parent == "Code")
                start_capture(fault_value, depth);
            else if (name == "Reason")
                start_capture(fault_reason, depth);
            return;
        }

        if (name == "DemandeAccuseResponse" && response_depth_ == 0) {
            response_depth_ = depth;
            response_seen = true;
            return;
        }
        if (response_depth_ == 0 || depth <= response_depth_)
            return;
        const std::size_t which = field_of(name);
        if (which == count)
            return;
        if (depth == response_depth_ + 1)
            start_capture(fields[which].direct, depth);
        else
            start_capture(fields[which].nested, depth);
    }

    void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&, const Poco::XML::XMLString&) override
    {
        if (capture_ != nullptr && stack_.size() == capture_depth_)
            capture_ = nullptr;
        if (stack_.size() == response_depth_)
            response_depth_ = 0; // a second response element is not read
        if (stack_.size() == fault_depth_)
            fault_depth_ = 0;
        stack_.pop_back();
    }

    void characters(const Poco::XML::XMLChar text[], int start, int length) override
    {
        if (capture_ != nullptr)
            capture_->append(text + start, static_cast<std::size_t>(length));
    }

private:
    static std::size_t field_of(const std::string& name)
    {
        static constexpr std::array<std::string_view, count> names = {
            "codeRetour", "message", "numero", "date", "typeDePiece", "contentType", "pieceJointe"};
        for (std::size_t i = 0; i < names.size(); ++i)
            if (name == names[i])
                return i;
        return count;
    }

    // Only the first occurrence of each kind is kept.
    void start_capture(std::optional<std::string>& target, std::size_t depth)
    {
        if (target)
            return;
        target.emplace();
        capture_ = &*target;
        capture_depth_ = depth;
    }

    std::vector<std::string> stack_;
    std::size_t body_depth_ = 0;
    std::size_t response_depth_ = 0;
    std::size_t fault_depth_ = 0;
    std::string* capture_ = nullptr;
    std::size_t capture_depth_ = 0;
};

} // namespace

piece_response parse_piece_response(std::string_view body, const redactor& clean)
{
    piece_handler handler;
    try {
        Poco::XML::SAXParser parser;
        parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
        parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
        parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
        parser.setContentHandler(&handler);
        parser.parseMemoryNP(body.data(), body.size());
    } catch (const Poco::Exception& e) {
        throw wire_error(error_kind::malformed_response, "answer is not well-formed XML: " + e.message());
    }

    if (handler.fault_seen) {
        const std::string code = trimmed(handler.fault_code ? *handler.fault_code : handler.fault_value.value_or(""));
        const std::string text =
            trimmed(handler.fault_string ? *handler.fault_string : handler.fault_reason.value_or(""));
        throw_soap_fault(code, text, clean);
    }
    if (!handler.response_seen) {
        std::string seen = !handler.first_body_child.empty() ? handler.first_body_child
                           : !handler.root_name.empty()      ? handler.root_name
                                                             : std::string("nothing");
        throw wire_error(error_kind::unexpected_response,
                         "expected DemandeAccuseResponse, found " + seen.substr(0, 80));
    }

    auto text = [&handler](piece_handler::field which) {
        const auto value = handler.fields[which].value();
        return value ? trimmed(*value) : std::string{};
    };
    piece_response out;
    out.code_retour = text(piece_handler::code_retour);
    out.message = text(piece_handler::message);
    out.numero = text(piece_handler::numero);
    out.date = text(piece_handler::date);
    out.type_de_piece = text(piece_handler::type_de_piece);
    out.content_type = text(piece_handler::content_type);
    if (handler.fields[piece_handler::piece_jointe].value())
        out.piece_jointe = text(piece_handler::piece_jointe);
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
