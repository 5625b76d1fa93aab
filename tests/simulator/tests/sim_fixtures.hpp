#pragma once
// Simulators shared by the network tests, started once per test process.
#include "jdsim/sim_process.hpp"
#include "test_client.hpp"

#include <memory>
#include <string>
#include <vector>

namespace jdsim_test {

inline const std::vector<std::string>& shared_arguments() {
    static const std::vector<std::string> args{"--seed", "3", "--dossiers", "40", "--days", "8", "--end-date", "2025-03-14"};
    return args;
}

// The simulator most tests talk to (default comptes: index 0 main, 1 second with '&', 2 without RELEVE).
inline jdsim::sim_process& shared_sim() {
    static jdsim::sim_process sim(shared_arguments());
    return sim;
}

inline std::unique_ptr<https_client> client_for(const jdsim::sim_process& sim) {
    return std::make_unique<https_client>(sim.port(), sim.ca_file());
}

inline list_request list_as(const jdsim::sim_process& sim, std::size_t compte, std::string logiciel = "simulateur") {
    list_request r;
    r.login = sim.comptes[compte].login;
    r.password = sim.comptes[compte].password;
    r.logiciel = std::move(logiciel);
    return r;
}

inline download_request download_as(const jdsim::sim_process& sim, std::size_t compte, std::string numero,
                                    std::string logiciel = "simulateur") {
    download_request r;
    r.login = sim.comptes[compte].login;
    r.password = sim.comptes[compte].password;
    r.numero = std::move(numero);
    r.logiciel = std::move(logiciel);
    return r;
}

inline constexpr const char* soap_target = "/webservices/wspid_spring/CommunicationV2Service/";

}  // namespace jdsim_test
