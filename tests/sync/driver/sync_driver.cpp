// sync-driver: a host process that behaves like `aggregator-host sync now <instance>`, for the crash tests.
// It opens the reference host's services over a home directory (its ledger included), the plugin's store and
// a client for the simulator, runs ONE sync of the instance with the sync service, prints the run report
// (one JSON line) and exits. A test kills it with SIGKILL at random moments, or asks it to kill itself at a
// named point of the run (--kill-at POINT:N, the Nth time the run reaches POINT).
//
//   sync-driver --home DIR --store sqlite:DIR|postgresql:SCHEMA --instance ID --ready READY.json
//               [--compte N] [--kill-at POINT:N] [--batch N] [--movements-per-transaction N]
#include "sync_test_env.hpp"

#include "sync/sync_service.hpp"

#include "jedeclare/client.hpp"

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

[[noreturn]] void usage(const std::string& why) {
    std::cerr << "sync-driver: " << why << "\n"
              << "usage: sync-driver --home DIR --store PLACE --instance ID --ready FILE [--compte N]\n"
                 "                   [--kill-at POINT:N] [--batch N] [--movements-per-transaction N]\n";
    std::exit(2);
}

} // namespace

int main(int argc, char** argv) {
    std::string home, place_text, instance_id, ready_file, kill_point;
    std::uint64_t kill_count = 0;
    std::size_t compte = 0, batch = 50, per_transaction = 2000;
    for (int i = 1; i < argc; ++i) {
        const std::string option = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(option + " needs a value");
            return argv[++i];
        };
        if (option == "--home") home = value();
        else if (option == "--store") place_text = value();
        else if (option == "--instance") instance_id = value();
        else if (option == "--ready") ready_file = value();
        else if (option == "--compte") compte = std::stoul(value());
        else if (option == "--batch") batch = std::stoul(value());
        else if (option == "--movements-per-transaction") per_transaction = std::stoul(value());
        else if (option == "--kill-at") {
            const auto text = value();
            const auto colon = text.find(':');
            if (colon == std::string::npos) usage("--kill-at POINT:N");
            kill_point = text.substr(0, colon);
            kill_count = std::stoull(text.substr(colon + 1));
        } else usage("unknown option " + option);
    }
    if (home.empty() || place_text.empty() || instance_id.empty() || ready_file.empty()) usage("missing option");

    try {
        std::ifstream in(ready_file);
        std::stringstream text;
        text << in.rdbuf();
        const auto ready = boost::json::parse(text.str()).as_object();

        sync_test::host_env host(home, instance_id);
        const auto place = sync_test::store_place::from_description(place_text);
        auto db = place->open();
        jd::store::instance_store store(*db, instance_id);
        jd::jedeclare::client client(sync_test::client_config_for(sync_test::endpoint_from_ready(ready, compte)));

        jd::sync::sync_options options;
        options.delivery_batch_size = batch;
        options.movements_per_transaction = per_transaction;
        options.pieces_per_transaction = 20;
        if (!kill_point.empty()) {
            options.checkpoint = [kill_point, kill_count](std::string_view point, std::uint64_t count) {
                if (point == kill_point && count == kill_count) std::raise(SIGKILL);
            };
        }
        jd::sync::sync_service service(host.host(), store, client, options);
        host_sdk::call_context call;
        call.user_id = "";
        call.operation_id = "sync-driver";
        const auto report = service.run(call, jd::sync::trigger::manual);
        std::cout << boost::json::serialize(jd::sync::to_json(report)) << std::endl;
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "sync-driver: " << error.what() << "\n";
        return 1;
    }
}
