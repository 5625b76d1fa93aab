#define BOOST_TEST_MODULE statement
#include <boost/test/unit_test.hpp>
