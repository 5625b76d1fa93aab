#include <boost/test/unit_test.hpp>

#include "refhost_fixture.hpp"

#include "refhost/failure.hpp"
#include "refhost/host_table.hpp"
#include "refhost/secret_cipher.hpp"

#include "host_sdk/host.hpp"

#include <sys/stat.h>

BOOST_AUTO_TEST_SUITE(secrets)

using refhost_test::host_fixture;
using refhost_test::read_bytes;

namespace {

const std::string plaintext = "Tr0ub4dor&3-cabinet-secret";

bool files_contain(const std::filesystem::path& home, const std::string& needle) {
    for (const auto& entry : std::filesystem::directory_iterator(home)) {
        if (!entry.is_regular_file()) continue;
        if (read_bytes(entry.path()).find(needle) != std::string::npos) return true;
    }
    return false;
}

} // namespace

BOOST_FIXTURE_TEST_CASE(a_secret_round_trips_and_is_encrypted_at_rest, host_fixture) {
    refhost::host_table table(services, "refhost_fake", "fake-1");
    const host_sdk::host host(table.api());
    host.secret_put("password", plaintext);
    BOOST_TEST(host.secret_get("password").value_or("") == plaintext);

    // Neither the database nor its WAL nor the log holds the plaintext.
    db.reset();
    BOOST_TEST(std::filesystem::exists(home.database()));
    BOOST_TEST(!files_contain(home.root, plaintext));
    BOOST_TEST(read_bytes(home.database()).find("password") != std::string::npos); // the name is not secret

    struct stat info {};
    BOOST_REQUIRE(::stat(home.secrets_key().c_str(), &info) == 0);
    BOOST_TEST((info.st_mode & 0777) == 0600U);
    BOOST_TEST(info.st_size == 32);
}

BOOST_FIXTURE_TEST_CASE(secrets_are_scoped_per_instance, host_fixture) {
    refhost::host_table one(services, "refhost_fake", "fake-1");
    refhost::host_table two(services, "refhost_fake", "fake-2");
    host_sdk::host(one.api()).secret_put("password", "one");
    BOOST_TEST(!host_sdk::host(two.api()).secret_get("password").has_value());
    host_sdk::host(two.api()).secret_put("password", "two");
    BOOST_TEST(host_sdk::host(one.api()).secret_get("password").value_or("") == "one");
    host_sdk::host(one.api()).secret_erase("password");
    BOOST_TEST(!host_sdk::host(one.api()).secret_get("password").has_value());
    BOOST_TEST(host_sdk::host(two.api()).secret_get("password").value_or("") == "two");
    BOOST_TEST(secrets.erase_scope("fake-2") == 1U);
}

BOOST_FIXTURE_TEST_CASE(binary_values_and_empty_values_survive, host_fixture) {
    const std::string binary("\0\x01\xff zero", 8);
    secrets.put("s", "bin", binary, 0);
    secrets.put("s", "empty", "", 0);
    BOOST_TEST(secrets.get("s", "bin").value_or("?") == binary);
    BOOST_TEST(secrets.get("s", "empty").value_or("?") == "");
}

BOOST_AUTO_TEST_CASE(a_wrong_key_fails_cleanly) {
    refhost_test::temp_directory directory;
    const auto key_file = directory.path() / "secrets.key";
    refhost::secret_cipher::create_key_file(key_file);
    refhost::sealed_secret sealed;
    {
        refhost::secret_cipher cipher(refhost::secret_cipher::read_key_file(key_file));
        sealed = cipher.seal(plaintext, "scope/name");
        BOOST_TEST(cipher.open(sealed, "scope/name") == plaintext);
        // Bound to its row: the same bytes under another name do not open.
        BOOST_CHECK_THROW((void)cipher.open(sealed, "scope/other"), refhost::failure);
        auto altered = sealed;
        altered.ciphertext[0] ^= 1U;
        BOOST_CHECK_THROW((void)cipher.open(altered, "scope/name"), refhost::failure);
    }
    std::filesystem::remove(key_file);
    refhost::secret_cipher::create_key_file(key_file);
    refhost::secret_cipher other(refhost::secret_cipher::read_key_file(key_file));
    try {
        (void)other.open(sealed, "scope/name");
        BOOST_FAIL("opened with a wrong key");
    } catch (const refhost::failure& e) {
        BOOST_TEST(e.status() == HS_E_INTERNAL);
        BOOST_TEST(std::string(e.what()).find(plaintext) == std::string::npos);
    }
}

BOOST_FIXTURE_TEST_CASE(the_store_reports_a_replaced_key_file_through_the_host_table, host_fixture) {
    secrets.put("fake-1", "password", plaintext, 0);
    // A new process with another key file: the secret exists but cannot be opened.
    std::filesystem::remove(home.secrets_key());
    refhost::secret_cipher::create_key_file(home.secrets_key());
    refhost::secret_store fresh(*db, home.secrets_key());
    refhost::host_services other_services{home, *db, fresh, log, progress, time};
    refhost::host_table table(other_services, "refhost_fake", "fake-1");
    const auto* api = table.api();
    hs_error err{};
    host_sdk::string_sink out;
    BOOST_TEST(api->secret_get(api->ctx, "password", &host_sdk::string_sink::append, &out, &err) == HS_E_INTERNAL);
    BOOST_TEST(out.text.empty());
    BOOST_TEST(std::string(err.message).find("password") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_missing_key_file_next_to_secrets_is_an_error_not_a_new_key, host_fixture) {
    secrets.put("fake-1", "password", plaintext, 0);
    std::filesystem::remove(home.secrets_key());
    refhost::secret_store fresh(*db, home.secrets_key());
    BOOST_CHECK_THROW((void)fresh.get("fake-1", "password"), refhost::failure);
    BOOST_TEST(!std::filesystem::exists(home.secrets_key()));
}

BOOST_AUTO_TEST_CASE(a_key_file_readable_by_others_is_refused) {
    refhost_test::temp_directory directory;
    const auto key_file = directory.path() / "secrets.key";
    refhost::secret_cipher::create_key_file(key_file);
    std::filesystem::permissions(key_file, std::filesystem::perms::group_read, std::filesystem::perm_options::add);
    BOOST_CHECK_THROW((void)refhost::secret_cipher::read_key_file(key_file), refhost::failure);
}

BOOST_AUTO_TEST_SUITE_END()
