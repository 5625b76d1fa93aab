#!/usr/bin/env bash
# The long crash-consistency soak: CYCLES SIGKILL cycles of a host process running a sync (see
# tests/sync/test_crash.cpp), on SQLite, and on PostgreSQL when JD_TEST_PG_DSN is set (or when
# JD_SOAK_START_PG=1: a throw-away cluster is started on 127.0.0.1 for the soak).
#
#   packaging/crash-soak.sh [CYCLES] [build dir]      (default: 200 cycles, build/ci then build/release)
#
# JD_CRASH_SEED chooses the random sequence (default: the current time, printed so a failure can be replayed).
set -euo pipefail
cd "$(dirname "$0")/.."
cycles="${1:-200}"
build="${2:-}"
if [ -z "$build" ]; then
  for candidate in build/ci build/release build/sync; do
    if [ -x "$candidate/tests/sync/sync_tests" ]; then build="$candidate"; break; fi
  done
fi
if [ -z "$build" ] || [ ! -x "$build/tests/sync/sync_tests" ]; then
  echo "crash-soak: no built sync_tests found; build first (packaging/build.sh ci)" >&2
  exit 2
fi
seed="${JD_CRASH_SEED:-$(date +%s)}"
echo "crash-soak: $cycles cycles, seed $seed, build $build"

pgdir=""
if [ "${JD_SOAK_START_PG:-0}" = 1 ] && [ -z "${JD_TEST_PG_DSN:-}" ]; then
  pgdir=$(mktemp -d /tmp/jd-soak-pg.XXXXXX)
  trap './packaging/stop-postgres.sh "$pgdir"' EXIT
  export JD_TEST_PG_DSN=$(./packaging/start-postgres.sh "$pgdir" "${JD_PG_PORT:-55433}")
fi

export JD_CRASH_CYCLES="$cycles" JD_CRASH_SEED="$seed"
suites="crash/sqlite"
[ -n "${JD_TEST_PG_DSN:-}" ] && suites="$suites:crash/postgresql"
start=$(date +%s)
"$build/tests/sync/sync_tests" --run_test="$suites" --log_level=message
echo "crash-soak: passed ($cycles cycles per backend, seed $seed) in $(( $(date +%s) - start )) s"
