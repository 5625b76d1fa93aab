#!/usr/bin/env bash
# The test command: installs what the tests need, builds (warnings are errors), starts a throw-away
# PostgreSQL on 127.0.0.1, runs every CTest test, then fuzzes the statement parser for a bounded time.
# Run as root on Debian 12. Environment: JD_FUZZ_SECONDS (default 60), JD_SKIP_DEPS=1 to skip apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n==> %s\n' "$*"; }

if [ "${JD_SKIP_DEPS:-0}" != 1 ]; then
  step "Installing dependencies"
  ./packaging/install-deps.sh test
fi

step "Building (preset ci)"
start=$(date +%s)
./packaging/build.sh ci
echo "build: $(( $(date +%s) - start )) s"

pgdir=$(mktemp -d /tmp/jd-pg.XXXXXX)
cleanup() { ./packaging/stop-postgres.sh "$pgdir"; }
trap cleanup EXIT
step "Starting a throw-away PostgreSQL cluster"
export JD_TEST_PG_DSN=$(./packaging/start-postgres.sh "$pgdir" "${JD_PG_PORT:-55432}")
echo "$JD_TEST_PG_DSN"

step "Running the tests"
ctest --preset ci -j "$(nproc)" --timeout 900

if [ -x packaging/fuzz.sh ]; then
  step "Fuzzing the statement parser (${JD_FUZZ_SECONDS:-60} s, ASan + UBSan)"
  ./packaging/fuzz.sh "${JD_FUZZ_SECONDS:-60}"
fi

if [ -x packaging/dropin-test.sh ]; then
  step "Drop-in test of the packages"
  ./packaging/dropin-test.sh
fi

step "All tests passed"
