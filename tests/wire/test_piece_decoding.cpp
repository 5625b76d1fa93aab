#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "jedeclare/base64.hpp"
#include "jedeclare/piece_decoding.hpp"
#include "jedeclare/wire_error.hpp"

#include <Poco/Zip/Compress.h>

#include <zlib.h>

#include <sstream>

using namespace jd::jedeclare;

namespace {

std::string gzip(const std::string& data)
{
    z_stream stream{};
    BOOST_REQUIRE(deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    BOOST_REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

std::string zip(const std::vector<std::pair<std::string, std::string>>& members, bool store = false)
{
    std::ostringstream out;
    Poco::Zip::Compress compress(out, true);
    for (const auto& [name, data] : members) {
        std::istringstream input(data);
        compress.addFile(input, Poco::DateTime(2024, 5, 2), Poco::Path(name, Poco::Path::PATH_UNIX),
                         store ? Poco::Zip::ZipCommon::CM_STORE : Poco::Zip::ZipCommon::CM_DEFLATE);
    }
    compress.close();
    return out.str();
}

std::string cfonb_line(char kind)
{
    std::string line(120, ' ');
    line[0] = '0';
    line[1] = kind;
    return line;
}

} // namespace

BOOST_AUTO_TEST_SUITE(piece_decoding)

BOOST_AUTO_TEST_CASE(magic_bytes)
{
    BOOST_TEST(looks_gzip(std::string("\x1f\x8b\x08", 3)));
    BOOST_TEST(!looks_gzip("\x1f"));
    BOOST_TEST(!looks_gzip("01"));
    BOOST_TEST(looks_zip(std::string("PK\x03\x04rest", 8)));
    BOOST_TEST(looks_zip(std::string("PK\x05\x06", 4)));
    BOOST_TEST(!looks_zip("PK"));
    BOOST_TEST(!looks_zip(cfonb_line('1')));
}

BOOST_AUTO_TEST_CASE(plain_content_is_one_file_named_after_the_piece)
{
    const std::string data = cfonb_line('1') + cfonb_line('4') + cfonb_line('7');
    const auto decoded = decode_piece_content(data, "5001", 1 << 20);
    BOOST_TEST((decoded.encoding == piece_encoding::plain));
    BOOST_REQUIRE_EQUAL(decoded.files.size(), 1u);
    BOOST_TEST(decoded.files[0].name == "5001");
    BOOST_TEST(decoded.files[0].bytes == data);
}

BOOST_AUTO_TEST_CASE(gzip_is_detected_whatever_the_declared_type)
{
    const std::string data = cfonb_line('1') + "\xe9t\xe9" + cfonb_line('7'); // latin-1 bytes survive
    const auto decoded = decode_piece_content(gzip(data), "5002", 1 << 20);
    BOOST_TEST((decoded.encoding == piece_encoding::gzip));
    BOOST_REQUIRE_EQUAL(decoded.files.size(), 1u);
    BOOST_TEST(decoded.files[0].bytes == data);
}

BOOST_AUTO_TEST_CASE(concatenated_gzip_members_are_joined)
{
    const std::string both = gzip("first part ") + gzip("second part");
    BOOST_TEST(gunzip(both, 1 << 20) == "first part second part");
}

BOOST_AUTO_TEST_CASE(empty_gzip_is_an_empty_file)
{
    const auto decoded = decode_piece_content(gzip(""), "5003", 1 << 20);
    BOOST_REQUIRE_EQUAL(decoded.files.size(), 1u);
    BOOST_TEST(decoded.files[0].bytes.empty());
}

BOOST_AUTO_TEST_CASE(truncated_or_corrupt_gzip_is_malformed)
{
    const std::string packed = gzip(std::string(5000, 'x') + cfonb_line('4'));
    for (const std::string& broken : {packed.substr(0, packed.size() / 2), packed.substr(0, 10),
                                      packed + "garbage"}) {
        try {
            gunzip(broken, 1 << 20);
            BOOST_FAIL("expected an error");
        } catch (const wire_error& e) {
            BOOST_TEST(e.kind() == error_kind::malformed_response);
        }
    }
    std::string flipped = packed;
    flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x55);
    BOOST_CHECK_THROW(gunzip(flipped, 1 << 20), wire_error);
}

BOOST_AUTO_TEST_CASE(gzip_bomb_is_stopped_at_the_limit)
{
    const std::string packed = gzip(std::string(1 << 20, '0'));
    try {
        gunzip(packed, 1000);
        BOOST_FAIL("expected an error");
    } catch (const wire_error& e) {
        BOOST_TEST(e.kind() == error_kind::unexpected_response);
    }
}

BOOST_AUTO_TEST_CASE(zip_with_several_files_yields_each_file)
{
    const std::string a = cfonb_line('1') + cfonb_line('7');
    const std::string b = cfonb_line('4');
    for (const bool store : {false, true}) {
        const auto decoded = decode_piece_content(zip({{"releve_a.txt", a}, {"sub/releve_b.txt", b}}, store), "5004",
                                                  1 << 20);
        BOOST_TEST((decoded.encoding == piece_encoding::zip));
        BOOST_REQUIRE_EQUAL(decoded.files.size(), 2u);
        BOOST_TEST(decoded.files[0].name == "releve_a.txt");
        BOOST_TEST(decoded.files[0].bytes == a);
        BOOST_TEST(decoded.files[1].name == "sub/releve_b.txt");
        BOOST_TEST(decoded.files[1].bytes == b);
    }
}

BOOST_AUTO_TEST_CASE(zip_inside_gzip_is_unpacked)
{
    const auto decoded = decode_piece_content(gzip(zip({{"one.cfo", "abc"}})), "5005", 1 << 20);
    BOOST_TEST((decoded.encoding == piece_encoding::gzip_zip));
    BOOST_REQUIRE_EQUAL(decoded.files.size(), 1u);
    BOOST_TEST(decoded.files[0].bytes == "abc");
}

BOOST_AUTO_TEST_CASE(corrupt_zip_is_an_error)
{
    const std::string archive = zip({{"one.cfo", std::string(4000, 'z')}});
    BOOST_CHECK_THROW(unzip(archive.substr(0, 40), 1 << 20), wire_error);
}

BOOST_AUTO_TEST_CASE(base64_round_trip_and_whitespace)
{
    std::string all;
    for (int i = 0; i < 256; ++i)
        all += static_cast<char>(i);
    for (std::size_t n = 0; n < 8; ++n)
        BOOST_TEST(base64_decode(base64_encode(all.substr(0, n))) == all.substr(0, n));
    BOOST_TEST(base64_decode(base64_encode(all)) == all);
    BOOST_TEST(base64_encode("Hello") == "SGVsbG8=");
    BOOST_TEST(base64_decode("SGVs\r\nbG8=\n") == "Hello");
    BOOST_TEST(base64_decode("SGVsbG8") == "Hello"); // padding optional
    BOOST_TEST(base64_decode("") == "");
    // Line breaks anywhere (MIME puts one every 76 characters), in and out of quanta.
    std::string data;
    for (int i = 0; i < 5000; ++i)
        data += static_cast<char>((i * 7919) % 251);
    const std::string encoded = base64_encode(data);
    for (const std::size_t every : {76u, 7u, 3u, 1u}) {
        std::string wrapped;
        for (std::size_t i = 0; i < encoded.size(); ++i) {
            wrapped += encoded[i];
            if (i % every == every - 1)
                wrapped += i % 2 ? "\r\n" : " ";
        }
        BOOST_TEST(base64_decode(wrapped) == data);
    }
    BOOST_CHECK_THROW(base64_decode("SGV*bG8="), wire_error);
    BOOST_CHECK_THROW(base64_decode("SGVsb"), wire_error);
    BOOST_CHECK_THROW(base64_decode("SG=Vs"), wire_error);
}

BOOST_AUTO_TEST_SUITE_END()
