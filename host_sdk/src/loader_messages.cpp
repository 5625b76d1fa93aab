#include "loader_messages.hpp"

#include "host_sdk/c/abi.h"

namespace host_sdk::detail {
namespace {

std::string abi_text(unsigned major, unsigned minor) { return std::to_string(major) + "." + std::to_string(minor); }
const std::string host_abi = abi_text(HS_ABI_MAJOR, HS_ABI_MINOR);

std::string fr_quote(std::string_view text) { return "« " + std::string(text) + " »"; }
std::string en_quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

} // namespace

std::string loader_messages::at(const std::filesystem::path& file, const std::string& fr, const std::string& en) const {
    return english_ ? file.string() + ": " + en : file.string() + " : " + fr;
}

std::string loader_messages::directory_missing(const std::filesystem::path& dir) const {
    return at(dir, "dossier de plugins introuvable", "plugin directory not found");
}

std::string loader_messages::manifest_missing(const std::filesystem::path& manifest) const {
    return at(manifest, "manifeste introuvable", "manifest not found");
}

std::string loader_messages::manifest_unreadable(const std::filesystem::path& manifest) const {
    return at(manifest, "manifeste illisible", "manifest cannot be read");
}

std::string loader_messages::invalid_json(const std::filesystem::path& manifest, std::size_t line,
                                          std::size_t column, std::string_view detail_fr,
                                          std::string_view detail_en) const {
    const std::string where_fr = "ligne " + std::to_string(line) + ", colonne " + std::to_string(column);
    const std::string where_en = "line " + std::to_string(line) + ", column " + std::to_string(column);
    return at(manifest, "JSON invalide " + where_fr + " : " + std::string(detail_fr),
              "invalid JSON at " + where_en + ": " + std::string(detail_en));
}

std::string loader_messages::schema_violation(const std::filesystem::path& manifest,
                                              const std::string& described) const {
    return at(manifest, "manifeste non conforme au schéma, " + described,
              "manifest does not conform to the schema, " + described);
}

std::string loader_messages::wrong_platform(const std::filesystem::path& manifest, std::string_view found,
                                            std::string_view expected) const {
    return at(manifest, "plateforme " + fr_quote(found) + ", l'hôte attend " + fr_quote(expected),
              "platform " + en_quote(found) + ", the host expects " + en_quote(expected));
}

std::string loader_messages::abi_major(const std::filesystem::path& manifest, unsigned found_major,
                                       unsigned found_minor) const {
    const std::string found = abi_text(found_major, found_minor);
    return at(manifest,
              "ABI " + found + " incompatible : version majeure " + std::to_string(found_major) +
                  ", l'hôte fournit l'ABI " + host_abi,
              "ABI " + found + " is incompatible: major version " + std::to_string(found_major) +
                  ", the host provides ABI " + host_abi);
}

std::string loader_messages::abi_minor(const std::filesystem::path& manifest, unsigned found_major,
                                       unsigned found_minor) const {
    const std::string found = abi_text(found_major, found_minor);
    return at(manifest, "ABI " + found + " plus récente que celle de l'hôte (" + host_abi + ")",
              "ABI " + found + " is newer than the host's (" + host_abi + ")");
}

std::string loader_messages::library_missing(const std::filesystem::path& manifest,
                                             const std::filesystem::path& library) const {
    return at(manifest, "bibliothèque " + library.string() + " introuvable",
              "library " + library.string() + " not found");
}

std::string loader_messages::sha256_mismatch(const std::filesystem::path& manifest,
                                             const std::filesystem::path& library, std::string_view expected,
                                             std::string_view found) const {
    return at(manifest,
              "empreinte SHA-256 de " + library.string() + " différente : attendue " + std::string(expected) +
                  ", trouvée " + std::string(found),
              "SHA-256 of " + library.string() + " differs: expected " + std::string(expected) + ", found " +
                  std::string(found));
}

std::string loader_messages::not_a_library(const std::filesystem::path& manifest,
                                           const std::filesystem::path& library, std::string_view detail) const {
    return at(manifest, library.string() + " n'est pas une bibliothèque lisible : " + std::string(detail),
              library.string() + " is not a readable library: " + std::string(detail));
}

std::string loader_messages::entry_missing(const std::filesystem::path& manifest,
                                           const std::filesystem::path& library, std::string_view entry) const {
    return at(manifest,
              library.string() + " n'exporte pas le point d'entrée " + std::string(entry) + " (section " +
                  HS_ENTRY_SECTION + ")",
              library.string() + " does not export the entry point " + std::string(entry) + " (section " +
                  HS_ENTRY_SECTION + ")");
}

std::string loader_messages::load_failed(const std::filesystem::path& manifest, const std::filesystem::path& library,
                                         std::string_view detail) const {
    return at(manifest, "chargement de " + library.string() + " impossible : " + std::string(detail),
              "cannot load " + library.string() + ": " + std::string(detail));
}

std::string loader_messages::entry_refused(const std::filesystem::path& manifest,
                                           const std::filesystem::path& library, std::string_view status,
                                           std::string_view message) const {
    return at(manifest,
              "le point d'entrée de " + library.string() + " a refusé l'hôte (" + std::string(status) + ") : " +
                  std::string(message),
              "the entry point of " + library.string() + " refused the host (" + std::string(status) + "): " +
                  std::string(message));
}

std::string loader_messages::table_too_small(const std::filesystem::path& manifest, std::uint32_t found,
                                             std::size_t minimum) const {
    return at(manifest,
              "table du fournisseur trop petite : " + std::to_string(found) + " octets, au moins " +
                  std::to_string(minimum) + " attendus",
              "provider table too small: " + std::to_string(found) + " bytes, at least " + std::to_string(minimum) +
                  " expected");
}

std::string loader_messages::table_abi(const std::filesystem::path& manifest, unsigned major, unsigned minor) const {
    const std::string found = abi_text(major, minor);
    return at(manifest, "table du fournisseur en ABI " + found + ", incompatible avec l'hôte (" + host_abi + ")",
              "provider table has ABI " + found + ", incompatible with the host's (" + host_abi + ")");
}

std::string loader_messages::table_member_missing(const std::filesystem::path& manifest,
                                                  std::string_view member) const {
    return at(manifest, "table du fournisseur sans " + std::string(member),
              "provider table lacks " + std::string(member));
}

std::string loader_messages::compiled_manifest_unreadable(const std::filesystem::path& manifest,
                                                          const std::filesystem::path& library,
                                                          std::string_view detail) const {
    return at(manifest, "manifeste compilé dans " + library.string() + " illisible : " + std::string(detail),
              "the manifest compiled into " + library.string() + " cannot be read: " + std::string(detail));
}

std::string loader_messages::compiled_manifest_differs(const std::filesystem::path& manifest,
                                                       const std::filesystem::path& library, std::string_view field,
                                                       std::string_view file_value,
                                                       std::string_view library_value) const {
    return at(manifest,
              "le manifeste compilé dans " + library.string() + " diffère du fichier pour " + fr_quote(field) +
                  " : fichier " + std::string(file_value) + ", bibliothèque " + std::string(library_value),
              "the manifest compiled into " + library.string() + " differs from the file for " + en_quote(field) +
                  ": file " + std::string(file_value) + ", library " + std::string(library_value));
}

std::string loader_messages::library_without_manifest(const std::filesystem::path& library) const {
    return at(library, "bibliothèque sans manifeste (aucun fichier *.plugin.json du dossier ne la nomme)",
              "library without a manifest (no *.plugin.json file in its directory names it)");
}

std::string loader_messages::duplicate_id(const std::filesystem::path& manifest, std::string_view id,
                                          const std::filesystem::path& other) const {
    return at(manifest, "identifiant " + fr_quote(id) + " déjà utilisé par " + other.string(),
              "id " + en_quote(id) + " is already used by " + other.string());
}

std::string loader_messages::unexpected(const std::filesystem::path& file, std::string_view detail) const {
    return at(file, "erreur inattendue : " + std::string(detail), "unexpected error: " + std::string(detail));
}

std::string loader_messages::instance_destroyed(std::string_view instance_id) const {
    return english_ ? "instance " + en_quote(instance_id) + " was destroyed"
                    : "instance " + fr_quote(instance_id) + " détruite";
}

std::string loader_messages::operation_missing(std::string_view operation) const {
    return english_ ? "operation " + std::string(operation) + " is not implemented"
                    : "opération " + std::string(operation) + " non disponible";
}

std::string loader_messages::descriptor_invalid(std::string_view id, std::string_view detail) const {
    return english_ ? "descriptor of plugin " + en_quote(id) + " is not a JSON object: " + std::string(detail)
                    : "descripteur du plugin " + fr_quote(id) + " : objet JSON attendu : " + std::string(detail);
}

std::string loader_messages::create_returned_nothing(std::string_view id) const {
    return english_ ? "plugin " + en_quote(id) + " created no instance"
                    : "le plugin " + fr_quote(id) + " n'a créé aucune instance";
}

} // namespace host_sdk::detail
