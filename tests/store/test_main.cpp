#define BOOST_TEST_MODULE jd_store
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
