#include "refhost/data_directories.hpp"

#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"

#include <cctype>

namespace refhost {

bool is_valid_instance_id(std::string_view id) {
    if (id.empty() || id.size() > 64 || id.front() == '.' || id.front() == '-') return false;
    for (const char c : id) {
        const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

std::filesystem::path ensure_data_directory(const home_layout& home, const std::string& instance_id) {
    if (!is_valid_instance_id(instance_id)) {
        throw failure(HS_E_INVALID_ARGUMENT, tr("identifiant d'instance invalide : ", "invalid instance id: ") +
                                                 instance_id);
    }
    const auto directory = home.plugins_data() / instance_id;
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec) {
        throw failure(HS_E_INTERNAL, tr("impossible de créer le répertoire ", "cannot create the directory ") +
                                         directory.string() + " : " + ec.message());
    }
    std::filesystem::permissions(home.plugins_data(), std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);
    std::filesystem::permissions(directory, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);
    return directory;
}

bool remove_data_directory(const home_layout& home, const std::string& instance_id) {
    if (!is_valid_instance_id(instance_id)) return false;
    std::error_code ec;
    return std::filesystem::remove_all(home.plugins_data() / instance_id, ec) > 0;
}

} // namespace refhost
