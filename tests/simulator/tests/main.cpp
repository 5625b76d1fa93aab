#define BOOST_TEST_MODULE jdsim
#include <boost/test/unit_test.hpp>
