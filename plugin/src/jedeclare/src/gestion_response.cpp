#include "jedeclare/gestion_response.hpp"

#include "jedeclare/wire_error.hpp"
#include "xml_document.hpp"

#include <initializer_list>

namespace jd::jedeclare {

namespace {

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Text of a direct child, "" when absent. Gestion fields are read from direct children only, so that an `id`
// of a nested `responsable` is never taken for the dossier's.
std::string child_text(const Poco::XML::Node& parent, std::string_view name)
{
    const Poco::XML::Element* element = xml::first_child(parent, name);
    return element != nullptr ? xml::text_of(*element) : std::string{};
}

[[noreturn]] void unrecognised(const Poco::XML::Document& document, std::string_view what)
{
    const Poco::XML::Element* root = document.documentElement();
    const std::string root_name = root != nullptr ? xml::local_name(*root).substr(0, 80) : "none";
    throw wire_error(error_kind::unexpected_response,
                     "no " + std::string(what) + " found in a non-empty answer (root element <" + root_name + ">)");
}

// An answer means "zero" only when it is a known list element with nothing inside.
bool empty_list_root(const Poco::XML::Element* root, std::initializer_list<std::string_view> list_names)
{
    if (root == nullptr || !xml::children(*root).empty() || !blank(root->innerText()))
        return false;
    const std::string name = xml::local_name(*root);
    for (const std::string_view candidate : list_names)
        if (name == candidate)
            return true;
    return false;
}

dossier read_dossier(const Poco::XML::Element& client, const Poco::XML::Element& holder)
{
    dossier out;
    out.id = child_text(client, "id");
    if (out.id.empty())
        out.id = child_text(holder, "id");
    if (const Poco::XML::Element* siret = xml::first_child(client, "siretPrincipal")) {
        out.siren = child_text(*siret, "siren");
        out.nic = child_text(*siret, "nic");
    }
    if (out.siren.empty())
        out.siren = child_text(client, "siren");
    out.raison_sociale = child_text(client, "rs");
    if (out.raison_sociale.empty())
        out.raison_sociale = child_text(client, "raisonSociale");
    return out;
}

} // namespace

std::vector<dossier> parse_dossiers(std::string_view body)
{
    if (blank(body))
        return {};
    const auto document = xml::parse(body);
    const Poco::XML::Element* root = document->documentElement();

    std::vector<dossier> out;
    for (const Poco::XML::Element* client : xml::descendants(*document, "client")) {
        const Poco::XML::Node* parent = client->parentNode();
        if (parent == nullptr || parent->nodeType() != Poco::XML::Node::ELEMENT_NODE)
            continue;
        const std::string holder = xml::local_name(*parent);
        if (holder != "dossier" && holder != "dossierClient")
            continue;
        dossier one = read_dossier(*client, static_cast<const Poco::XML::Element&>(*parent));
        if (one.id.empty())
            throw wire_error(error_kind::unexpected_response,
                             "dossier " + std::to_string(out.size() + 1) + " has no id");
        out.push_back(std::move(one));
    }
    if (out.empty() &&
        !empty_list_root(root, {"listeDossiers", "listeDossierClient", "listeDossiersClients", "dossiers",
                                "dossierClients"}))
        unrecognised(*document, "dossier");
    return out;
}

std::vector<rib> parse_ribs(std::string_view body)
{
    if (blank(body))
        return {};
    const auto document = xml::parse(body);
    const Poco::XML::Element* root = document->documentElement();
    if (root == nullptr)
        return {};

    std::vector<Poco::XML::Element*> elements;
    if (xml::local_name(*root) == "rib")
        elements.push_back(const_cast<Poco::XML::Element*>(root));
    else
        elements = xml::children(*root, "rib");
    if (elements.empty())
        elements = xml::descendants(*root, "rib");
    if (elements.empty()) {
        if (empty_list_root(root, {"listeRibs", "listeRib", "ribs"}))
            return {};
        unrecognised(*document, "rib");
    }

    std::vector<rib> out;
    out.reserve(elements.size());
    for (const Poco::XML::Element* element : elements) {
        rib one;
        one.id = child_text(*element, "id");
        one.libelle = child_text(*element, "libelle");
        one.civilite_titulaire = child_text(*element, "civiliteTitulaire");
        one.nom_titulaire = child_text(*element, "nomTitulaire");
        one.prenom_titulaire = child_text(*element, "prenomTitulaire");
        one.etablissement = child_text(*element, "etablissement");
        one.guichet = child_text(*element, "guichet");
        one.num_compte = child_text(*element, "numCompte");
        one.cle = child_text(*element, "cle");
        if (one.id.empty() && one.num_compte.empty())
            throw wire_error(error_kind::unexpected_response,
                             "rib " + std::to_string(out.size() + 1) + " has neither id nor numCompte");
        out.push_back(std::move(one));
    }
    return out;
}

} // namespace jd::jedeclare
