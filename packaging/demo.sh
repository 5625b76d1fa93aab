#!/usr/bin/env bash
# The main job, end to end: builds, then loads the JeDeclare.com plugin into the reference host.
# Run as root on Debian 12. JD_SKIP_DEPS=1 skips apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> %s\n' "$*"; }
if [ "${JD_SKIP_DEPS:-0}" != 1 ]; then
  step "Installing dependencies"
  ./packaging/install-deps.sh build
fi
step "Building (preset release)"
./packaging/build.sh release
