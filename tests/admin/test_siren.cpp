#include "admin/siren.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace jd::admin;

BOOST_AUTO_TEST_SUITE(siren)

BOOST_AUTO_TEST_CASE(luhn) {
    BOOST_TEST(luhn_valid("552100554"));
    BOOST_TEST(luhn_valid("732829320"));
    BOOST_TEST(luhn_valid("123456782"));
    BOOST_TEST(!luhn_valid("552100555"));
    BOOST_TEST(!luhn_valid("123456789"));
    BOOST_TEST(!luhn_valid(""));
    BOOST_TEST(!luhn_valid("55210055A"));
}

BOOST_AUTO_TEST_CASE(siren_checks) {
    BOOST_TEST(check_siren("552100554").valid());
    BOOST_TEST(check_siren("552100554").digits == "552100554");
    BOOST_TEST(check_siren("552 100 554").digits == "552100554");
    BOOST_TEST(check_siren("552\u00a0100\u00a0554").valid());
    BOOST_TEST(check_siren("552\u202f100\u202f554").valid());
    BOOST_TEST(check_siren("356000000").valid()); // La Poste's SIREN passes Luhn itself

    BOOST_TEST((check_siren("").status == identifier_status::absent));
    BOOST_TEST((check_siren("   ").status == identifier_status::absent));
    BOOST_TEST(!check_siren("").invalid());
    BOOST_TEST((check_siren("552100555").status == identifier_status::bad_checksum));
    BOOST_TEST((check_siren("55210055").status == identifier_status::bad_format));
    BOOST_TEST((check_siren("5521005540").status == identifier_status::bad_format));
    BOOST_TEST((check_siren("552-100-554").status == identifier_status::bad_format));
    BOOST_TEST((check_siren("55210055A").status == identifier_status::bad_format));
    BOOST_TEST((check_siren("\xff\xfe").status == identifier_status::bad_format));
    BOOST_TEST((check_siren("000000000").status == identifier_status::placeholder));
    BOOST_TEST((check_siren(std::string(100000, '7')).status == identifier_status::bad_format));
    BOOST_TEST(check_siren("552100555").invalid());
    BOOST_TEST(check_siren("552100555").digits.empty()); // an invalid SIREN gives no key to match on
}

BOOST_AUTO_TEST_CASE(siret_checks) {
    BOOST_TEST(check_siret("55210055400013").valid());
    BOOST_TEST(check_siret("552 100 554 00013").valid());
    BOOST_TEST((check_siret("55210055400014").status == identifier_status::bad_checksum));
    BOOST_TEST((check_siret("552100554").status == identifier_status::bad_format));
    BOOST_TEST((check_siret("00000000000000").status == identifier_status::placeholder));
}

// La Poste: a SIRET starting with 356000000 is valid by Luhn OR when its digit sum is a multiple of 5.
BOOST_AUTO_TEST_CASE(la_poste_exception) {
    BOOST_TEST(check_siret("35600000000006").valid()); // Luhn-valid anyway
    BOOST_TEST(check_siret("35600000000001").valid()); // fails Luhn, digit sum 15
    BOOST_TEST(check_siret("35600000000010").valid()); // fails Luhn, digit sum 15
    BOOST_TEST(!check_siret("35600000000002").valid()); // fails both
    BOOST_TEST(!check_siret("35600000000000").valid()); // digit sum 14
    // The exception belongs to La Poste only: another SIRET with a digit sum multiple of 5 but a wrong
    // Luhn key stays invalid.
    BOOST_TEST(!check_siret("55210055400003").valid());
    // And it is not a SIREN rule: the digit sum of 356000000 is 14.
    BOOST_TEST(check_siren("356000000").valid());
}

BOOST_AUTO_TEST_SUITE_END()
