// The built-in SHA-256: known vectors, both engines, the two-message path.

#include "test_support.hpp"

#include "jd/statement/sha256.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace jd::statement;

namespace {

std::vector<sha256_engine> engines() {
    std::vector<sha256_engine> list{sha256_engine::portable};
    if (sha256_default_engine() == sha256_engine::x86_sha_extensions) {
        list.push_back(sha256_engine::x86_sha_extensions);
    }
    return list;
}

} // namespace

BOOST_AUTO_TEST_SUITE(sha256_tests)

BOOST_AUTO_TEST_CASE(fips_180_vectors) {
    for (const sha256_engine engine : engines()) {
        BOOST_TEST(to_hex(sha256::hash("", engine)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        BOOST_TEST(to_hex(sha256::hash("abc", engine)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        BOOST_TEST(to_hex(sha256::hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", engine)) ==
                   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        sha256 million(engine);
        const std::string thousand(1000, 'a');
        for (int i = 0; i < 1000; ++i) {
            million.update(thousand);
        }
        BOOST_TEST(to_hex(million.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }
}

BOOST_AUTO_TEST_CASE(engines_agree_on_every_length_and_split) {
    std::string text;
    for (int i = 0; i < 300; ++i) {
        text.push_back(static_cast<char>(i * 37 + 11));
    }
    for (std::size_t n = 0; n <= text.size(); ++n) {
        const sha256_digest expected = sha256::hash(std::string_view(text).substr(0, n), sha256_engine::portable);
        for (const sha256_engine engine : engines()) {
            sha256 h(engine);
            const std::size_t half = n / 3;
            h.update(text.data(), half);
            h.update(text.data() + half, n - half);
            BOOST_TEST((h.finish() == expected));
        }
    }
}

BOOST_AUTO_TEST_CASE(finish_two_equals_two_hashes) {
    for (const sha256_engine engine : engines()) {
        for (const std::size_t prefix_size : {std::size_t{0}, std::size_t{64}, std::size_t{128}}) {
            const std::string prefix(prefix_size, 'p');
            sha256 midstate(engine);
            midstate.update(prefix);
            for (std::size_t a = 0; a < 200; a += 13) {
                for (std::size_t b = 0; b < 200; b += 17) {
                    std::vector<std::uint8_t> ma(a + 72);
                    std::vector<std::uint8_t> mb(b + 72);
                    for (std::size_t i = 0; i < a; ++i) {
                        ma[i] = static_cast<std::uint8_t>(i * 7 + a);
                    }
                    for (std::size_t i = 0; i < b; ++i) {
                        mb[i] = static_cast<std::uint8_t>(i * 5 + b);
                    }
                    const std::string sa = prefix + std::string(ma.begin(), ma.begin() + static_cast<std::ptrdiff_t>(a));
                    const std::string sb = prefix + std::string(mb.begin(), mb.begin() + static_cast<std::ptrdiff_t>(b));
                    sha256_digest da;
                    sha256_digest db;
                    midstate.finish_two(ma.data(), a, mb.data(), b, da, db);
                    BOOST_TEST((da == sha256::hash(sa, sha256_engine::portable)));
                    BOOST_TEST((db == sha256::hash(sb, sha256_engine::portable)));
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(hex) {
    const sha256_digest d = sha256::hash("abc");
    BOOST_TEST(to_hex(d, 4) == "ba7816bf");
    BOOST_TEST(to_hex(d).size() == 64U);
}

BOOST_AUTO_TEST_SUITE_END()
