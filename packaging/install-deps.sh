#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs. Run as root. Usage: install-deps.sh [build|test]
set -euo pipefail
what="${1:-build}"
build_pkgs=(build-essential cmake ninja-build pkg-config git ca-certificates
            libboost1.81-all-dev libboost-json1.81-dev libboost-url1.81-dev
            libpoco-dev libpq-dev libssl-dev zlib1g-dev openssl jq)
test_pkgs=(postgresql clang libclang-rt-14-dev lintian dpkg-dev file)
pkgs=("${build_pkgs[@]}")
[ "$what" = test ] && pkgs+=("${test_pkgs[@]}")
if [ "$(id -u)" != 0 ]; then
  echo "install-deps.sh: run as root (apt-get install needs it)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
echo "==> apt-get install ${pkgs[*]}"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
