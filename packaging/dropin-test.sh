#!/usr/bin/env bash
# Drop-in test of the packages: installs them the way an integrator does, then uses them from outside the
# project — a host and a plugin built against the installed SDK (CMake package HostSdk), a pkg-config
# consumer, the installed reference host — and checks the loader's refusals on damaged copies.
#
#   packaging/dropin-test.sh [BUILD_DIR]
#
# BUILD_DIR: a configured build tree (default: $JD_BUILD_DIR, else build/ci, else build/release, else the
# release preset is built). Only what the packages hold is built there.
# Where the packages go:
#   - by default, into a scratch prefix with `cmake --install --component … --strip` (nothing touches the
#     machine's system directories);
#   - with CI=true (as root, in a throw-away machine), the .deb files themselves, with `apt-get install ./*.deb`,
#     removed again at the end.
# In both modes the .deb and .tar.gz files are built (cpack) and their contents (dpkg -x, tar) compared with the
# scratch installation; lintian checks the .deb files when it is installed (JD_DROPIN_LINTIAN=0 skips it).
# Prints PASS/FAIL per check; exits 1 when a check failed. JD_DROPIN_KEEP=1 keeps the scratch directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# --- the build tree ----------------------------------------------------------------------------------------
build="${1:-${JD_BUILD_DIR:-}}"
if [ -z "$build" ]; then
  for candidate in build/ci build/release; do
    if [ -f "$candidate/CMakeCache.txt" ]; then build="$candidate"; break; fi
  done
fi
if [ -z "$build" ]; then
  echo "dropin-test: no build tree; building the release preset"
  ./packaging/build.sh release
  build=build/release
fi
build=$(cd "$build" && pwd)
[ -f "$build/CPackConfig.cmake" ] || cmake "$build" >/dev/null
cache_value() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }
libdir=$(cache_value CMAKE_INSTALL_LIBDIR); libdir="${libdir:-lib}"
sdk_libdir=$(cache_value HOST_SDK_INSTALL_LIBDIR); sdk_libdir="${sdk_libdir:-$libdir}"
echo "dropin-test: build tree $build"
start_all=$(date +%s)
if ! build_log=$(cmake --build "$build" --target jd_package_inputs -j "${JD_JOBS:-2}" 2>&1); then
  echo "$build_log" | tail -n 40
  echo "dropin-test: building what the packages hold failed" >&2
  exit 1
fi

