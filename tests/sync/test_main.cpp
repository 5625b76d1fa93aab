#define BOOST_TEST_MODULE jd_sync tests
#include <boost/test/unit_test.hpp>
