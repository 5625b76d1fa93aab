#pragma once
// The step inside each company: which JeDéclare RIB feeds which of the company's bank accounts.
//
// list_bank_links shows the RIBs of the company's dossier (fetched from gestion and recorded; the stored
// ones when JeDéclare.com cannot be reached, with a warning) and the RIBs already seen in statements that
// concern this company (linked to one of its accounts, or whose IBAN is one of its accounts'), each with
// its link and, when unlinked, the company's bank account whose IBAN is the RIB's (a proposal).
// set_bank_link links one RIB to one of the company's bank accounts, or unlinks it (bank_account_id null).
// A RIB goes to one bank account and a bank account receives one RIB. Both need the company's
// company.accounting_settings right. Linking releases the RIB's quarantined movements (the next sync
// delivers them).
#include "admin/admin_context.hpp"

#include <boost/json/value.hpp>

namespace jd::admin {

class bank_links_service {
public:
    explicit bank_links_service(admin_context& context) : context_(context) {}

    boost::json::value list_bank_links(const host_sdk::call_context& call, const boost::json::value& input);
    boost::json::value set_bank_link(const host_sdk::call_context& call, const boost::json::value& input);

private:
    // Fetches the dossier's RIBs from gestion and records them; a remote failure becomes a warning.
    void refresh_ribs(const host_sdk::call_context& call, const std::string& dossier_id, boost::json::array& warnings);

    admin_context& context_;
};

} // namespace jd::admin
