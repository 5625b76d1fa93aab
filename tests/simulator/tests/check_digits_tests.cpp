#include "jdsim/check_digits.hpp"
#include "jdsim/firm.hpp"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(check_digits)

BOOST_AUTO_TEST_CASE(luhn_known_sirens_and_sirets) {
    BOOST_TEST(jdsim::siren_valid("732829320"));
    BOOST_TEST(jdsim::siren_valid("443061841"));
    BOOST_TEST(jdsim::siret_valid("73282932000074"));
    BOOST_TEST(!jdsim::siren_valid("732829321"));
    BOOST_TEST(!jdsim::siren_valid("73282932"));
    BOOST_TEST(!jdsim::siren_valid("73282932A"));
    BOOST_TEST(jdsim::luhn_check_digit("73282932") == '0');
    BOOST_TEST(jdsim::luhn_check_digit("44306184") == '1');
}

BOOST_AUTO_TEST_CASE(rib_keys_including_letters) {
    BOOST_TEST(jdsim::rib_key("30006", "00001", "12345678901") == 89);
    BOOST_TEST(jdsim::rib_key("30004", "00003", "12345678901") == 43);
    // La Banque Postale style account number with a letter.
    BOOST_TEST(jdsim::rib_key("20041", "01005", "0500013M026") == 6);
    BOOST_TEST(jdsim::rib_valid("20041", "01005", "0500013M026", "06"));
    BOOST_TEST(!jdsim::rib_valid("20041", "01005", "0500013M026", "07"));
}

BOOST_AUTO_TEST_CASE(ibans) {
    BOOST_TEST(jdsim::iban_fr("30006", "00001", "12345678901", "89") == "FR7630006000011234567890189");
    BOOST_TEST(jdsim::iban_fr("20041", "01005", "0500013M026", "06") == "FR1420041010050500013M02606");
    BOOST_TEST(jdsim::iban_valid("FR76 3000 6000 0112 3456 7890 189"));
    BOOST_TEST(jdsim::iban_valid("FR1420041010050500013M02606"));
    BOOST_TEST(!jdsim::iban_valid("FR7630006000011234567890188"));
    BOOST_TEST(!jdsim::iban_valid("FR76"));
}

BOOST_AUTO_TEST_CASE(every_generated_identifier_is_valid) {
    const auto f = jdsim::firm::build(99, 300, jdsim::default_comptes());
    std::size_t with_letters = 0;
    for (const auto& d : f.dossiers) {
        BOOST_TEST(jdsim::siren_valid(d.siren), d.siren);
        BOOST_TEST(jdsim::siret_valid(d.siren + d.nic), d.siren + d.nic);
    }
    for (const auto& r : f.ribs) {
        BOOST_TEST(jdsim::rib_valid(r.bank, r.branch, r.number, r.key), r.rib_key());
        BOOST_TEST(jdsim::iban_valid(r.iban), r.iban);
        BOOST_TEST(r.iban.substr(4, 23) == r.bank + r.branch + r.number + r.key);
        for (char c : r.number)
            if (c >= 'A' && c <= 'Z') {
                ++with_letters;
                break;
            }
    }
    BOOST_TEST(with_letters > 0u);
}

BOOST_AUTO_TEST_SUITE_END()
