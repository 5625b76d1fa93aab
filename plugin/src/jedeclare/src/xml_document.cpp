#include "xml_document.hpp"

#include "jedeclare/wire_error.hpp"

#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/SAX/XMLReader.h>
#include <Poco/XML/XMLException.h>

namespace jd::jedeclare::xml {

namespace {

std::string trimmed(std::string text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

void collect(const Poco::XML::Node& parent, std::string_view name, std::vector<Poco::XML::Element*>& out,
             bool first_only)
{
    for (Poco::XML::Node* child = parent.firstChild(); child != nullptr; child = child->nextSibling()) {
        if (child->nodeType() != Poco::XML::Node::ELEMENT_NODE)
            continue;
        if (local_name(*child) == name) {
            out.push_back(static_cast<Poco::XML::Element*>(child));
            if (first_only)
                return;
        }
        collect(*child, name, out, first_only);
        if (first_only && !out.empty())
            return;
    }
}

} // namespace

Poco::AutoPtr<Poco::XML::Document> parse(std::string_view text)
{
    Poco::XML::DOMParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
    try {
        return parser.parseMemory(text.data(), text.size());
    } catch (const Poco::Exception& e) {
        // Poco's message names the line and column, never the content.
        throw wire_error(error_kind::malformed_response, "answer is not well-formed XML: " + e.message());
    }
}

std::string local_name(const Poco::XML::Node& node)
{
    const std::string& local = node.localName();
    if (!local.empty())
        return local;
    const std::string& name = node.nodeName();
    const auto colon = name.find(':');
    return colon == std::string::npos ? name : name.substr(colon + 1);
}

std::vector<Poco::XML::Element*> children(const Poco::XML::Node& parent, std::string_view name)
{
    std::vector<Poco::XML::Element*> out;
    for (Poco::XML::Node* child = parent.firstChild(); child != nullptr; child = child->nextSibling())
        if (child->nodeType() == Poco::XML::Node::ELEMENT_NODE && (name.empty() || local_name(*child) == name))
            out.push_back(static_cast<Poco::XML::Element*>(child));
    return out;
}

Poco::XML::Element* first_child(const Poco::XML::Node& parent, std::string_view name)
{
    for (Poco::XML::Node* child = parent.firstChild(); child != nullptr; child = child->nextSibling())
        if (child->nodeType() == Poco::XML::Node::ELEMENT_NODE && local_name(*child) == name)
            return static_cast<Poco::XML::Element*>(child);
    return nullptr;
}

Poco::XML::Element* first_descendant(const Poco::XML::Node& parent, std::string_view name)
{
    std::vector<Poco::XML::Element*> out;
    collect(parent, name, out, true);
    return out.empty() ? nullptr : out.front();
}

std::vector<Poco::XML::Element*> descendants(const Poco::XML::Node& parent, std::string_view name)
{
    std::vector<Poco::XML::Element*> out;
    collect(parent, name, out, false);
    return out;
}

std::string text_of(const Poco::XML::Node& node) { return trimmed(node.innerText()); }

std::string field(const Poco::XML::Node& parent, std::string_view name, bool& found)
{
    Poco::XML::Element* element = first_child(parent, name);
    if (element == nullptr)
        element = first_descendant(parent, name);
    found = element != nullptr;
    return found ? text_of(*element) : std::string{};
}

std::string field(const Poco::XML::Node& parent, std::string_view name)
{
    bool found = false;
    return field(parent, name, found);
}

} // namespace jd::jedeclare::xml