scratch=$(mktemp -d /tmp/jd-dropin.XXXXXX)
mode=scratch
[ "${CI:-}" = true ] && mode=apt
installed_by_us=()
cleanup() {
  if [ "${#installed_by_us[@]}" -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "${installed_by_us[@]}" >/dev/null 2>&1 || true
  fi
  if [ "${JD_DROPIN_KEEP:-0}" = 1 ]; then echo "dropin-test: kept $scratch"; else rm -rf "$scratch"; fi
}
trap cleanup EXIT

# --- the checks --------------------------------------------------------------------------------------------
passed=0; failed=0; failures=()
# run_check NAME FUNCTION: runs FUNCTION in a subshell with `set -e` in force (it is not an `if` condition, so
# errexit applies), its output kept in a log shown on failure.
run_check() {
  local name="$1" fn="$2" log="$scratch/logs/$2.log" began rc
  mkdir -p "$scratch/logs"
  began=$(date +%s)
  set +e
  ( set -euo pipefail; "$fn" ) >"$log" 2>&1
  rc=$?
  set -e
  if [ "$rc" = 0 ]; then
    printf 'PASS  %-72s %4ss\n' "$name" "$(( $(date +%s) - began ))"
    passed=$((passed + 1))
  else
    printf 'FAIL  %-72s %4ss\n' "$name" "$(( $(date +%s) - began ))"
    sed 's/^/        /' "$log" | tail -n 25
    failed=$((failed + 1)); failures+=("$name")
  fi
}
fail() { echo "$*" >&2; exit 1; }
# expect_line FILE LINE: FILE holds LINE exactly, as a whole line.
expect_line() {
  grep -qxF -- "$2" "$1" || { echo "expected the line:"; echo "  $2"; echo "got:"; sed 's/^/  /' "$1"; exit 1; }
}
manifest_sha() { sed -n 's/.*"sha256": *"\([0-9a-f]*\)".*/\1/p' "$1"; }
file_sha() { sha256sum "$1" | cut -d' ' -f1; }

scratch_prefix="$scratch/prefix"
if [ "$mode" = apt ]; then prefix=/usr; else prefix="$scratch_prefix"; fi
plugins="$prefix/$libdir/aggregator-host/plugins"

check_install() {
  for component in plugin sdk host-tools; do
    cmake --install "$build" --component "$component" --prefix "$scratch_prefix" --strip
  done
}

check_layout() {
  cd "$scratch_prefix"
  for file in "$libdir/aggregator-host/plugins/jedeclare/libjedeclare_aggregator.so" \
              "$libdir/aggregator-host/plugins/jedeclare/jedeclare.plugin.json" \
              include/host_sdk/c/abi.h include/host_sdk/loader.hpp include/host_sdk/provider.hpp \
              "$sdk_libdir/libhost_sdk_loader.a" "$sdk_libdir/pkgconfig/host-sdk.pc" \
              "$sdk_libdir/cmake/HostSdk/HostSdkConfig.cmake" "$sdk_libdir/cmake/HostSdk/HostSdkConfigVersion.cmake" \
              "$sdk_libdir/cmake/HostSdk/HostSdkTargets.cmake" "$sdk_libdir/cmake/HostSdk/HostSdkPlugin.cmake" \
              "$sdk_libdir/cmake/HostSdk/HostSdkWriteManifest.cmake" share/host-sdk/plugin-manifest.schema.json \
              bin/aggregator-host bin/jedeclare-statement \
              share/doc/jedeclare-aggregator-plugin/copyright share/doc/host-sdk-dev/copyright \
              share/doc/aggregator-host/copyright share/man/man1/aggregator-host.1.gz; do
    [ -f "$file" ] || fail "missing: $file"
  done
  if [ -x "$build/tests/simulator/jedeclare-sim" ]; then
    [ -x bin/jedeclare-sim ] || fail "missing: bin/jedeclare-sim"
  fi
  # No RUNPATH, stripped, a plugin that is not executable.
  for elf in bin/* "$libdir/aggregator-host/plugins/jedeclare/libjedeclare_aggregator.so"; do
    if readelf -d "$elf" | grep -Eq 'RPATH|RUNPATH'; then fail "$elf has an RPATH/RUNPATH"; fi
    if readelf -S "$elf" | grep -q '\.debug_'; then fail "$elf is not stripped"; fi
  done
  [ ! -x "$libdir/aggregator-host/plugins/jedeclare/libjedeclare_aggregator.so" ] || fail "the plugin is executable"
  find . -type f | sort
}

check_manifest_sha() {
  local dir="$scratch_prefix/$libdir/aggregator-host/plugins/jedeclare"
  local want found
  want=$(manifest_sha "$dir/jedeclare.plugin.json"); found=$(file_sha "$dir/libjedeclare_aggregator.so")
  echo "manifest $want"; echo "library  $found"
  [ -n "$want" ] && [ "$want" = "$found" ]
}

check_packages() {
  cpack --config "$build/CPackConfig.cmake" -G "DEB;TGZ" -B "$scratch/packages" >"$scratch/cpack.log" 2>&1 \
    || { cat "$scratch/cpack.log"; exit 1; }
  if [ -f "$build/CPackConfig-sdk.cmake" ]; then
    cpack --config "$build/CPackConfig-sdk.cmake" -G "DEB;TGZ" -B "$scratch/packages" >>"$scratch/cpack.log" 2>&1 \
      || { cat "$scratch/cpack.log"; exit 1; }
  fi
  cd "$scratch/packages"
  ls -l ./*.deb ./*.tar.gz
  local debs=(./*.deb) archives=(./*.tar.gz)
  [ "${#debs[@]}" = 3 ] && [ "${#archives[@]}" = 3 ]
}

# The .deb files hold exactly what `cmake --install` puts in the prefix (under /usr), byte for byte, so the
# checks below on the scratch prefix hold for them too; the archives hold the same files.
check_deb_contents() {
  local expected="$scratch/expected.txt"
  (cd "$scratch_prefix" && find . -type f | sed 's|^\./||' | sort) >"$expected"
  mkdir -p "$scratch/deb-root"
  for deb in "$scratch"/packages/*.deb; do
    dpkg-deb -I "$deb" | sed -n 's/^ \(Package\|Version\|Section\|Depends\|Installed-Size\):/  &/p'
    dpkg-deb -x "$deb" "$scratch/deb-root"
  done
  (cd "$scratch_prefix" && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$scratch/installed.sha256"
  (cd "$scratch/deb-root/usr" && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$scratch/deb.sha256"
  diff -u "$scratch/installed.sha256" "$scratch/deb.sha256"
  local dir="$scratch/deb-root/usr/$libdir/aggregator-host/plugins/jedeclare"
  [ "$(manifest_sha "$dir/jedeclare.plugin.json")" = "$(file_sha "$dir/libjedeclare_aggregator.so")" ] \
    || fail "the manifest in the .deb does not match its library"
  for archive in "$scratch"/packages/*.tar.gz; do
    tar -tzf "$archive" | grep -v '/$' | sed 's|^\./||'
  done | sort >"$scratch/tgz.txt"
  diff -u "$expected" "$scratch/tgz.txt"
}

check_lintian() {
  lintian --fail-on error --no-tag-display-limit "$scratch"/packages/*.deb | tee "$scratch/lintian.txt"
  echo "lintian: $(grep -c '^E:' "$scratch/lintian.txt" || true) error(s), $(grep -c '^W:' "$scratch/lintian.txt" || true) warning(s)"
}

check_apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "$scratch"/packages/*.deb
  for package in jedeclare-aggregator-plugin host-sdk-dev aggregator-host; do
    dpkg -s "$package" | grep -q '^Status: install ok installed'
  done
}

# The installed reference host finds the installed plugin without --plugins (relative to its executable).
check_reference_host() {
  env -u AGGREGATOR_HOST_PLUGINS "$prefix/bin/aggregator-host" --home "$scratch/host-home" --lang en \
    aggregators available | tee "$scratch/available.txt"
  grep -q 'JeDeclare.com' "$scratch/available.txt"
  grep -qF "$plugins/jedeclare/libjedeclare_aggregator.so" "$scratch/available.txt"
  if grep -q 'Load failures' "$scratch/available.txt"; then fail "load failures"; fi
}

cmake_against_prefix() { # source dir, build dir, extra args
  local src="$1" bin="$2"; shift 2
  local generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  cmake -S "$src" -B "$bin" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
        -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF "$@"
}

# find_package(HostSdk 1.0 CONFIG REQUIRED); the host loads the installed plugin from its default directory.
check_dropin_host() {
  cmake_against_prefix "$root/packaging/dropin/host" "$scratch/dropin-host"
  grep -q "HostSdk_DIR:PATH=$prefix/$sdk_libdir/cmake/HostSdk" "$scratch/dropin-host/CMakeCache.txt" \
    || fail "HostSdk was not found in $prefix"
  cmake --build "$scratch/dropin-host"
  "$scratch/dropin-host/dropin-host" --lang en | tee "$scratch/host.txt"
  expect_line "$scratch/host.txt" \
    "plugin: JeDeclare.com (jedeclare 1.0.0, ABI 1.0) $plugins/jedeclare/libjedeclare_aggregator.so"
}

# host_sdk_add_plugin() from the installed SDK builds a plugin that the drop-in host loads.
check_dropin_plugin() {
  cmake_against_prefix "$root/packaging/dropin/plugin" "$scratch/dropin-plugin"
  cmake --build "$scratch/dropin-plugin"
  "$scratch/dropin-host/dropin-host" --lang en "$scratch/dropin-plugin/plugins" | tee "$scratch/plugin.txt"
  expect_line "$scratch/plugin.txt" \
    "plugin: Drop-in Echo (dropin-echo 0.1.0, ABI 1.0) $scratch/dropin-plugin/plugins/dropin-echo/libdropin_echo.so"
}

check_pkgconfig() {
  export PKG_CONFIG_PATH="$prefix/$sdk_libdir/pkgconfig"
  pkg-config --modversion host-sdk
  # shellcheck disable=SC2046
  g++ -std=c++20 -O1 "$root/packaging/dropin/pkgconfig/main.cpp" $(pkg-config --cflags --libs host-sdk) \
      -o "$scratch/pkgconfig-consumer"
  local library="$plugins/jedeclare/libjedeclare_aggregator.so"
  "$scratch/pkgconfig-consumer" "$library" | tee "$scratch/pkgconfig.txt"
  expect_line "$scratch/pkgconfig.txt" "$(file_sha "$library")  $library"
}

check_version_refused() {
  for wanted in 1.0 2.0 1.1; do
    cmake_against_prefix "$root/packaging/dropin/version-check" "$scratch/version-$wanted" \
      -DHOST_SDK_WANTED="$wanted" >"$scratch/version-$wanted.txt" 2>&1
    grep 'HostSdk' "$scratch/version-$wanted.txt" | head -n 3
  done
  grep -q 'HostSdk 1.0: found=1 version=1.0.0' "$scratch/version-1.0.txt"
  grep -q 'HostSdk 2.0: found=0' "$scratch/version-2.0.txt"
  grep -q 'HostSdk 1.1: found=0' "$scratch/version-1.1.txt"
}

# A copy of the installed plugin directory with one byte of the library changed: refused, exact message.
check_corrupted_library() {
  local copy="$scratch/corrupted"
  cp -r "$plugins" "$copy"
  local library="$copy/jedeclare/libjedeclare_aggregator.so" manifest="$copy/jedeclare/jedeclare.plugin.json"
  local offset byte
  chmod u+w "$library"
  offset=$(( $(stat -c %s "$library") / 2 ))
  byte=$(od -An -tu1 -j "$offset" -N1 "$library" | tr -d ' ')
  # shellcheck disable=SC2059 # the format is the one byte to write
  printf "$(printf '\\%03o' $(( (byte + 1) % 256 )))" | dd of="$library" bs=1 seek="$offset" conv=notrunc status=none
  local expected found
  expected=$(manifest_sha "$manifest"); found=$(file_sha "$library")
  [ "$expected" != "$found" ] || fail "the byte did not change"
  if "$scratch/dropin-host/dropin-host" --lang en "$copy" >"$scratch/corrupted-en.txt"; then fail "accepted: $(cat "$scratch/corrupted-en.txt")"; fi
  expect_line "$scratch/corrupted-en.txt" \
    "refused: $manifest: SHA-256 of $library differs: expected $expected, found $found"
  if "$scratch/dropin-host/dropin-host" --lang fr "$copy" >"$scratch/corrupted-fr.txt"; then fail "accepted: $(cat "$scratch/corrupted-fr.txt")"; fi
  expect_line "$scratch/corrupted-fr.txt" \
    "refused: $manifest : empreinte SHA-256 de $library différente : attendue $expected, trouvée $found"
  cat "$scratch/corrupted-en.txt" "$scratch/corrupted-fr.txt"
}

# A copy without the manifest: the library is refused, exact message.
check_missing_manifest() {
  local copy="$scratch/no-manifest"
  cp -r "$plugins" "$copy"
  rm "$copy/jedeclare/jedeclare.plugin.json"
  local library="$copy/jedeclare/libjedeclare_aggregator.so"
  if "$scratch/dropin-host/dropin-host" --lang en "$copy" >"$scratch/no-manifest-en.txt"; then fail "accepted: $(cat "$scratch/no-manifest-en.txt")"; fi
  expect_line "$scratch/no-manifest-en.txt" \
    "refused: $library: library without a manifest (no *.plugin.json file in its directory names it)"
  if "$scratch/dropin-host/dropin-host" --lang fr "$copy" >"$scratch/no-manifest-fr.txt"; then fail "accepted: $(cat "$scratch/no-manifest-fr.txt")"; fi
  expect_line "$scratch/no-manifest-fr.txt" \
    "refused: $library : bibliothèque sans manifeste (aucun fichier *.plugin.json du dossier ne la nomme)"
  cat "$scratch/no-manifest-en.txt" "$scratch/no-manifest-fr.txt"
}

echo "dropin-test: mode $mode, prefix $prefix, scratch $scratch"
run_check "cmake --install (plugin, sdk, host-tools) into a scratch prefix" check_install
run_check "install layout: files, no RPATH, stripped, plugin not executable" check_layout
run_check "installed manifest carries the installed library's SHA-256" check_manifest_sha
run_check "cpack builds 3 .deb and 3 .tar.gz" check_packages
run_check ".deb (dpkg -x) and .tar.gz contents equal the installed files" check_deb_contents
if [ "${JD_DROPIN_LINTIAN:-1}" != 0 ] && command -v lintian >/dev/null; then
  run_check "lintian: no error on the .deb files" check_lintian
else
  echo "SKIP  lintian (not installed, or JD_DROPIN_LINTIAN=0)"
fi
if [ "$mode" = apt ]; then
  for package in jedeclare-aggregator-plugin host-sdk-dev aggregator-host; do
    dpkg -s "$package" >/dev/null 2>&1 || installed_by_us+=("$package")
  done
  run_check "apt-get install ./*.deb" check_apt_install
fi
run_check "installed aggregator-host lists JeDeclare.com from its default plugin dir" check_reference_host
run_check "out-of-tree host: find_package(HostSdk 1.0 CONFIG REQUIRED), lists JeDeclare.com" check_dropin_host
run_check "out-of-tree plugin: host_sdk_add_plugin() from the installed SDK, loaded" check_dropin_plugin
run_check "pkg-config consumer (host-sdk.pc) compiles, links and runs" check_pkgconfig
run_check "find_package(HostSdk 2.0 CONFIG) and 1.1 are refused, 1.0 accepted" check_version_refused
run_check "corrupted library refused with the exact SHA-256 message" check_corrupted_library
run_check "library without its manifest refused with the exact message" check_missing_manifest

echo
echo "dropin-test: $passed passed, $failed failed ($(( $(date +%s) - start_all )) s, mode $mode)"
if [ "$failed" -gt 0 ]; then
  printf '  failed: %s\n' "${failures[@]}"
  exit 1
fi
