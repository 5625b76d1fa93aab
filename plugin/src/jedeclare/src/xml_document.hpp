#pragma once

// Poco DOM helpers shared by the response parsers: elements are matched by local name, whatever their prefix
// or namespace, because the real service and the clients seen in the field disagree on both.

#include <Poco/AutoPtr.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>

#include <string>
#include <string_view>
#include <vector>

namespace jd::jedeclare::xml {

// Parses with namespaces on and external entities off. Throws wire_error(malformed_response) when the text is
// not well-formed XML (the text itself is never quoted in the error).
Poco::AutoPtr<Poco::XML::Document> parse(std::string_view text);

std::string local_name(const Poco::XML::Node& node);

// Element children of `parent` with that local name (all element children when name is empty).
std::vector<Poco::XML::Element*> children(const Poco::XML::Node& parent, std::string_view name = {});
Poco::XML::Element* first_child(const Poco::XML::Node& parent, std::string_view name);
// Depth-first, document order, `parent` itself excluded.
Poco::XML::Element* first_descendant(const Poco::XML::Node& parent, std::string_view name);
std::vector<Poco::XML::Element*> descendants(const Poco::XML::Node& parent, std::string_view name);

// Text of the direct child `name`, else of the first descendant `name`; "" when neither exists. Trimmed.
std::string field(const Poco::XML::Node& parent, std::string_view name);
// Same, but nullopt-like: found tells whether the element exists at all.
std::string field(const Poco::XML::Node& parent, std::string_view name, bool& found);

std::string text_of(const Poco::XML::Node& node); // all text below, trimmed

} // namespace jd::jedeclare::xml
