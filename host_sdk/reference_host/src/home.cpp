#include "refhost/home.hpp"

#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"

#include <cstdlib>
#include <system_error>

namespace refhost {

home_layout home_layout::resolve(const std::optional<std::string>& from_command_line) {
    std::filesystem::path root;
    if (from_command_line && !from_command_line->empty()) {
        root = *from_command_line;
    } else if (const char* env = std::getenv("AGGREGATOR_HOST_HOME"); env != nullptr && *env != '\0') {
        root = env;
    } else {
        root = "aggregator-host-home";
    }
    return home_layout{std::filesystem::absolute(root).lexically_normal()};
}

void home_layout::ensure() const {
    std::error_code ec;
    if (std::filesystem::is_directory(root, ec)) return;
    std::filesystem::create_directories(root, ec);
    if (ec) {
        throw failure(HS_E_INTERNAL, tr("impossible de créer le répertoire ", "cannot create the directory ") +
                                         root.string() + " : " + ec.message());
    }
    // The home holds the ledger and the key file: only its owner reads it.
    std::filesystem::permissions(root, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
}

} // namespace refhost
