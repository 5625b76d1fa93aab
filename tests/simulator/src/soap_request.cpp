#include "jdsim/soap_request.hpp"

#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/SAX/SAXParser.h>

#include <vector>

namespace jdsim {
namespace {

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

class request_reader : public Poco::XML::DefaultHandler {
  public:
    explicit request_reader(soap_request& r) : r_(r) {}

    void startElement(const Poco::XML::XMLString& uri, const Poco::XML::XMLString& local, const Poco::XML::XMLString&,
                      const Poco::XML::Attributes&) override {
        path_.push_back(local);
        const std::size_t depth = path_.size();
        text_.clear();
        if (depth == 1) {
            // Never throw from a handler: the exception would cross the C parser's frames.
            if (local != "Envelope")
                root_error_ = "l'élément racine doit être Envelope, pas " + local;
            else
                r_.envelope_namespace = uri;
        } else if (depth == 3 && path_[1] == "Body" && r_.operation_name.empty()) {
            r_.operation_name = local;
            r_.operation_namespace = uri;
            if (local == "ListeDisponibiliteV2Request")
                r_.operation = soap_operation::list;
            else if (local == "DemandeAccuseRequest")
                r_.operation = soap_operation::download;
        } else if (depth == 4 && in_operation()) {
            if (local == "Authentification") r_.has_authentification = true;
            if (local == "Identification") r_.has_identification = true;
            if (local == "RequeteListe") r_.has_requete_liste = true;
            if (local == "RequeteDemandePiece") r_.has_requete_piece = true;
        }
    }

    void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local, const Poco::XML::XMLString&) override {
        if (path_.size() == 5 && in_operation()) store(path_[3], local);
        path_.pop_back();
        text_.clear();
    }

    void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
        if (path_.size() == 5) text_.append(ch + start, static_cast<std::size_t>(length));
    }

    const std::string& root_error() const { return root_error_; }

  private:
    bool in_operation() const { return path_.size() >= 3 && path_[1] == "Body" && path_[2] == r_.operation_name; }

    void store(const std::string& block, const std::string& field) {
        // Passwords are compared exactly; everything else is read without surrounding blanks.
        const std::string v = field == "motDePasse" ? text_ : trimmed(text_);
        if (block == "Authentification") {
            if (field == "nom") r_.nom = v;
            if (field == "motDePasse") r_.mot_de_passe = v;
        } else if (block == "Identification") {
            if (field == "editeur") r_.editeur = v;
            if (field == "logiciel") r_.logiciel = v;
            if (field == "version") r_.version = v;
        } else if (block == "RequeteListe") {
            if (field == "dateDebut") r_.date_debut = v;
            if (field == "dateFin") r_.date_fin = v;
            if (field == "statutPiece") r_.statut_piece = v;
            if (field == "typeDeListe") r_.type_de_liste = v;
            if (field == "typeProcedure") r_.type_procedure = v;
            if (field == "identifiantDossier") r_.identifiant_dossier = v;
        } else if (block == "RequeteDemandePiece") {
            if (field == "mimeTypeReponse") r_.mime_type_reponse = v;
            if (field == "numero") r_.numero = v;
            if (field == "typePiece") r_.type_piece = v;
        }
    }

    soap_request& r_;
    std::vector<std::string> path_;
    std::string text_;
    std::string root_error_;
};

}  // namespace

std::variant<soap_request, soap_parse_error> parse_soap_request(std::string_view body) {
    soap_request r;
    request_reader reader(r);
    Poco::XML::SAXParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACE_PREFIXES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
    parser.setContentHandler(&reader);
    try {
        if (body.empty()) return soap_parse_error{"requête SOAP vide : le corps HTTP ne contient aucun XML", 0, 0};
        parser.parseMemoryNP(body.data(), body.size());
    } catch (const Poco::XML::SAXParseException& e) {
        std::string what = e.message();
        if (const auto cut = what.find(" [in line"); cut != std::string::npos) what.resize(cut);
        std::string msg = "XML mal formé ligne " + std::to_string(e.getLineNumber()) + ", colonne " +
                          std::to_string(e.getColumnNumber()) + " (" + what + ")";
        msg += ". Un « & » ou un « < » non échappé dans une valeur (mot de passe, nom) produit cette erreur :"
               " écrire &amp; et &lt;.";
        return soap_parse_error{msg, e.getLineNumber(), e.getColumnNumber()};
    } catch (const Poco::Exception& e) {
        return soap_parse_error{"requête SOAP illisible : " + e.message(), 0, 0};
    }
    if (!reader.root_error().empty()) return soap_parse_error{"requête SOAP invalide : " + reader.root_error(), 1, 1};
    if (r.envelope_namespace.empty()) return soap_parse_error{"requête SOAP sans Envelope", 0, 0};
    return r;
}

}  // namespace jdsim
