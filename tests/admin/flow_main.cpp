// The admin flow against the real plugin and the simulator: one module, one suite per concern.
#define BOOST_TEST_MODULE admin_flow
#include <boost/test/unit_test.hpp>
