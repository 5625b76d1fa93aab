// The reference host's test executable: one suite per concept (seed, rights, ledger, secrets, logging,
// scheduler, cli), each registered as its own CTest test.
#define BOOST_TEST_MODULE refhost
#include <boost/test/unit_test.hpp>
