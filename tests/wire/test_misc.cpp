#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "jedeclare/date_windows.hpp"
#include "jedeclare/https_url.hpp"
#include "jedeclare/redaction.hpp"
#include "jedeclare/wire_error.hpp"

using namespace jd::jedeclare;
using std::chrono::year;

BOOST_AUTO_TEST_SUITE(date_windows)

BOOST_AUTO_TEST_CASE(format_is_jj_mm_aaaa)
{
    BOOST_TEST(format_jjmmaaaa(year{2024} / 2 / 9) == "09/02/2024");
    BOOST_TEST(format_jjmmaaaa(year{1999} / 12 / 31) == "31/12/1999");
}

BOOST_AUTO_TEST_CASE(short_range_is_one_window)
{
    const auto windows = split_date_range(year{2024} / 1 / 1, year{2024} / 3 / 31);
    BOOST_REQUIRE_EQUAL(windows.size(), 1u);
    BOOST_TEST(format_jjmmaaaa(windows[0].from) == "01/01/2024");
    BOOST_TEST(format_jjmmaaaa(windows[0].to) == "31/03/2024");
}

BOOST_AUTO_TEST_CASE(long_range_is_split_into_windows_of_at_most_540_days)
{
    using std::chrono::sys_days;
    const auto from = year{2021} / 1 / 1;
    const auto to = year{2024} / 6 / 30;
    const auto windows = split_date_range(from, to);
    BOOST_REQUIRE_EQUAL(windows.size(), 3u);
    BOOST_TEST((sys_days{windows.front().from} == sys_days{from}));
    BOOST_TEST((sys_days{windows.back().to} == sys_days{to}));
    for (std::size_t i = 0; i < windows.size(); ++i) {
        const auto length = (sys_days{windows[i].to} - sys_days{windows[i].from}).count() + 1;
        BOOST_TEST(length <= 540);
        BOOST_TEST(length >= 1);
        if (i > 0) // contiguous, no gap, no overlap
            BOOST_TEST((sys_days{windows[i].from} - sys_days{windows[i - 1].to}).count() == 1);
    }
    BOOST_TEST((sys_days{windows[0].to} - sys_days{windows[0].from}).count() + 1 == 540);
}

BOOST_AUTO_TEST_CASE(exactly_540_days_and_edge_cases)
{
    using std::chrono::days;
    using std::chrono::sys_days;
    const auto from = year{2023} / 1 / 1;
    const std::chrono::year_month_day to{sys_days{from} + days{539}};
    BOOST_TEST(split_date_range(from, to).size() == 1u);
    const std::chrono::year_month_day one_more{sys_days{from} + days{540}};
    BOOST_TEST(split_date_range(from, one_more).size() == 2u);
    BOOST_TEST(split_date_range(from, from).size() == 1u);
    BOOST_TEST(split_date_range(to, from).empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(urls)

BOOST_AUTO_TEST_CASE(parses_https_urls)
{
    const auto soap = parse_https_url("https://www.jedeclare.com/webservices/wspid_spring/CommunicationV2Service/");
    BOOST_TEST(soap.host == "www.jedeclare.com");
    BOOST_TEST(soap.port == 443);
    BOOST_TEST(soap.path == "/webservices/wspid_spring/CommunicationV2Service/");
    BOOST_TEST(soap.host_header() == "www.jedeclare.com");
    const auto local = parse_https_url("https://127.0.0.1:43211/webservice/gestion/");
    BOOST_TEST(local.host == "127.0.0.1");
    BOOST_TEST(local.port == 43211);
    BOOST_TEST(local.host_header() == "127.0.0.1:43211");
    const auto v6 = parse_https_url("https://[::1]:8443");
    BOOST_TEST(v6.host == "::1");
    BOOST_TEST(v6.path == "/");
    BOOST_TEST(v6.host_header() == "[::1]:8443");
}

BOOST_AUTO_TEST_CASE(refuses_what_is_not_plain_https)
{
    for (const char* bad : {"http://www.jedeclare.com/", "ftp://x/", "not a url", "https://user:pw@host/",
                            "https://host:0/", "https://host:99999/"}) {
        try {
            parse_https_url(bad);
            BOOST_ERROR("accepted " << bad);
        } catch (const wire_error& e) {
            BOOST_TEST(e.kind() == error_kind::configuration);
            BOOST_TEST(std::string(e.what()).find("pw") == std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(path_segments_are_encoded)
{
    BOOST_TEST(encode_path_segment("4242") == "4242");
    BOOST_TEST(encode_path_segment("a/b c?") == "a%2Fb%20c%3F");
    BOOST_TEST(encode_path_segment("..") == "..");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(errors_and_redaction)

BOOST_AUTO_TEST_CASE(redactor_removes_every_form_of_the_secrets)
{
    account_credentials credentials;
    credentials.login = "flux@jedeclare.com";
    credentials.password = secret("S3cr3t<&'\">-Pa55");
    const redactor clean(credentials);
    const std::string text = clean.clean(
        "user flux@jedeclare.com pw S3cr3t<&'\">-Pa55 escaped S3cr3t&lt;&amp;&apos;&quot;&gt;-Pa55 basic "
        "Zmx1eEBqZWRlY2xhcmUuY29tOlMzY3IzdDwmJyI+LVBhNTU=\r\nnext line");
    BOOST_TEST(text.find("S3cr3t") == std::string::npos);
    BOOST_TEST(text.find("flux@") == std::string::npos);
    BOOST_TEST(text.find("Zmx1eEBqZWRlY2xhcmUuY29t") == std::string::npos);
    BOOST_TEST(text.find('\n') == std::string::npos);
    BOOST_TEST(text.find("next line") != std::string::npos);
    BOOST_TEST(clean.clean(std::string(1000, 'a'), 50).size() <= 50u + 3u);
}

BOOST_AUTO_TEST_CASE(every_kind_has_a_french_and_an_english_message)
{
    for (int k = static_cast<int>(error_kind::network); k <= static_cast<int>(error_kind::cancelled); ++k) {
        const auto kind = static_cast<error_kind>(k);
        BOOST_TEST(!to_string(kind).empty());
        BOOST_TEST(to_string(kind) != "unknown");
        BOOST_TEST(describe(kind, "fr") != describe(kind, "en"));
    }
    BOOST_TEST(describe(error_kind::invalid_credentials).find("dentifiants refusés pour le compte de flux") !=
               std::string_view::npos);
    BOOST_TEST(describe(error_kind::invalid_credentials, "en").find("Credentials refused") != std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(message_carries_operation_detail_and_attempts)
{
    wire_error e(error_kind::server_unavailable, "HTTP 503");
    e.with_operation("DemandeAccuse").with_attempts(5).with_http_status(503);
    BOOST_TEST(e.transient());
    BOOST_TEST(e.message("fr").find("DemandeAccuse; HTTP 503; 5 tentatives") != std::string::npos);
    BOOST_TEST(e.message("en").find("5 attempts") != std::string::npos);
    BOOST_TEST(std::string(e.what()) == e.message("fr"));
    BOOST_TEST(e.http_status() == 503u);
}

BOOST_AUTO_TEST_SUITE_END()
