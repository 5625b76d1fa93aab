#pragma once
// The simulated service as a whole: routes each request to SOAP, gestion or the /_sim/ control endpoint,
// independently of the network layer (the HTTP server feeds it, tests may call it directly).
#include "jdsim/dataset.hpp"
#include "jdsim/faults.hpp"
#include "jdsim/gestion_service.hpp"
#include "jdsim/host_seed.hpp"
#include "jdsim/http_answer.hpp"
#include "jdsim/piece_store.hpp"
#include "jdsim/server_stats.hpp"
#include "jdsim/soap_request.hpp"
#include "jdsim/soap_service.hpp"

#include <boost/json/object.hpp>

#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace jdsim {

inline constexpr std::string_view soap_path = "/webservices/wspid_spring/CommunicationV2Service/";
inline constexpr std::string_view control_prefix = "/_sim/";

struct app_options {
    dossier_list_shape shape = dossier_list_shape::idocus;
    int gzip_level = 1;
    marking_mode marking = marking_mode::per_couple;
    std::set<std::string> unmarked_couples;  // couple_key(editeur, logiciel) whose reads never mark
    std::uint64_t fault_seed = 1;
    std::vector<fault_spec> faults;
    std::optional<std::filesystem::path> pieces_dir;
};

struct incoming_request {
    std::string method;
    std::string target;
    std::string body;
    std::string authorization;
};

class simulator_app {
  public:
    enum class route { soap, gestion, control, unknown };
    struct classified {
        route where = route::unknown;
        operation_kind op = operation_kind::other;
        std::optional<soap_request> soap;
        std::optional<soap_parse_error> soap_error;
    };

    simulator_app(const dataset& ds, app_options options);

    classified classify(const incoming_request& req) const;
    // The answer the service gives; `forced` is a fault that changes it (code99, invalid_credentials).
    http_answer answer(const incoming_request& req, const classified& c, std::optional<fault_type> forced);

    piece_store& store() { return store_; }
    fault_injector& faults() { return faults_; }
    server_stats& stats() { return stats_; }
    const host_plan& host() const { return host_; }
    const boost::json::object& truth();
    boost::json::object stats_json();

  private:
    http_answer control(const incoming_request& req);
    http_answer add_pieces(const std::string& body);

    const dataset& ds_;
    app_options options_;
    piece_store store_;
    soap_service soap_;
    gestion_service gestion_;
    fault_injector faults_;
    server_stats stats_;
    host_plan host_;
    std::mutex truth_mutex_;
    std::optional<boost::json::object> truth_;
};

}  // namespace jdsim
