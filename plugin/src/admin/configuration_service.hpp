#pragma once
// configure, get_configuration and test_connection: the « Ajouter JeDeclare.com » form.
//
// Saving tests the connection first (a gestion call: the client dossiers; a list call: the statements
// waiting), and saves nothing when the test fails: the answer is then the failure, clearly named
// (identifiants refusés, compte inconnu, procédure non souscrite, erreur réseau, erreur certificat).
// The password goes to the host's secret store only; the plugin's database keeps the key under which it
// is stored, and reading the configuration back says « défini » / « non défini ».
#include "admin/admin_context.hpp"

#include <boost/json/value.hpp>

namespace jd::admin {

/// What a successful connection test found.
struct connection_check {
    std::size_t dossiers = 0;
    std::size_t pieces_available = 0;
};

class configuration_service {
public:
    explicit configuration_service(admin_context& context) : context_(context) {}

    boost::json::value configure(const host_sdk::call_context& call, const boost::json::value& input);
    boost::json::value get_configuration(const host_sdk::call_context& call, const boost::json::value& input);
    boost::json::value test_connection(const host_sdk::call_context& call, const boost::json::value& input);

private:
    // The gestion call and the list call; throws jedeclare::wire_error.
    connection_check check_connection(jedeclare::client& client);
    boost::json::object configuration_view(const std::optional<store::instance_config>& config,
                                           const host_sdk::call_context& call) const;

    admin_context& context_;
};

} // namespace jd::admin
