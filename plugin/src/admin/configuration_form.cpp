#include "admin/configuration_form.hpp"

#include "admin/display_text.hpp"
#include "admin/json_input.hpp"
#include "admin/utf8.hpp"

#include "jedeclare/client_config.hpp"

#include <boost/json.hpp>

#include <filesystem>
#include <string_view>

namespace jd::admin {

namespace json = boost::json;

namespace {

constexpr std::string_view form_members =
    "login,password,gestion_account_id,editeur,logiciel,version,soap_url,gestion_url,ca_bundle";

constexpr std::string_view login_domain = "@jedeclare.com";

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t at = 0; at < text.size(); at += utf8::decode_at(text, at).length) ++count;
    return count;
}

bool has_control(std::string_view text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) return true;
    }
    return false;
}

// Valid UTF-8, no control character, between min and max characters.
void check_text(std::string_view field, const std::string& value, std::size_t min, std::size_t max,
                const host_sdk::call_context& call) {
    if (!utf8::is_valid(value)) invalid_input(field, "texte UTF-8 invalide", "invalid UTF-8 text", call);
    if (has_control(value))
        invalid_input(field, "caractère de contrôle interdit", "control characters are not allowed", call);
    const auto length = code_points(value);
    if (length < min) invalid_input(field, "valeur vide", "empty value", call);
    if (length > max)
        invalid_input(field, "au plus " + std::to_string(max) + " caractères", "at most " + std::to_string(max) + " characters",
                      call);
}

bool lower_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != b[i]) return false;
    }
    return true;
}

void check_login(const std::string& login, const host_sdk::call_context& call) {
    check_text("login", login, 1, 254, call);
    const auto at = login.find('@');
    const bool shaped = at != std::string::npos && at > 0 && login.find('@', at + 1) == std::string::npos &&
                        login.find(' ') == std::string::npos &&
                        lower_equal(std::string_view(login).substr(at), login_domain);
    if (!shaped)
        invalid_input("login",
                      "l'identifiant d'un compte de flux est une adresse qui se termine par @jedeclare.com (reçu « " +
                          display_text(login, 80) + " »)",
                      "a compte de flux login is an address ending in @jedeclare.com (got \"" + display_text(login, 80) + "\")",
                      call);
}

void check_url(std::string_view field, const std::string& url, const host_sdk::call_context& call) {
    check_text(field, url, 1, 2048, call);
    if (url.size() < 9 || !lower_equal(std::string_view(url).substr(0, 8), "https://") || url.find(' ') != std::string::npos)
        invalid_input(field, "une adresse https:// est attendue (reçu « " + display_text(url, 120) + " »)",
                      "an https:// address is expected (got \"" + display_text(url, 120) + "\")", call);
}

void check_ca_bundle(const std::string& path, const host_sdk::call_context& call) {
    check_text("ca_bundle", path, 1, 4096, call);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        invalid_input("ca_bundle", "fichier d'autorités de certification introuvable : " + display_text(path, 200),
                      "certificate authority file not found: " + display_text(path, 200), call);
}

} // namespace

bool configuration_form::empty() const noexcept {
    return !login && !password && !gestion_account_id && !editeur && !logiciel && !version && !soap_url &&
           !gestion_url && !ca_bundle;
}

configuration_form read_configuration_form(const json::object& input, const host_sdk::call_context& call) {
    reject_unknown_members(input, form_members, "", call);
    configuration_form form;
    form.login = string_member(input, "login", "", call);
    if (form.login) check_login(*form.login, call);

    if (auto password = string_member(input, "password", "", call)) {
        // The value is never quoted back, whatever is wrong with it.
        if (password->empty()) invalid_input("password", "mot de passe vide", "empty password", call);
        if (password->size() > 256) invalid_input("password", "au plus 256 octets", "at most 256 bytes", call);
        if (password->find('\0') != std::string::npos || !utf8::is_valid(*password))
            invalid_input("password", "caractère interdit dans le mot de passe", "forbidden character in the password",
                          call);
        form.password = jedeclare::secret(std::move(*password));
    }

    form.gestion_account_id = string_member(input, "gestion_account_id", "", call);
    if (form.gestion_account_id) {
        const auto& id = *form.gestion_account_id;
        bool digits = !id.empty() && id.size() <= 32;
        for (const char c : id) digits = digits && c >= '0' && c <= '9';
        if (!digits)
            invalid_input("gestion_account_id",
                          "l'identifiant du compte de gestion est un nombre (reçu « " + display_text(id, 40) + " »)",
                          "the management account id is a number (got \"" + display_text(id, 40) + "\")", call);
    }
    form.editeur = string_member(input, "editeur", "", call);
    if (form.editeur) check_text("editeur", *form.editeur, 1, 100, call);
    form.logiciel = string_member(input, "logiciel", "", call);
    if (form.logiciel) check_text("logiciel", *form.logiciel, 1, 100, call);
    form.version = string_member(input, "version", "", call);
    if (form.version) check_text("version", *form.version, 1, 30, call);
    form.soap_url = string_member(input, "soap_url", "", call);
    if (form.soap_url) check_url("soap_url", *form.soap_url, call);
    form.gestion_url = string_member(input, "gestion_url", "", call);
    if (form.gestion_url) check_url("gestion_url", *form.gestion_url, call);

    if (const auto* ca = input.if_contains("ca_bundle"); ca != nullptr) {
        form.ca_bundle = ca->is_null() ? std::string() : string_member(input, "ca_bundle", "", call).value_or("");
        if (!form.ca_bundle->empty()) check_ca_bundle(*form.ca_bundle, call);
    }
    return form;
}

store::instance_config merge_configuration(const configuration_form& form,
                                           const std::optional<store::instance_config>& saved,
                                           const host_sdk::call_context& call) {
    store::instance_config config;
    if (saved) {
        config = *saved;
    } else {
        config.editeur = default_editeur;
        config.logiciel = default_logiciel;
        config.version = default_version;
        config.soap_url = std::string(jedeclare::default_soap_url);
        config.gestion_url = std::string(jedeclare::default_gestion_url);
    }
    if (form.login) config.login = *form.login;
    if (form.gestion_account_id) config.gestion_account_id = *form.gestion_account_id;
    if (form.editeur) config.editeur = *form.editeur;
    if (form.logiciel) config.logiciel = *form.logiciel;
    if (form.version) config.version = *form.version;
    if (form.soap_url) config.soap_url = *form.soap_url;
    if (form.gestion_url) config.gestion_url = *form.gestion_url;
    if (form.ca_bundle) config.ca_bundle = *form.ca_bundle;

    if (config.login.empty())
        invalid_input("login", "requis : l'identifiant du compte de flux (…@jedeclare.com)",
                      "required: the compte de flux login (…@jedeclare.com)", call);
    if (config.gestion_account_id.empty())
        invalid_input("gestion_account_id", "requis : l'identifiant numérique du compte de gestion JeDéclare",
                      "required: the numeric JeDéclare management account id", call);
    return config;
}

} // namespace jd::admin
