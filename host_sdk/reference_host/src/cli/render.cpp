#include "cli/render.hpp"

#include "cli/text_table.hpp"

#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"

#include <boost/json.hpp>

#include <ostream>

namespace refhost::cli {

std::string format_amount(std::int64_t minor, int decimals) {
    const bool english = current_language() == language::en;
    const bool negative = minor < 0;
    // Work on the magnitude as unsigned so that INT64_MIN does not overflow.
    std::uint64_t magnitude = negative ? 0ULL - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
    std::string digits = std::to_string(magnitude);
    const auto places = static_cast<std::size_t>(decimals < 0 ? 0 : decimals);
    if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');
    const std::string whole = digits.substr(0, digits.size() - places);
    const std::string fraction = digits.substr(digits.size() - places);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += english ? ',' : ' ';
        grouped += whole[i];
    }
    std::string text = (negative ? "-" : "") + grouped;
    if (places > 0) text += (english ? "." : ",") + fraction;
    return text;
}

const boost::json::value* member(const boost::json::value& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    return object.get_object().if_contains(key);
}

std::string yes_no(bool value) { return value ? tr("oui", "yes") : tr("non", "no"); }

std::string text_of(const boost::json::value* value) {
    if (value == nullptr || value->is_null()) return {};
    if (value->is_string()) return std::string(value->get_string());
    if (value->is_bool()) return yes_no(value->get_bool());
    if (value->is_int64()) return std::to_string(value->get_int64());
    if (value->is_uint64()) return std::to_string(value->get_uint64());
    return boost::json::serialize(*value);
}

std::string text_at(const boost::json::value& object, std::string_view key) { return text_of(member(object, key)); }

std::int64_t integer_at(const boost::json::value& object, std::string_view key) {
    const auto* value = member(object, key);
    if (value == nullptr) return 0;
    if (value->is_int64()) return value->get_int64();
    if (value->is_uint64()) return static_cast<std::int64_t>(value->get_uint64());
    if (value->is_double()) return static_cast<std::int64_t>(value->get_double());
    return 0;
}

std::string or_dash(const std::string& text) { return text.empty() ? "—" : text; }

std::string state_label(const std::string& state) {
    struct entry {
        std::string_view code, fr, en;
    };
    static constexpr entry labels[] = {
        {"ok", "OK", "OK"},
        {"non_configure", "non configuré", "not configured"},
        {"identifiants_refuses", "identifiants refusés", "credentials refused"},
        {"procedure_non_souscrite", "procédure non souscrite", "service not subscribed"},
        {"compte_inconnu", "compte inconnu", "unknown account"},
        {"erreur_reseau", "erreur réseau", "network error"},
        {"erreur_certificat", "erreur de certificat", "certificate error"},
        {"piece_illisible", "pièce illisible", "unreadable statement"},
        {"inactive", "inactive", "inactive"},
    };
    for (const auto& item : labels)
        if (item.code == state) return tr(item.fr, item.en);
    return state;
}

boost::json::value parse_answer(const std::string& text, std::string_view operation) {
    boost::system::error_code ec;
    auto value = boost::json::parse(text, ec);
    if (ec) {
        throw failure(HS_E_INTERNAL, tr("réponse illisible du fournisseur (", "unreadable provider answer (") +
                                         std::string(operation) + ") : " + ec.message());
    }
    return value;
}

void print_configuration(std::ostream& out, const boost::json::value& configuration) {
    struct field {
        std::string_view key, fr, en;
    };
    static constexpr field known[] = {
        {"instance_id", "Instance", "Instance"},
        {"configured", "Configurée", "Configured"},
        {"login", "Identifiant", "Login"},
        {"password", "Mot de passe", "Password"},
        {"gestion_account_id", "Compte de gestion", "Management account"},
        {"editeur", "Éditeur", "Software vendor"},
        {"logiciel", "Logiciel", "Software"},
        {"version", "Version", "Version"},
        {"soap_url", "URL SOAP", "SOAP URL"},
        {"gestion_url", "URL gestion", "Management URL"},
        {"ca_bundle", "Certificats (CA)", "CA bundle"},
        {"updated_at", "Mise à jour le", "Updated at"},
        {"updated_by", "Mise à jour par", "Updated by"},
    };
    if (!configuration.is_object()) {
        out << boost::json::serialize(configuration) << '\n';
        return;
    }
    std::vector<std::pair<std::string, std::string>> lines;
    for (const auto& item : known) {
        if (const auto* value = member(configuration, item.key); value != nullptr)
            lines.emplace_back(tr(item.fr, item.en), text_of(value));
    }
    for (const auto& entry : configuration.get_object()) {
        bool listed = false;
        for (const auto& item : known) listed = listed || item.key == entry.key();
        if (listed) continue;
        // The test made when saving: its sentence, not its JSON.
        if (entry.key() == "connection" && entry.value().is_object() && !text_at(entry.value(), "message").empty())
            lines.emplace_back(tr("Connexion", "Connection"), text_at(entry.value(), "message"));
        else
            lines.emplace_back(std::string(entry.key()), text_of(&entry.value()));
    }
    std::size_t width = 0;
    for (const auto& line : lines) width = std::max(width, display_width(line.first));
    for (const auto& line : lines) {
        out << "  " << line.first << std::string(width - display_width(line.first), ' ') << " : " << or_dash(line.second)
            << '\n';
    }
}

