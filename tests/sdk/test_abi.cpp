// The C boundary's rules: the ABI compatibility rule (from a table), HS_HAS_FIELD on append-only structs,
// status names, and the error block (truncation never cuts a UTF-8 sequence).
#define BOOST_TEST_MODULE sdk_abi
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <host_sdk/c/provider_api_v1.h>
#include <host_sdk/call_context.hpp>
#include <host_sdk/error.hpp>
#include <host_sdk/operation.hpp>

#include <cstring>
#include <ostream>
#include <string>

namespace {

struct abi_case {
    std::uint16_t built_major, built_minor, runtime_major, runtime_minor;
    bool compatible;
};

std::ostream& operator<<(std::ostream& out, const abi_case& c) {
    return out << "plugin " << c.built_major << "." << c.built_minor << " on host " << c.runtime_major << "."
               << c.runtime_minor << " -> " << (c.compatible ? "loads" : "refused");
}

const abi_case abi_cases[] = {
    {1, 0, 1, 0, true},   // same version
    {1, 0, 1, 1, true},   // older minor on a newer host
    {1, 2, 1, 7, true},
    {1, 1, 1, 0, false},  // newer minor than the host
    {1, 8, 1, 7, false},
    {2, 0, 1, 0, false},  // other major, either way
    {1, 0, 2, 0, false},
    {0, 9, 1, 9, false},
    {1, 0, 2, 5, false},
    {65535, 65535, 65535, 65535, true},
    {1, 65535, 1, 0, false},
    {1, 0, 1, 65535, true},
};

} // namespace

BOOST_DATA_TEST_CASE(abi_rule_follows_the_table, boost::unit_test::data::make(abi_cases), c) {
    BOOST_TEST(static_cast<bool>(hs_abi_compatible(c.built_major, c.built_minor, c.runtime_major, c.runtime_minor)) ==
               c.compatible);
}

BOOST_AUTO_TEST_CASE(struct_headers_have_the_fixed_layout) {
    BOOST_TEST(sizeof(hs_struct_header) == 8u);
    BOOST_TEST(offsetof(hs_struct_header, struct_size) == 0u);
    BOOST_TEST(offsetof(hs_struct_header, abi_major) == 4u);
    BOOST_TEST(offsetof(hs_struct_header, abi_minor) == 6u);
    BOOST_TEST(offsetof(hs_host_api_v1, header) == 0u);
    BOOST_TEST(offsetof(hs_provider_api_v1, header) == 0u);
    BOOST_TEST(offsetof(hs_call_v1, header) == 0u);
    BOOST_TEST(offsetof(hs_movement_v1, header) == 0u);
    BOOST_TEST(std::strcmp(HS_ENTRY_NAME, "hs_aggregator_provider_v1") == 0);
    BOOST_TEST(std::strcmp(HS_ENTRY_SECTION, "hostsdk") == 0);
}

BOOST_AUTO_TEST_CASE(has_field_reads_the_declared_size) {
    hs_call_v1 call{};
    call.header.struct_size = sizeof(hs_call_v1);
    BOOST_TEST(HS_HAS_FIELD(hs_call_v1, &call, operation_id));
    // An older, shorter struct: members past its size are absent.
    call.header.struct_size = static_cast<std::uint32_t>(offsetof(hs_call_v1, locale));
    BOOST_TEST(HS_HAS_FIELD(hs_call_v1, &call, user_id));
    BOOST_TEST(!HS_HAS_FIELD(hs_call_v1, &call, locale));
    BOOST_TEST(!HS_HAS_FIELD(hs_call_v1, &call, operation_id));
    const hs_call_v1* none = nullptr;
    BOOST_TEST(!HS_HAS_FIELD(hs_call_v1, none, user_id));
}

