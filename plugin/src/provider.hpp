#pragma once
// jd::provider: one JeDeclare.com aggregator instance (one « compte de flux ») as the host sees it.
//
// A thin dispatcher: each operation of hs_provider_api_v1 arrives here already parsed (host_sdk does the
// C boundary, the exception firewall and the JSON), and goes on to the admin service (configuration,
// matching, activation, bank links, status) or the sync service (the scheduled run). Until those wings
// are linked in, every operation answers HS_E_NOT_IMPLEMENTED.

#include <host_sdk/provider.hpp>

namespace jd {

class provider final : public host_sdk::provider {
public:
    provider(host_sdk::host services, host_sdk::instance_info instance);
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
};

} // namespace jd
