#define BOOST_TEST_MODULE admin_matching
#include <boost/test/unit_test.hpp>