void print_connection_test(std::ostream& out, const boost::json::value& result) {
    const auto* ok = member(result, "ok");
    if (ok != nullptr && ok->is_bool() && ok->get_bool()) {
        out << tr("Connexion réussie : ", "Connection succeeded: ") << integer_at(result, "dossiers")
            << tr(" dossier(s), ", " dossier(s), ") << integer_at(result, "pieces_available")
            << tr(" pièce(s) disponible(s).", " statement file(s) available.") << '\n';
    } else {
        out << tr("Connexion refusée.", "Connection refused.") << ' ' << text_at(result, "message") << '\n';
    }
}

void print_status(std::ostream& out, const boost::json::value& status) {
    const boost::json::value empty = boost::json::object{};
    const auto* instance = member(status, "instance");
    const auto& head = instance != nullptr ? *instance : empty;
    out << tr("État de l'instance : ", "Instance state: ") << state_label(text_at(head, "state"));
    if (const auto message = text_at(head, "message"); !message.empty()) out << " — " << message;
    out << '\n';
    out << tr("  Dernière réussite : ", "  Last success: ") << or_dash(text_at(head, "last_success_at")) << '\n';
    out << tr("  Dernière exécution : ", "  Last run: ") << or_dash(text_at(head, "last_run_at")) << '\n';
    const auto* companies = member(status, "companies");
    if (companies == nullptr || !companies->is_array() || companies->get_array().empty()) {
        out << tr("Aucune société liée.", "No linked company.") << '\n';
        return;
    }
    text_table table({tr("Société", "Company"), tr("Raison sociale", "Legal name"), tr("Active", "Active"),
                      tr("État", "State"), tr("Dernière réussite", "Last success"), tr("Message", "Message")});
    table.align_right(0);
    for (const auto& company : companies->get_array()) {
        const auto* active = member(company, "active");
        table.add({text_at(company, "company_id"), text_at(company, "legal_name"),
                   active != nullptr && active->is_bool() ? yes_no(active->get_bool()) : "",
                   state_label(text_at(company, "state")), or_dash(text_at(company, "last_success_at")),
                   text_at(company, "message")});
    }
    out << '\n';
    table.print(out);
}

void print_run_report(std::ostream& out, const boost::json::value& report) {
    const boost::json::value empty = boost::json::object{};
    const auto* pieces_value = member(report, "pieces");
    const auto* movements_value = member(report, "movements");
    const auto& pieces = pieces_value != nullptr ? *pieces_value : empty;
    const auto& movements = movements_value != nullptr ? *movements_value : empty;
    out << tr("Synchronisation de « ", "Sync of \"") << text_at(report, "instance_id") << tr(" » : ", "\": ")
        << state_label(text_at(report, "state")) << '\n';
    const auto duration_ms = integer_at(report, "duration_ms");
    out << tr("  Début : ", "  Started:  ") << or_dash(text_at(report, "started_at")) << tr(", fin : ", ", finished: ")
        << or_dash(text_at(report, "finished_at")) << tr(", durée : ", ", duration: ")
        << format_amount(duration_ms / 100, 1) << " s\n";
    out << tr("  Pièces : ", "  Statement files: ") << integer_at(pieces, "listed") << tr(" listée(s), ", " listed, ")
        << integer_at(pieces, "downloaded") << tr(" téléchargée(s), ", " downloaded, ") << integer_at(pieces, "recovered")
        << tr(" reprise(s), ", " recovered, ") << integer_at(pieces, "parse_failed") << tr(" illisible(s)", " unreadable")
        << '\n';
    out << tr("  Mouvements : ", "  Movements: ") << integer_at(movements, "parsed") << tr(" lu(s), ", " parsed, ")
        << integer_at(movements, "delivered") << tr(" livré(s), ", " delivered, ") << integer_at(movements, "duplicates")
        << tr(" doublon(s), ", " duplicate(s), ") << integer_at(movements, "quarantined")
        << tr(" en attente de rattachement, ", " held back (no link), ") << integer_at(movements, "released")
        << tr(" libéré(s)", " released") << '\n';
    out << tr("  Alertes de solde : ", "  Balance warnings: ") << integer_at(report, "balance_warnings") << '\n';
    const auto* errors = member(report, "errors");
    out << tr("  Erreurs : ", "  Errors: ");
    if (errors == nullptr || !errors->is_object() || errors->get_object().empty()) {
        out << tr("aucune", "none") << '\n';
    } else {
        bool first = true;
        for (const auto& entry : errors->get_object()) {
            out << (first ? "" : ", ") << entry.key() << " " << text_of(&entry.value());
            first = false;
        }
        out << '\n';
    }
}

