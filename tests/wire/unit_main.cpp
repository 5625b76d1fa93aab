#define BOOST_TEST_MODULE jd_wire_unit
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
