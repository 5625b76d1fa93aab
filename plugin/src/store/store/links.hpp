#pragma once
// Company links: which host company a JeDéclare dossier is. One dossier ↔ at most one company and one company
// ↔ at most one dossier per instance. Links are by id, so a rename on either side never breaks one; whether an
// exact link still holds after a rename is the matching engine's call, not the store's.

#include "store/time.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jd::store {

class database;

enum class link_kind {
    exact,     // same raison sociale, linked without asking
    confirmed, // chosen by an administrator
};

[[nodiscard]] std::string_view to_string(link_kind kind) noexcept;

struct company_link {
    std::string dossier_id;
    std::int64_t company_id = 0;
    link_kind kind = link_kind::exact;
    std::string linked_by; // host user id ("" for the automatic matcher run by the scheduler)
    epoch_ms linked_at = 0;
};

class link_repository {
public:
    link_repository(database& db, std::string instance_id);
    ~link_repository();
    link_repository(const link_repository&) = delete;
    link_repository& operator=(const link_repository&) = delete;

    // Links dossier ↔ company and audits "company_link.linked". Linking the same pair again is allowed: an
    // exact link may be upgraded to confirmed (a confirmed link is never downgraded); returns false when
    // nothing changed. Throws link_conflict (dossier_already_linked / company_already_linked) when either
    // side is linked to something else: unlink first.
    bool link(const company_link& link);

    // Removes the dossier's link and audits "company_link.unlinked". False if it had none.
    bool unlink_dossier(const std::string& dossier_id, const std::string& actor, epoch_ms at);

    [[nodiscard]] std::vector<company_link> list();
    [[nodiscard]] std::optional<company_link> find_by_dossier(const std::string& dossier_id);
    [[nodiscard]] std::optional<company_link> find_by_company(std::int64_t company_id);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace jd::store
