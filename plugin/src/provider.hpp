#pragma once
// jd::provider: one JeDeclare.com aggregator instance (one « compte de flux ») as the host sees it.
//
// A thin dispatcher: each operation of hs_provider_api_v1 arrives here already parsed (host_sdk does the
// C boundary, the exception firewall and the JSON) and goes on to the instance's admin service
// (configuration, matching, activation, bank links) or to its sync side (the run, the status). The
// instance context (plugin/src/instance/) owns the store, the clients and what cancel() must reach.

#include <host_sdk/provider.hpp>

#include <memory>

namespace jd {

namespace instance {
class instance_context;
}

class provider final : public host_sdk::provider {
public:
    /// Opens the instance's store; throws host_sdk::error (create() then fails with its message).
    provider(host_sdk::host services, host_sdk::instance_info instance);
    /// Cancels what runs and waits for it (destroy()).
    ~provider() override;

    boost::json::value configure(const host_sdk::call_context& call, const boost::json::value& input) override;
    boost::json::value get_configuration(const host_sdk::call_context& call, const boost::json::value& input) override;
    boost::json::value test_connection(const host_sdk::call_context& call, const boost::json::value& input) override;
    boost::json::value match_companies(const host_sdk::call_context& call, const boost::json::value& input) override;
    boost::json::value confirm_company_match(const host_sdk::call_context& call,
                                             const boost::json::value& input) override;
    boost::json::value set_activation(const host_sdk::call_context& call, const boost::json::value& input) override;
    boost::json::value list_bank_links(const host_sdk::call_context& call, const boost::json::value& input) override;
    boost::json::value set_bank_link(const host_sdk::call_context& call, const boost::json::value& input) override;
    boost::json::value status(const host_sdk::call_context& call, const boost::json::value& input) override;
    boost::json::value sync(const host_sdk::call_context& call, const boost::json::value& input) override;
    void cancel() override;

private:
    std::unique_ptr<instance::instance_context> context_;
};

} // namespace jd
