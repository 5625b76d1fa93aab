#include "admin/match_report.hpp"

#include "admin/display_text.hpp"
#include "admin/utf8.hpp"

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

namespace jd::admin {

namespace {

bool fr(const report_options& options) { return options.language == report_language::fr; }

boost::json::string json_text(std::string_view text) { return boost::json::string(utf8::make_valid(text)); }

// "1 rapprochement exact" / "2 rapprochements exacts": French treats 0 and 1 as singular, English only 1.
std::string counted(std::size_t n, const report_options& options, const char* fr_one, const char* fr_many,
                    const char* en_one, const char* en_many) {
    const bool one = fr(options) ? n <= 1 : n == 1;
    return std::to_string(n) + " " + (fr(options) ? (one ? fr_one : fr_many) : (one ? en_one : en_many));
}

void section(std::string& out, const report_options& options, const char* fr_title, const char* en_title,
             std::size_t count) {
    out += "\n";
    out += fr(options) ? fr_title : en_title;
    out += " (" + std::to_string(count) + ")\n";
}

std::string link_line(const match_link& link, const report_options& options) {
    const std::size_t max = options.max_name_chars;
    std::string line = "  - " + dossier_label(link.dossier.id, options.language) + " " + quoted(link.dossier.rs, max);
    if (!link.dossier.siren.empty()) {
        line += " (SIREN " + display_text(link.dossier.siren, max) + ")";
    }
    line += " → " + company_label(link.company.id, options.language) + " " + quoted(link.company.legal_name, max);
    if (!link.stored) {
        line += fr(options) ? " (nouveau)" : " (new)";
    }
    if (link.active) {
        line += fr(options) ? " (activée)" : " (active)";
    }
    return line + "\n";
}

} // namespace

std::string match_report_text(const match_result& result, const report_options& options) {
    const match_summary& s = result.summary;
    const std::size_t max = options.max_name_chars;
    std::string out;
    out += fr(options) ? "Rapprochement des dossiers JeDéclare et des entreprises de la plateforme\n"
                       : "Matching JeDéclare dossiers with the platform's companies\n";
    out += fr(options) ? "Résumé : " : "Summary: ";
    out += counted(s.exact, options, "rapprochement exact", "rapprochements exacts", "exact match", "exact matches");
    out += ", " + counted(s.confirmed, options, "lien confirmé", "liens confirmés", "confirmed link", "confirmed links");
    out += ", " + counted(s.proposed, options, "proposition à confirmer", "propositions à confirmer",
                          "proposal to confirm", "proposals to confirm");
    out += ", " + counted(s.unmatched_dossiers, options, "dossier non rapproché", "dossiers non rapprochés",
                          "unmatched dossier", "unmatched dossiers");
    out += ", " + counted(s.unmatched_companies, options, "entreprise sans dossier", "entreprises sans dossier",
                          "company without a dossier", "companies without a dossier");
    out += " (" + counted(s.dossiers, options, "dossier JeDéclare", "dossiers JeDéclare", "JeDéclare dossier",
                          "JeDéclare dossiers");
    out += ", " + counted(s.companies, options, "entreprise de la plateforme", "entreprises de la plateforme",
                          "platform company", "platform companies");
    out += ").\n";

    std::size_t exact = 0;
    std::size_t confirmed = 0;
    for (const match_link& link : result.links) {
        ++(link.kind == link_kind::exact ? exact : confirmed);
    }
    if (exact > 0) {
        section(out, options, "Rapprochements exacts", "Exact matches", exact);
        for (const match_link& link : result.links) {
            if (link.kind == link_kind::exact) {
                out += link_line(link, options);
            }
        }
    }
    if (confirmed > 0) {
        section(out, options, "Liens confirmés", "Confirmed links", confirmed);
        for (const match_link& link : result.links) {
            if (link.kind == link_kind::confirmed) {
                out += link_line(link, options);
            }
        }
    }
    if (!result.proposals.empty()) {
        section(out, options, "Propositions à confirmer", "Proposals to confirm", result.proposals.size());
        for (const proposal& p : result.proposals) {
            out += "  - " + dossier_label(p.dossier.id, options.language) + " " + quoted(p.dossier.rs, max);
            if (!p.dossier.siren.empty()) {
                out += " (SIREN " + display_text(p.dossier.siren, max) + ")";
            }
            out += "\n";
            for (const candidate& c : p.candidates) {
                out += "      · " + company_label(c.company.id, options.language) + " " +
                       quoted(c.company.legal_name, max) + (fr(options) ? " : " : ": ") +
                       reasons_text(c.reasons, options.language) + "\n";
            }
            if (p.total_candidates > p.candidates.size()) {
                const std::size_t rest = p.total_candidates - p.candidates.size();
                out += fr(options) ? "      · … et " + std::to_string(rest) + (rest == 1 ? " autre\n" : " autres\n")
                                   : "      · … and " + std::to_string(rest) + " more\n";
            }
        }
    }
    if (!result.unmatched_dossiers.empty()) {
        section(out, options, "Dossiers non rapprochés", "Unmatched dossiers", result.unmatched_dossiers.size());
        for (const unmatched_dossier& d : result.unmatched_dossiers) {
            out += "  - " + dossier_label(d.dossier.id, options.language) + (fr(options) ? " : " : ": ") +
                   dossier_message(d, options.language, max) + "\n";
        }
    }
    if (!result.unmatched_companies.empty()) {
        section(out, options, "Entreprises sans dossier", "Companies without a dossier",
                result.unmatched_companies.size());
        for (const unmatched_company& c : result.unmatched_companies) {
            out += "  - " + company_label(c.company.id, options.language) + (fr(options) ? " : " : ": ") +
                   company_message(c, options.language, max) + "\n";
        }
    }
    if (!result.warnings.empty()) {
        section(out, options, "Avertissements", "Warnings", result.warnings.size());
        for (const match_warning& w : result.warnings) {
            out += "  - " + warning_message(w, options.language, max) + "\n";
        }
    }
    return out;
}

boost::json::object match_report_json(const match_result& result, const report_options& options) {
    namespace json = boost::json;
    const match_summary& s = result.summary;
    json::object root;

    json::object summary;
    summary["dossiers"] = s.dossiers;
    summary["companies"] = s.companies;
    summary["exact"] = s.exact;
    summary["confirmed"] = s.confirmed;
    summary["proposed"] = s.proposed;
    summary["unmatched_dossiers"] = s.unmatched_dossiers;
    summary["unmatched_companies"] = s.unmatched_companies;
    root["summary"] = std::move(summary);

    json::array links;
    links.reserve(result.links.size());
    for (const match_link& link : result.links) {
        json::object item;
        item["dossier_id"] = json_text(link.dossier.id);
        item["rs"] = json_text(link.dossier.rs);
        item["siren"] = json_text(link.dossier.siren);
        item["company_id"] = link.company.id;
        item["legal_name"] = json_text(link.company.legal_name);
        item["kind"] = to_string(link.kind);
        item["active"] = link.active;
        links.emplace_back(std::move(item));
    }
    root["links"] = std::move(links);

    json::array proposals;
    proposals.reserve(result.proposals.size());
    for (const proposal& p : result.proposals) {
        json::object item;
        item["dossier_id"] = json_text(p.dossier.id);
        item["rs"] = json_text(p.dossier.rs);
        item["siren"] = json_text(p.dossier.siren);
        json::array candidates;
        for (const candidate& c : p.candidates) {
            json::object candidate_item;
            candidate_item["company_id"] = c.company.id;
            candidate_item["legal_name"] = json_text(c.company.legal_name);
            json::array reasons;
            for (std::string_view code : candidate_reason_codes(c.reasons)) {
                reasons.emplace_back(code);
            }
            candidate_item["reasons"] = std::move(reasons);
            candidates.emplace_back(std::move(candidate_item));
        }
        item["candidates"] = std::move(candidates);
        item["candidates_total"] = p.total_candidates;
        proposals.emplace_back(std::move(item));
    }
    root["proposals"] = std::move(proposals);

    json::array unmatched_dossiers;
    unmatched_dossiers.reserve(result.unmatched_dossiers.size());
    for (const unmatched_dossier& d : result.unmatched_dossiers) {
        json::object item;
        item["dossier_id"] = json_text(d.dossier.id);
        item["rs"] = json_text(d.dossier.rs);
        item["siren"] = json_text(d.dossier.siren);
        item["reason"] = to_string(d.reason);
        item["message"] = dossier_message(d, options.language);
        unmatched_dossiers.emplace_back(std::move(item));
    }
    root["unmatched_dossiers"] = std::move(unmatched_dossiers);

    json::array unmatched_companies;
    unmatched_companies.reserve(result.unmatched_companies.size());
    for (const unmatched_company& c : result.unmatched_companies) {
        json::object item;
        item["company_id"] = c.company.id;
        item["legal_name"] = json_text(c.company.legal_name);
        item["reason"] = to_string(c.reason);
        item["message"] = company_message(c, options.language);
        unmatched_companies.emplace_back(std::move(item));
    }
    root["unmatched_companies"] = std::move(unmatched_companies);

    json::array warnings;
    warnings.reserve(result.warnings.size());
    for (const match_warning& w : result.warnings) {
        json::object item;
        item["code"] = to_string(w.code);
        if (w.dossier_id) {
            item["dossier_id"] = json_text(*w.dossier_id);
        }
        if (w.company_id) {
            item["company_id"] = *w.company_id;
        }
        item["message"] = warning_message(w, options.language);
        warnings.emplace_back(std::move(item));
    }
    root["warnings"] = std::move(warnings);

    root["text"] = match_report_text(result, options);
    return root;
}

} // namespace jd::admin
