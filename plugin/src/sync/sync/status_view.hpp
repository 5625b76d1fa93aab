#pragma once
// The `status` operation's answer: the instance's admin-visible state (OK, identifiants refusés, procédure
// non souscrite, compte inconnu, erreur réseau, erreur certificat, pièce illisible, non configuré) with the
// times of the last run and the last success, and one line per company the instance knows (activated,
// linked to a dossier or to a bank account).
//
// A company's state follows the instance's when the instance cannot fetch anything (a company gets nothing
// when the compte de flux is refused); otherwise it says whether the company is inactive or waits for a
// bank link. Extra members (running, last_run, unreadable_pieces, quarantine) help the admin act.

#include "store/instance_store.hpp"

#include <host_sdk/host.hpp>

#include <boost/json/object.hpp>

#include <string_view>

namespace jd::sync {

struct status_options {
    bool configured = true;     ///< false: the instance has no configuration yet (state non_configure)
    std::size_t unreadable_pieces_shown = 20;
};

/// Reads the store (and the host for legal names). `locale` "fr" or "en".
[[nodiscard]] boost::json::object build_status(const host_sdk::host& services, store::instance_store& store,
                                               std::string_view locale, const status_options& options = {});

} // namespace jd::sync
