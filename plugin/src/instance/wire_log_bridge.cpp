#include "instance/wire_log_bridge.hpp"

#include <boost/json.hpp>

namespace jd::instance {

jedeclare::log_hook host_log_hook(host_sdk::host services, std::string instance_id) {
    return [services, instance_id](jedeclare::log_level level, std::string_view event,
                                   const jedeclare::log_fields& fields) noexcept {
        try {
            boost::json::object object;
            object["instance_id"] = instance_id;
            for (const auto& [key, value] : fields) object[key] = value;
            services.log(static_cast<hs_log_level>(static_cast<int>(level)), "jedeclare", event, object);
        } catch (...) {
            // Logging never makes a call fail.
        }
    };
}

} // namespace jd::instance
