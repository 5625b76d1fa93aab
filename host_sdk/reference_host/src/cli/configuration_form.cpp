#include "cli/configuration_form.hpp"

#include "cli/password_input.hpp"

#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"
#include "refhost/redaction.hpp"

#include <boost/json.hpp>

#include <openssl/crypto.h>

#include <fstream>
#include <sstream>

namespace refhost::cli {

std::vector<option_spec> form_options() {
    return {{"--form", true, false}, {"--set", true, true}, {"--password-stdin", false, false}};
}

bool has_form(const parsed_options& parsed) {
    return parsed.has("--form") || parsed.has("--set") || parsed.has("--password-stdin");
}

boost::json::object build_form(const parsed_options& parsed, std::istream& in, std::ostream& prompt_to) {
    boost::json::object form;
    if (const auto file = parsed.value("--form")) {
        std::ifstream stream(*file, std::ios::binary);
        if (!stream) throw failure(HS_E_NOT_FOUND, tr("fichier illisible : ", "cannot read file: ") + *file);
        std::ostringstream text;
        text << stream.rdbuf();
        const std::string content = text.str();
        boost::json::stream_parser parser;
        boost::system::error_code ec;
        const auto consumed = parser.write(content.data(), content.size(), ec);
        if (!ec) parser.finish(ec);
        if (ec) {
            std::size_t line = 1, column = 1;
            for (std::size_t i = 0; i < consumed && i < content.size(); ++i) {
                if (content[i] == '\n') {
                    ++line;
                    column = 1;
                } else {
                    ++column;
                }
            }
            throw failure(HS_E_INVALID_ARGUMENT, *file + tr(", ligne ", ", line ") + std::to_string(line) +
                                                     tr(", colonne ", ", column ") + std::to_string(column) +
                                                     tr(" : JSON invalide : ", ": invalid JSON: ") + ec.message());
        }
        auto value = parser.release();
        if (!value.is_object())
            throw failure(HS_E_INVALID_ARGUMENT, *file + tr(" : un objet JSON est attendu", ": a JSON object is expected"));
        form = std::move(value.get_object());
    }
    for (const auto& pair : parsed.all("--set")) {
        const auto eq = pair.find('=');
        if (eq == std::string::npos || eq == 0)
            throw usage_error(tr("--set attend clé=valeur, reçu « ", "--set expects key=value, got \"") + pair +
                              tr(" »", "\""));
        const std::string key = pair.substr(0, eq);
        if (is_sensitive_key(key)) {
            throw usage_error(tr("« ", "\"") + key +
                              tr(" » ne se donne pas sur la ligne de commande (visible dans la liste des processus) : "
                                 "utilisez --password-stdin ou --form",
                                 "\" must not be given on the command line (visible in the process list): "
                                 "use --password-stdin or --form"));
        }
        form[key] = pair.substr(eq + 1);
    }
    if (parsed.has("--password-stdin")) {
        std::string password = read_password(in, prompt_to);
        form["password"] = password;
        wipe(password);
    }
    return form;
}

void wipe_form(boost::json::object& form) noexcept {
    for (auto& entry : form) {
        if (is_sensitive_key(entry.key()) && entry.value().is_string()) {
            auto& text = entry.value().get_string();
            if (!text.empty()) OPENSSL_cleanse(text.data(), text.size());
        }
    }
}

} // namespace refhost::cli
