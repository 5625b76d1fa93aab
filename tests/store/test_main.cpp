#define BOOST_TEST_MODULE jd_store
#include <boost/test/unit_test.hpp>
