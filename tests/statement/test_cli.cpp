#define BOOST_TEST_MODULE statement_cli
// jedeclare-statement, run as a user would: one JSON document per file, exit status 0/1/2.

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace json = boost::json;

namespace {

struct run_result {
    int status = -1;
    std::string out;
};

std::string tool() {
    const auto& suite = boost::unit_test::framework::master_test_suite();
    BOOST_REQUIRE_MESSAGE(suite.argc >= 2, "usage: test_statement_cli -- <path to jedeclare-statement>");
    return suite.argv[suite.argc - 1];
}

std::string data(const char* relative) { return std::string(JD_TEST_DATA_DIR) + "/" + relative; }

run_result run(const std::string& arguments) {
    run_result r;
    const std::string command = "'" + tool() + "' " + arguments + " 2>/dev/null";
    std::FILE* pipe = ::popen(command.c_str(), "r");
    BOOST_REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        r.out.append(buffer.data(), n);
    }
    const int status = ::pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::vector<json::object> documents(const std::string& out) {
    std::vector<json::object> docs;
    std::size_t start = 0;
    while (start < out.size()) {
        const std::size_t end = out.find('\n', start);
        const std::string line = out.substr(start, end - start);
        if (!line.empty()) {
            docs.push_back(json::parse(line).as_object());
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return docs;
}

} // namespace

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(classic_sample_as_json) {
    const run_result r = run("parse '" + data("cfonb120/oca_l10n-france_cfonb_classic.cfo") + "'");
    BOOST_TEST(r.status == 0);
    const auto docs = documents(r.out);
    BOOST_REQUIRE_EQUAL(docs.size(), 1U);
    const json::object& doc = docs[0];
    BOOST_TEST(doc.at("format").as_string() == "cfonb120");
    BOOST_TEST(doc.at("accepted").as_bool());
    const json::array& statements = doc.at("statements").as_array();
    BOOST_REQUIRE_EQUAL(statements.size(), 1U);
    const json::object& s = statements[0].as_object();
    BOOST_TEST(s.at("bank").as_string() == "30003");
    BOOST_TEST(s.at("branch").as_string() == "01234");
    BOOST_TEST(s.at("account").as_string() == "01234567890");
    BOOST_TEST(s.at("currency").as_string() == "EUR");
    BOOST_TEST(s.at("decimals").as_int64() == 2);
    BOOST_TEST(s.at("iban").as_string().size() == 27U);
    BOOST_TEST(s.at("opening").at("amount_minor").as_int64() == 101731189);
    BOOST_TEST(s.at("opening").at("date").as_string() == "2024-01-12");
    BOOST_TEST(s.at("closing").at("amount_minor").as_int64() == 103158579);
    BOOST_TEST(s.at("balanced").as_bool());
    const json::array& movements = s.at("movements").as_array();
    BOOST_REQUIRE_EQUAL(movements.size(), 13U);
    const json::object& m = movements[9].as_object();
    BOOST_TEST(m.at("booking_date").as_string() == "2024-01-13");
    BOOST_TEST(m.at("value_date").as_string() == "2024-01-13");
    BOOST_TEST(m.at("operation_code").as_string() == "B1");
    BOOST_TEST(m.at("label").as_string() == "PRLV SEPA FREE MOBILE");
    BOOST_TEST(m.at("amount_minor").as_int64() == -1999);
    BOOST_TEST(m.at("entry_number").as_string() == "0000000");
    BOOST_TEST(m.at("id").as_string().size() == 34U);
    const json::array& details = m.at("details").as_array();
    BOOST_REQUIRE_EQUAL(details.size(), 5U);
    BOOST_TEST(details[3].at("qualifier").as_string() == "IBE");
    BOOST_TEST(details[3].at("text").as_string() == "FR07ZZZ591778");
    BOOST_TEST(details[3].at("second").as_string() == "IDENTIFIANT CREANCIER SEPA");
    BOOST_TEST(doc.at("diagnostics").as_array().empty());
}

BOOST_AUTO_TEST_CASE(one_document_per_file_and_the_worst_exit_status) {
    const run_result r = run("parse '" + data("cfonb120/oca_l10n-france_v10_test_cfonb.txt") + "' '" +
                             data("cfonb240/silarhi_cfonb.240-complex-test.txt") + "'");
    BOOST_TEST(r.status == 1);
    const auto docs = documents(r.out);
    BOOST_REQUIRE_EQUAL(docs.size(), 2U);
    BOOST_TEST(docs[0].at("accepted").as_bool());
    BOOST_TEST(docs[0].at("statements").as_array().size() == 2U);
    BOOST_TEST(!docs[1].at("accepted").as_bool());
    BOOST_TEST(docs[1].at("format").as_string() == "cfonb240");
    const json::object& d = docs[1].at("diagnostics").as_array().at(0).as_object();
    BOOST_TEST(d.at("severity").as_string() == "fatal");
    BOOST_TEST(std::string(d.at("message").as_string()).find("CFONB 240") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(lenient_warnings_exit_zero_strict_rejects_with_the_line) {
    const std::string file = "'" + data("cfonb120/derived_oca_v10_bad_length.txt") + "'";
    const run_result lenient = run("parse " + file);
    BOOST_TEST(lenient.status == 0);
    const json::object doc = documents(lenient.out).at(0);
    BOOST_TEST(doc.at("accepted").as_bool());
    const json::object& warning = doc.at("diagnostics").as_array().at(0).as_object();
    BOOST_TEST(warning.at("severity").as_string() == "warning");
    BOOST_TEST(warning.at("line").as_int64() == 3);
    BOOST_TEST(warning.at("offset").as_int64() == 243);
    BOOST_TEST(std::string(warning.at("message").as_string()).find("119 octets") != std::string::npos);

    const run_result strict = run("parse --strict --lang en " + file);
    BOOST_TEST(strict.status == 1);
    const json::object rejected = documents(strict.out).at(0);
    BOOST_TEST(!rejected.at("accepted").as_bool());
    BOOST_TEST(rejected.at("statements").as_array().empty());
    const json::object& error = rejected.at("diagnostics").as_array().at(0).as_object();
    BOOST_TEST(error.at("line").as_int64() == 3);
    BOOST_TEST(std::string(error.at("message").as_string()).find("119 bytes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_two) {
    BOOST_TEST(run("").status == 2);
    BOOST_TEST(run("parse").status == 2);
    BOOST_TEST(run("parse --lang de x").status == 2);
    BOOST_TEST(run("parse --unknown x").status == 2);
    BOOST_TEST(run("convert x").status == 2);
    BOOST_TEST(run("--help").status == 0);
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_rejected_not_a_usage_error) {
    const run_result r = run("parse /nonexistent/file.cfo");
    BOOST_TEST(r.status == 1);
    const json::object doc = documents(r.out).at(0);
    BOOST_TEST(doc.at("diagnostics").as_array().at(0).at("code").as_string() == "read_failed");
}

BOOST_AUTO_TEST_CASE(standard_input) {
    const run_result r = run("parse - < '" + data("cfonb120/oca_l10n-france_v10_test_cfonb_one_line.txt") + "'");
    BOOST_TEST(r.status == 0);
    BOOST_TEST(documents(r.out).at(0).at("statements").as_array().size() == 2U);
}

BOOST_AUTO_TEST_SUITE_END()