BOOST_AUTO_TEST_CASE(call_context_reads_short_and_null_calls) {
    hs_call_v1 call{};
    call.header.struct_size = static_cast<std::uint32_t>(offsetof(hs_call_v1, locale));
    call.user_id = "admin";
    call.locale = "en"; // outside the declared size: ignored
    const auto context = host_sdk::call_context::from_c(&call);
    BOOST_TEST(context.user_id == "admin");
    BOOST_TEST(context.locale == "fr");
    BOOST_TEST(!context.english());
    const auto empty = host_sdk::call_context::from_c(nullptr);
    BOOST_TEST(empty.user_id.empty());
    BOOST_TEST(empty.locale == "fr");

    host_sdk::call_context english{"bob", "en", "op-1"};
    const hs_call_v1 c = english.to_c();
    BOOST_TEST(c.header.struct_size == sizeof(hs_call_v1));
    BOOST_TEST(std::string(c.locale) == "en");
    BOOST_TEST(english.pick("oui", "yes") == std::string("yes"));
}

BOOST_AUTO_TEST_CASE(status_names_round_trip) {
    for (int code = HS_OK; code <= HS_E_INTERNAL; ++code) {
        const auto status = static_cast<hs_status>(code);
        BOOST_CHECK(host_sdk::status_from_name(host_sdk::status_name(status)) == status);
    }
    BOOST_TEST(host_sdk::status_name(HS_E_PERMISSION_DENIED) == "permission_denied");
    BOOST_TEST(host_sdk::status_name(HS_E_REMOTE_REFUSED) == "remote_refused");
    BOOST_TEST(!host_sdk::status_from_name("nope").has_value());
    BOOST_CHECK(host_sdk::status_from_code(99) == HS_E_INTERNAL);
    BOOST_CHECK(host_sdk::status_from_code(-1) == HS_E_INTERNAL);
    BOOST_TEST(host_sdk::make_error_code(HS_E_NOT_FOUND).message() == "not_found");
    BOOST_TEST(std::string(host_sdk::status_category().name()) == "host_sdk");
}

BOOST_AUTO_TEST_CASE(operation_names_round_trip) {
    for (const auto op : host_sdk::all_operations) {
        BOOST_CHECK(host_sdk::operation_from_name(host_sdk::operation_name(op)) == op);
        BOOST_TEST(host_sdk::operation_member(op) != nullptr);
    }
    BOOST_TEST(!host_sdk::operation_from_name("drop_database").has_value());
}

BOOST_AUTO_TEST_CASE(error_block_truncates_on_a_character_boundary) {
    hs_error err{};
    std::string long_message;
    for (int i = 0; i < 700; ++i) long_message += "é"; // 2 bytes each: 1400 bytes
    host_sdk::fill_error(&err, HS_E_INVALID_ARGUMENT, long_message);
    const std::string stored = err.message;
    BOOST_TEST(err.code == HS_E_INVALID_ARGUMENT);
    BOOST_TEST(stored.size() == 1022u); // 1023 would cut the 512th "é" in half
    BOOST_TEST(stored == long_message.substr(0, 1022));

    host_sdk::fill_error(&err, HS_E_NOT_FOUND, "court");
    BOOST_TEST(std::string(err.message) == "court");
    host_sdk::fill_error(nullptr, HS_E_NOT_FOUND, "ignored"); // a NULL block is allowed
    host_sdk::clear_error(&err);
    BOOST_TEST(err.code == HS_OK);
    BOOST_TEST(err.message[0] == '\0');
}

BOOST_AUTO_TEST_CASE(error_rebuilt_from_the_c_block) {
    hs_error err{};
    host_sdk::fill_error(&err, HS_E_TRANSIENT, "délai dépassé");
    const auto e = host_sdk::error::from_c(HS_E_TRANSIENT, err);
    BOOST_CHECK(e.status() == HS_E_TRANSIENT);
    BOOST_TEST(std::string(e.what()) == "délai dépassé");
    BOOST_CHECK(e.code() == host_sdk::make_error_code(HS_E_TRANSIENT));
    host_sdk::clear_error(&err);
    BOOST_TEST(std::string(host_sdk::error::from_c(HS_E_CONFLICT, err).what()) == "conflict");
    // A block without a terminating NUL is read up to its size, not beyond.
    std::memset(err.message, 'x', sizeof err.message);
    BOOST_TEST(std::string(host_sdk::error::from_c(HS_E_CONFLICT, err).what()).size() == sizeof err.message);
}