std::string run_report_line(const std::string& instance_id, const boost::json::value& report) {
    const boost::json::value empty = boost::json::object{};
    const auto* movements_value = member(report, "movements");
    const auto& movements = movements_value != nullptr ? *movements_value : empty;
    return instance_id + " : " + state_label(text_at(report, "state")) + tr(" — mouvements livrés : ", " — movements delivered: ") +
           std::to_string(integer_at(movements, "delivered")) + tr(", doublons : ", ", duplicates: ") +
           std::to_string(integer_at(movements, "duplicates")) + tr(", durée : ", ", duration: ") +
           format_amount(integer_at(report, "duration_ms") / 100, 1) + " s";
}

void print_bank_links(std::ostream& out, const boost::json::value& links) {
    out << tr("Société ", "Company ") << text_at(links, "company_id") << '\n';
    const auto* ribs = member(links, "ribs");
    if (ribs == nullptr || !ribs->is_array() || ribs->get_array().empty()) {
        out << tr("Aucun compte bancaire distant connu.", "No remote bank account known.") << '\n';
    } else {
        text_table table({tr("Clé RIB", "RIB key"), "RIB", "IBAN", tr("Libellé", "Label"), tr("Dossier", "Dossier"),
                          tr("Origine", "Source"), tr("Compte lié", "Linked account"), tr("Proposé", "Proposed")});
        for (const auto& rib : ribs->get_array()) {
            table.add({text_at(rib, "rib_key"), text_at(rib, "rib"), text_at(rib, "iban"), text_at(rib, "label"),
                       text_at(rib, "dossier_id"), text_at(rib, "source"), or_dash(text_at(rib, "bank_account_id")),
                       or_dash(text_at(rib, "proposed_bank_account_id"))});
        }
        out << '\n' << tr("Comptes distants :", "Remote accounts:") << '\n';
        table.print(out, "  ");
    }
    const auto* accounts = member(links, "bank_accounts");
    if (accounts != nullptr && accounts->is_array() && !accounts->get_array().empty()) {
        text_table table({"Id", tr("Libellé", "Label"), "IBAN", tr("Journal", "Journal")});
        table.align_right(0);
        for (const auto& account : accounts->get_array())
            table.add({text_at(account, "id"), text_at(account, "label"), text_at(account, "iban"),
                       text_at(account, "journal_code")});
        out << '\n' << tr("Comptes bancaires de la société :", "The company's bank accounts:") << '\n';
        table.print(out, "  ");
    }
}

void print_activation(std::ostream& out, const boost::json::value& changed) {
    const auto* items = member(changed, "changed");
    if (items == nullptr || !items->is_array() || items->get_array().empty()) {
        out << tr("Aucun changement.", "Nothing changed.") << '\n';
        return;
    }
    for (const auto& item : items->get_array()) {
        const auto* active = member(item, "active");
        const bool on = active != nullptr && active->is_bool() && active->get_bool();
        out << tr("Société ", "Company ") << text_at(item, "company_id") << " : "
            << (on ? tr("activée", "activated") : tr("désactivée", "deactivated"));
        if (const auto from = text_at(item, "deliver_from"); !from.empty())
            out << tr(" (mouvements à partir du ", " (movements from ") << from << ")";
        out << '\n';
    }
}

namespace {

void pretty(std::ostream& out, const boost::json::value& value, int depth) {
    const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
    const std::string inner(static_cast<std::size_t>(depth + 1) * 2, ' ');
    if (value.is_object() && !value.get_object().empty()) {
        out << "{\n";
        bool first = true;
        for (const auto& entry : value.get_object()) {
            if (!first) out << ",\n";
            first = false;
            out << inner << boost::json::serialize(boost::json::value(entry.key())) << ": ";
            pretty(out, entry.value(), depth + 1);
        }
        out << "\n" << pad << "}";
    } else if (value.is_array() && !value.get_array().empty()) {
        out << "[\n";
        bool first = true;
        for (const auto& item : value.get_array()) {
            if (!first) out << ",\n";
            first = false;
            out << inner;
            pretty(out, item, depth + 1);
        }
        out << "\n" << pad << "]";
    } else {
        out << boost::json::serialize(value);
    }
}

} // namespace

void print_json(std::ostream& out, const boost::json::value& value) {
    pretty(out, value, 0);
    out << '\n';
}

} // namespace refhost::cli
