#pragma once
// match_companies and confirm_company_match: which host company each JeDéclare client dossier is.
//
// match_companies lists the dossiers through gestion (and records them), lists the host's companies page by
// page, runs the matching engine over them and the stored links, stores the new exact links (and nothing
// else), removes the links the engine found stale, and answers the report (JSON + "text").
// confirm_company_match is the administrator's decision: link (kind confirmed, which survives renames) or
// unlink. Every change is in the audit trail. A company that loses its link is deactivated: only linked
// companies receive movements.
#include "admin/admin_context.hpp"

#include <boost/json/value.hpp>

namespace jd::admin {

class company_links_service {
public:
    explicit company_links_service(admin_context& context) : context_(context) {}

    boost::json::value match_companies(const host_sdk::call_context& call, const boost::json::value& input);
    boost::json::value confirm_company_match(const host_sdk::call_context& call, const boost::json::value& input);

private:
    // Lists the dossiers through gestion and records them. Throws host_sdk::error for a remote failure.
    std::vector<jedeclare::dossier> refresh_dossiers(const host_sdk::call_context& call);

    admin_context& context_;
};

} // namespace jd::admin
