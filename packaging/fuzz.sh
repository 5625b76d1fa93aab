#!/usr/bin/env bash
# Fuzzes the CFONB 120 statement engine: builds the libFuzzer target with the `fuzz` preset (clang,
# ASan + UBSan), seeds it with the test data, runs it for SECONDS (default 60), prints how many inputs were
# executed, and fails on any crash, sanitizer report or broken invariant (the input is kept under
# build/fuzz/crashes/).
# Usage: packaging/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
case "$seconds" in ''|*[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;; esac

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
gen=()
# Keep the generator of an existing build directory; otherwise prefer Ninja.
if [ ! -f build/fuzz/CMakeCache.txt ] && command -v ninja >/dev/null; then gen=(-G Ninja); fi
cmake --preset fuzz "${gen[@]}" "${launcher[@]}" >/dev/null
cmake --build --preset fuzz --target cfonb_fuzz -j "$(nproc)"
fuzzer=build/fuzz/tests/fuzz/cfonb_fuzz

work=$(mktemp -d "${TMPDIR:-/tmp}/jd-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/artifacts"
cp tests/data/cfonb120/* tests/data/cfonb240/* tests/fuzz/seeds/* "$work/corpus/"

set +e
"$fuzzer" "$work/corpus" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$work/artifacts/" -print_final_stats=1 >"$work/fuzz.log" 2>&1
status=$?
set -e

executions=$(awk '/stat::number_of_executed_units/ {print $2}' "$work/fuzz.log" | tail -n 1)
echo "fuzz: ${executions:-0} executions in ${seconds} s (corpus: $(ls "$work/corpus" | wc -l) inputs)"
if [ "$status" -ne 0 ] || ls "$work"/artifacts/* >/dev/null 2>&1; then
  mkdir -p build/fuzz/crashes
  cp "$work"/artifacts/* build/fuzz/crashes/ 2>/dev/null || true
  tail -n 60 "$work/fuzz.log" >&2
  echo "fuzz: FAILED (status $status); inputs kept in build/fuzz/crashes/" >&2
  exit 1
fi
echo "fuzz: no crash"
