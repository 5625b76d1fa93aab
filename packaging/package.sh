#!/usr/bin/env bash
# Builds the packages: a .deb and a .tar.gz for the plugin, the SDK and the reference host with its tools,
# then prints them with their sizes.
#
#   packaging/package.sh [BUILD_DIR]
#
# Without BUILD_DIR: the release preset (build/release), configured and built first when needed. With one:
# that configured tree; only what the packages hold is built. Packages go to BUILD_DIR/packages/.
# Needs dpkg-dev (dpkg-shlibdeps) for the Debian dependencies; `lintian BUILD_DIR/packages/*.deb` checks them.
set -euo pipefail
cd "$(dirname "$0")/.."

build="${1:-${JD_BUILD_DIR:-}}"
if [ -z "$build" ]; then
  build=build/release
  echo "==> Building (preset release)"
  ./packaging/build.sh release
else
  if [ ! -f "$build/CMakeCache.txt" ]; then
    echo "package.sh: $build is not a configured build directory" >&2
    exit 2
  fi
  # A tree configured before the packaging rules existed has no CPack configuration yet.
  [ -f "$build/CPackConfig.cmake" ] || cmake "$build" >/dev/null
  echo "==> Building what the packages hold ($build)"
  cmake --build "$build" --target jd_package_inputs -j "${JD_JOBS:-2}"
fi

out="$build/packages"
rm -rf "$out"
mkdir -p "$out"
echo "==> cpack (DEB, TGZ)"
cpack --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1 || { cat "$out/cpack.log" >&2; exit 1; }
# The SDK has a configuration of its own when its version (the ABI's) differs from the project's.
if [ -f "$build/CPackConfig-sdk.cmake" ]; then
  cpack --config "$build/CPackConfig-sdk.cmake" -B "$out" >>"$out/cpack.log" 2>&1 || { cat "$out/cpack.log" >&2; exit 1; }
fi
rm -rf "$out/_CPack_Packages"

echo "==> Packages in $out"
( cd "$out" && for file in *.deb *.tar.gz; do
    printf '  %-60s %8s\n' "$file" "$(du -h --apparent-size "$file" | cut -f1)"
  done )
