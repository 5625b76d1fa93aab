#!/usr/bin/env bash
# Configures and builds with a preset (default: release). Usage: build.sh [preset] [cmake --build args...]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"; shift || true
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
gen=()
command -v ninja >/dev/null && gen=(-G Ninja)
cmake --preset "$preset" "${gen[@]}" "${launcher[@]}" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)" "$@"
