#include <boost/test/unit_test.hpp>

#include "refhost_fixture.hpp"

#include "refhost/host_table.hpp"
#include "refhost/i18n.hpp"
#include "refhost/progress.hpp"
#include "refhost/redaction.hpp"

#include "host_sdk/host.hpp"

BOOST_AUTO_TEST_SUITE(logging)

using refhost_test::host_fixture;
using refhost_test::read_bytes;

BOOST_AUTO_TEST_CASE(sensitive_keys_are_recognised) {
    for (const auto* key : {"password", "Password", "mot_de_passe", "client_secret", "access_token", "api_key",
                            "Authorization", "proxy_pwd"})
        BOOST_TEST(refhost::is_sensitive_key(key), key);
    for (const auto* key : {"login", "instance_id", "company_id", "rib_key", "pieces"})
        BOOST_TEST(!refhost::is_sensitive_key(key), key);
}

BOOST_AUTO_TEST_CASE(values_under_sensitive_keys_are_masked_at_any_depth) {
    const auto clean = refhost::redact(boost::json::parse(
        R"({"login":"me","password":"hunter2","nested":{"token":"abc","list":[{"secret":"s"},1]}})"));
    const auto text = boost::json::serialize(clean);
    BOOST_TEST(text.find("hunter2") == std::string::npos);
    BOOST_TEST(text.find("abc") == std::string::npos);
    BOOST_TEST(text.find("\"s\"") == std::string::npos);
    BOOST_TEST(text.find("\"me\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(text_that_is_not_json_is_scrubbed_too) {
    const auto text = refhost::redact_text(R"(login=me password=hunter2 {"token": "abc"} pwd: xyz)");
    BOOST_TEST(text.find("hunter2") == std::string::npos);
    BOOST_TEST(text.find("abc") == std::string::npos);
    BOOST_TEST(text.find("xyz") == std::string::npos);
    BOOST_TEST(text.find("login=me") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_plugin_logging_a_password_does_not_leak_it, host_fixture) {
    refhost::host_table table(services, "refhost_fake", "fake-1");
    const host_sdk::host host(table.api());
    host.log(HS_LOG_WARNING, "wire", "login_failed", {{"login", "cabinet"}, {"password", "hunter2"}});
    const auto* api = table.api();
    api->log(api->ctx, HS_LOG_ERROR, "wire", "raw", "not json, password=hunter2");
    const auto log_text = read_bytes(home.log_file());
    BOOST_TEST(log_text.find("hunter2") == std::string::npos);
    BOOST_TEST(log_text.find("login_failed") != std::string::npos);
    BOOST_TEST(log_text.find("\"source\":\"fake-1\"") != std::string::npos);
    // One JSON object per line.
    std::istringstream lines(log_text);
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
        BOOST_TEST(boost::json::parse(line).is_object());
        ++count;
    }
    BOOST_TEST(count == 2);
}

BOOST_AUTO_TEST_CASE(progress_lines_are_readable_and_throttled_off_a_terminal) {
    refhost::set_language(refhost::language::en); // the SDK's phase names as they come
    refhost::manual_clock time(0);
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* out = open_memstream(&buffer, &size);
    {
        refhost::progress_display display(out, false, time, 5000);
        display.update("sync:a", "lease", 0, 0);    // nothing counted: the phase's name alone
        display.update("sync:a", "download", 1, 10);
        display.update("sync:a", "download", 2, 10); // too soon: not printed
        time.advance(6000);
        display.update("sync:a", "download", 3, 10);
        display.update("sync:a", "deliver", 1, 0);   // a new phase is always printed
        display.update("sync:a", "deliver", 10, 10); // the end of a phase too
        display.update("sync:a", "deliver", 10, 10); // but not the same line twice
        display.finish();
    }
    std::fclose(out);
    const std::string text(buffer, size);
    std::free(buffer);
    refhost::set_language(refhost::language::fr);
    BOOST_TEST(text == "[sync:a] lease\n[sync:a] download 1/10 (10%)\n[sync:a] download 3/10 (30%)\n[sync:a] deliver 1\n"
                       "[sync:a] deliver 10/10 (100%)\n");
    // In French, the well-known phases are named in French.
    BOOST_TEST(refhost::progress_display::format("download", 3, 10) == "téléchargement 3/10 (30 %)");
    BOOST_TEST(refhost::progress_display::format("custom-step", 2, 0) == "custom-step 2");
}

BOOST_AUTO_TEST_SUITE_END()
