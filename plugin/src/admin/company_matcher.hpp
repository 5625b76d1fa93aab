#pragma once
// The company-matching engine: pure, deterministic, no I/O.
#include "admin/match_model.hpp"

namespace jd::admin {

// Matches JeDéclare dossiers to host companies.
//
// Rules, in order:
//  1. Stored links are kept by id, whatever the names say now, when both ends still exist:
//     - a confirmed link always (an administrator chose it; it survives renames on both sides);
//     - an exact link while rs and legal name are still byte-equal; once they differ it is stale
//       (warning link_name_changed) and its company is proposed again with reason previously_linked;
//     - one link per dossier: a confirmed one wins over an exact one, then the first given; the others
//       are stale (link_duplicate). Links to a missing dossier or company are stale.
//  2. A new exact link needs a byte-equal, non-blank raison sociale borne by exactly ONE dossier and ONE
//     host company (counting linked ones too), the company not being linked yet. Anything else is never
//     linked: two companies (or two dossiers) bearing the same name are reported with their candidates.
//  3. Every dossier left unlinked gets a reason and, when some exist, candidates for the administrator to
//     confirm: same exact name (ambiguous cases), same valid SIREN, same normalised name with compatible
//     legal forms, or a previous exact link. Companies already linked to another dossier are not
//     proposed; they are named in the explanation instead.
//  4. Every company left unlinked gets a reason and the dossiers it is proposed for.
// Invalid SIRENs are reported and never used; invalid UTF-8 names match only themselves, byte for byte.
// Cost: linear in the input plus the size of the name and SIREN buckets met (hash indexes, no n×m scan).
match_result match_companies(const match_input& input, const match_options& options = {});

} // namespace jd::admin
