// RIB keys and French IBANs.

#include "jd/statement/bank_account.hpp"

#include <boost/test/unit_test.hpp>

using namespace jd::statement;

BOOST_AUTO_TEST_SUITE(bank_account)

BOOST_AUTO_TEST_CASE(rib_keys) {
    // 97 - ((89 * 30004 + 15 * 00001 + 3 * 00012345678) mod 97)
    const long long expected = 97 - (89LL * 30004 + 15LL * 1 + 3LL * 12345678) % 97;
    const std::string key = rib_check_digits("30004", "00001", "00012345678");
    BOOST_TEST(std::stoll(key) == expected);
    BOOST_TEST(key.size() == 2U);
    // Letters count as digits: A,J -> 1 … H,Q,Y -> 8 … S -> 2.
    BOOST_TEST(rib_check_digits("30002", "00447", "0000888899H") == rib_check_digits("30002", "00447", "00008888998"));
    BOOST_TEST(rib_check_digits("30002", "00447", "0000888899Q") == rib_check_digits("30002", "00447", "00008888998"));
    BOOST_TEST(rib_check_digits("30002", "00447", "0000888899S") == rib_check_digits("30002", "00447", "00008888992"));
    BOOST_TEST(rib_check_digits("30002", "00447", "0000888899s") == rib_check_digits("30002", "00447", "00008888992"));
}

BOOST_AUTO_TEST_CASE(rib_key_needs_the_right_lengths_and_characters) {
    BOOST_TEST(rib_check_digits("3000", "00001", "00012345678").empty());
    BOOST_TEST(rib_check_digits("30004", "00001", "0001234567").empty());
    BOOST_TEST(rib_check_digits("30004", "00001", "0001234567-").empty());
    BOOST_TEST(french_iban("30004", "00001", "0001234567-").empty());
}

BOOST_AUTO_TEST_CASE(french_ibans) {
    // A published example: FR14 2004 1010 0505 0001 3M02 606.
    BOOST_TEST(french_iban("20041", "01005", "0500013M026") == "FR1420041010050500013M02606");
    BOOST_TEST(iban_is_valid("FR1420041010050500013M02606"));
    BOOST_TEST(iban_is_valid("FR7630006000011234567890189"));
    BOOST_TEST(!iban_is_valid("FR7630006000011234567890188"));
    const std::string iban = french_iban("30003", "01234", "01234567890");
    BOOST_TEST(iban.size() == 27U);
    BOOST_TEST(iban.substr(0, 2) == "FR");
    BOOST_TEST(iban_is_valid(iban));
    BOOST_TEST(iban.substr(4, 21) == "300030123401234567890");
}

BOOST_AUTO_TEST_SUITE_END()
