// The sync lease: one holder at a time per instance, across connections (two sessions, two "nodes").
#include "store_test_env.hpp"
#include "test_data.hpp"

#include "store/error.hpp"
#include "store/instance_store.hpp"
#include "store/transaction.hpp"

#include <atomic>
#include <barrier>
#include <thread>

using namespace jd::store;
using namespace store_test;

STORE_TEST(lease_excludes_a_second_holder_until_it_expires) {
    auto node_a = env.open();
    auto node_b = env.open(); // a separate connection, as another host node would have
    lease_repository lease_a(*node_a, "instance-a");
    lease_repository lease_b(*node_b, "instance-a");
    const std::string a = lease_repository::make_holder_id();
    const std::string b = lease_repository::make_holder_id();
    BOOST_TEST(a != b);
    constexpr std::int64_t ttl = 60000;

    BOOST_TEST(lease_a.acquire(a, t0, ttl));
    BOOST_TEST(!lease_b.acquire(b, t0 + 1000, ttl));
    BOOST_TEST(lease_b.current()->holder == a);
    BOOST_TEST(lease_a.acquire(a, t0 + 2000, ttl)); // re-entrant for the holder, extends
    BOOST_TEST(lease_a.current()->expires_at == t0 + 2000 + ttl);
    BOOST_TEST(lease_a.current()->acquired_at == t0);
    BOOST_TEST(lease_a.renew(a, t0 + 3000, ttl));
    BOOST_TEST(!lease_b.renew(b, t0 + 3000, ttl));
    BOOST_TEST(!lease_b.release(b));

    // Another instance has its own lease.
    lease_repository other_instance(*node_b, "instance-b");
    BOOST_TEST(other_instance.acquire(b, t0 + 3000, ttl));

    // A crashed holder blocks only until expiry; then B takes over and A has lost it.
    BOOST_TEST(!lease_b.acquire(b, t0 + 3000 + ttl, ttl)); // not yet: expires_at < now is needed
    BOOST_TEST(lease_b.acquire(b, t0 + 3001 + ttl, ttl));
    BOOST_TEST(lease_b.current()->holder == b);
    BOOST_TEST(lease_b.current()->acquired_at == t0 + 3001 + ttl);
    BOOST_TEST(!lease_a.renew(a, t0 + 4000 + ttl, ttl));
    BOOST_TEST(!lease_a.release(a));
    BOOST_TEST(lease_b.release(b));
    BOOST_TEST(!lease_a.current().has_value());
    BOOST_TEST(lease_a.acquire(a, t0 + 5000 + ttl, ttl));
}

STORE_TEST(lease_has_exactly_one_winner_under_contention) {
    constexpr int rounds = 20;
    constexpr int contenders = 3;
    std::vector<std::unique_ptr<database>> nodes;
    for (int i = 0; i < contenders; ++i) {
        nodes.push_back(env.open());
    }
    std::atomic<int> winners[rounds] = {};
    std::barrier sync_point(contenders);
    std::vector<std::thread> threads;
    std::atomic<bool> failed{false};
    for (int n = 0; n < contenders; ++n) {
        threads.emplace_back([&, n] {
            lease_repository lease(*nodes[static_cast<std::size_t>(n)], "instance-a");
            const std::string me = "node-" + std::to_string(n);
            for (int round = 0; round < rounds; ++round) {
                sync_point.arrive_and_wait();
                try {
                    if (lease.acquire(me, t0 + round, 1000000)) {
                        ++winners[round];
                    }
                } catch (...) {
                    failed = true;
                }
                sync_point.arrive_and_wait();
                try {
                    lease.release(me); // false for the losers
                } catch (...) {
                    failed = true;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    BOOST_TEST(!failed.load());
    for (int round = 0; round < rounds; ++round) {
        BOOST_TEST(winners[round].load() == 1, "round " << round);
    }
}

STORE_TEST(lease_refuses_to_run_inside_a_transaction) {
    auto db = env.open();
    lease_repository lease(*db, "instance-a");
    transaction tx(*db);
    BOOST_CHECK_EXCEPTION(lease.acquire("x", t0, 1000), store_error,
                          [](const store_error& e) { return e.code() == error_code::usage; });
}
