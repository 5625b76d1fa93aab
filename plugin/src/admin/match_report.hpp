#pragma once
// The match report: JSON for the match_companies operation and readable text for the administrator.
#include "admin/match_messages.hpp"
#include "admin/match_model.hpp"

#include <boost/json/object.hpp>

#include <cstddef>
#include <string>

namespace jd::admin {

struct report_options {
    report_language language = report_language::fr;
    // Names longer than this (in characters) are cut with "…" in the TEXT report only; JSON keeps them whole.
    std::size_t max_name_chars = 120;
};

// The readable report: a title, a summary line with the counts, then one section per non-empty group
// (exact links, confirmed links, proposals, unmatched dossiers, companies without a dossier, warnings).
std::string match_report_text(const match_result& result, const report_options& options = {});

// The match_companies answer (see the provider operations contract):
// {"summary":{"dossiers","companies","exact","confirmed","proposed","unmatched_dossiers","unmatched_companies"},
//  "links":[{"dossier_id","rs","siren","company_id","legal_name","kind","active"}],
//  "proposals":[{"dossier_id","rs","siren","candidates":[{"company_id","legal_name","reasons":[…]}],
//                "candidates_total"}],
//  "unmatched_dossiers":[{"dossier_id","rs","siren","reason","message"}],
//  "unmatched_companies":[{"company_id","legal_name","reason","message"}],
//  "warnings":[{"code","dossier_id"?,"company_id"?,"message"}],
//  "text":"…"}
// "reason" is a stable code (to_string of dossier_reason / company_reason), "message" its explanation in
// the requested language. Strings are always valid UTF-8 (bytes that are not become U+FFFD) and never cut.
boost::json::object match_report_json(const match_result& result, const report_options& options = {});

} // namespace jd::admin
