#pragma once

// What the network tests and the benchmark share: starting the simulator with a compte whose password is
// deliberately hostile to XML, and building a client configuration for it.

#include "jdsim/sim_process.hpp"
#include "jedeclare/client.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace wire_test {

// The compte de flux the tests use: a password with every XML special character.
inline const std::string test_login = "wire-tests@jedeclare.com";
inline const std::string test_password = "S3cr3t<&'\">-Pa55";
inline const std::string test_gestion_id = "4242";

// A second compte with its own pieces, and one without RELEVE (code 11) nor gestion.
inline const std::string other_login = "wire-other@jedeclare.com";
inline const std::string other_password = "Autre-S3cr3t&Pa55";
inline const std::string other_gestion_id = "4243";
inline const std::string tax_login = "wire-tva@jedeclare.com";
inline const std::string tax_password = "Tva-S3cr3t<Pa55>";

inline std::vector<std::string> compte_arguments()
{
    return {"--compte", "login=" + test_login + ",password=" + test_password + ",gestion=" + test_gestion_id +
                            ",procedures=RELEVE,weight=3",
            "--compte", "login=" + other_login + ",password=" + other_password + ",gestion=" + other_gestion_id +
                            ",procedures=RELEVE,weight=1,first=5000001",
            "--compte", "login=" + tax_login + ",password=" + tax_password + ",procedures=EDI-TVA,weight=0"};
}

inline std::unique_ptr<jdsim::sim_process> start_simulator(std::vector<std::string> extra)
{
    std::vector<std::string> args = compte_arguments();
    args.insert(args.end(), extra.begin(), extra.end());
    return std::make_unique<jdsim::sim_process>(args);
}

// A client configuration pointing at the simulator, with the test compte. Production defaults otherwise.
inline jd::jedeclare::client_config client_config_for(const jdsim::sim_process& sim,
                                                      const std::string& login = test_login,
                                                      const std::string& password = test_password,
                                                      const std::string& gestion_id = test_gestion_id)
{
    jd::jedeclare::client_config config;
    config.soap_url = sim.soap_url();
    config.gestion_url = sim.gestion_url();
    config.ca_file = sim.ca_file();
    config.credentials.login = login;
    config.credentials.password = jd::jedeclare::secret(password);
    config.credentials.gestion_account_id = gestion_id;
    config.identification.editeur = "wire-tests";
    config.identification.logiciel = "jd_wire";
    return config;
}

} // namespace wire_test
