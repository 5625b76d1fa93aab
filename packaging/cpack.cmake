# The packages: one .deb and one .tar.gz per component (see install_rules.cmake for what each holds).
#
#   jedeclare-aggregator-plugin   the plugin, in <prefix>/lib/aggregator-host/plugins/jedeclare/
#   host-sdk-dev                  the SDK for host and plugin authors (headers, loader, CMake, pkg-config)
#   aggregator-host               the reference host and the tools (jedeclare-statement, jedeclare-sim)
#
# Built by packaging/package.sh (or `cpack` in a build directory). Debian dependencies of the programs come
# from dpkg-shlibdeps; those of the -dev package are listed below (what its headers and its CMake config need).
include("${CMAKE_CURRENT_LIST_DIR}/install_rules.cmake")

set(CPACK_PACKAGE_NAME "jedeclare-aggregator")
set(CPACK_PACKAGE_VENDOR "jedeclare-aggregator")
set(CPACK_PACKAGE_CONTACT "${JD_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
# Each package has its own summary (the first line of CPACK_DEBIAN_<COMPONENT>_DESCRIPTION). CPackDeb puts
# any non-default CPACK_PACKAGE_DESCRIPTION_SUMMARY in front of every one of them, so keep CPack's default.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_PACKAGE_DIRECTORY "${CMAKE_BINARY_DIR}/packages")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_SOURCE_GENERATOR "")
set(CPACK_COMPONENTS_ALL plugin sdk host-tools)
set(CPACK_COMPONENTS_GROUPING IGNORE)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_ARCHIVE_COMPONENT_INSTALL ON)
# The archives hold the prefix's contents (bin/, lib/, share/…) without a top directory: tar -C <prefix>.
set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY OFF)
set(CPACK_COMPONENT_INCLUDE_TOPLEVEL_DIRECTORY OFF)
set(CPACK_STRIP_FILES ON)
set(CPACK_THREADS 2)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_VERBATIM_VARIABLES ON)

set(CPACK_COMPONENT_PLUGIN_DISPLAY_NAME "JeDeclare.com aggregator plugin")
set(CPACK_COMPONENT_SDK_DISPLAY_NAME "Host SDK for aggregator plugins")
set(CPACK_COMPONENT_HOST-TOOLS_DISPLAY_NAME "Reference aggregator host and tools")

# --- Debian ---------------------------------------------------------------------------------------------
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${JD_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_RELEASE "${JD_DEB_RELEASE}")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT")
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_PLUGIN_PACKAGE_NAME "${JD_PACKAGE_PLUGIN}")
set(CPACK_DEBIAN_PLUGIN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PLUGIN_PACKAGE_ENHANCES "${JD_PACKAGE_HOST_TOOLS}")
set(CPACK_DEBIAN_PLUGIN_DESCRIPTION "JeDeclare.com bank aggregator plugin for accounting hosts
This plugin adds JeDeclare.com to the list of bank aggregators of an
accounting platform built on the host SDK (plugin ABI ${HOST_SDK_ABI_MAJOR}.${HOST_SDK_ABI_MINOR}). An
accounting firm then receives its client companies' bank movements
(CFONB 120 statements collected by the JeDeclare.com portal)
automatically.
.
The library and its manifest (jedeclare.plugin.json, with the library's
SHA-256) are installed in the host's plugin directory,
/usr/${JD_PLUGINS_INSTALL_DIR}/jedeclare/.")

set(CPACK_DEBIAN_SDK_PACKAGE_NAME "${JD_PACKAGE_SDK}")
set(CPACK_DEBIAN_SDK_PACKAGE_SECTION "libdevel")
# The headers include Boost.JSON and Boost.DLL; the CMake config finds Boost (json) and OpenSSL (libcrypto,
# needed to link the static loader); host-sdk.pc requires libcrypto.
set(CPACK_DEBIAN_SDK_PACKAGE_DEPENDS
    "libboost${Boost_VERSION_MAJOR}.${Boost_VERSION_MINOR}-dev, libboost-json${Boost_VERSION_MAJOR}.${Boost_VERSION_MINOR}-dev, libssl-dev")
set(CPACK_DEBIAN_SDK_PACKAGE_SUGGESTS "cmake (>= 3.25), pkgconf | pkg-config")
set(CPACK_DEBIAN_SDK_DESCRIPTION "host SDK for aggregator plugins (development files)
The host SDK defines the C ABI (version ${HOST_SDK_ABI_MAJOR}.${HOST_SDK_ABI_MINOR}) between an accounting host and
its bank aggregator plugins: the C headers, header-only C++20 faces for
both sides, and the plugin loader (a static library) that checks a
plugin's manifest, platform, ABI and SHA-256 before loading it.
.
It provides the CMake package HostSdk (find_package(HostSdk CONFIG),
targets HostSdk::headers and HostSdk::loader, and host_sdk_add_plugin()
to build a plugin), the pkg-config file host-sdk.pc and the manifest
JSON Schema.")

set(CPACK_DEBIAN_HOST-TOOLS_PACKAGE_NAME "${JD_PACKAGE_HOST_TOOLS}")
set(CPACK_DEBIAN_HOST-TOOLS_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_HOST-TOOLS_PACKAGE_SUGGESTS "${JD_PACKAGE_PLUGIN}")
set(CPACK_DEBIAN_HOST-TOOLS_DESCRIPTION "reference accounting host for bank aggregator plugins
aggregator-host is a command-line stand-in for an accounting platform:
it loads aggregator plugins from /usr/${JD_PLUGINS_INSTALL_DIR},
gives them the host services of the SDK (rights, companies, a movement
ledger, encrypted secrets, logs, a data directory per instance) over
its own SQLite database, and runs their operations and scheduled syncs.
.
Also included: jedeclare-statement, which reads CFONB 120 statement
files and prints them as JSON, and jedeclare-sim, a local simulator of
the JeDeclare.com services for tests and demonstrations.")

# --- tar.gz ---------------------------------------------------------------------------------------------
set(CPACK_ARCHIVE_PLUGIN_FILE_NAME "${JD_PACKAGE_PLUGIN}-${PROJECT_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_ARCHIVE_SDK_FILE_NAME "${JD_PACKAGE_SDK}-${HOST_SDK_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_ARCHIVE_HOST-TOOLS_FILE_NAME "${JD_PACKAGE_HOST_TOOLS}-${PROJECT_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR}")

# The SDK's version is its ABI's (install_rules.cmake); CPack has one version per configuration, so when it
# differs from the project's, the SDK gets a configuration of its own (CPackConfig-sdk.cmake, which
# package.sh runs too).
if(NOT HOST_SDK_VERSION VERSION_EQUAL PROJECT_VERSION)
  set(CPACK_COMPONENTS_ALL plugin host-tools)
endif()

include(CPack)

if(NOT HOST_SDK_VERSION VERSION_EQUAL PROJECT_VERSION)
  file(READ "${CMAKE_BINARY_DIR}/CPackConfig.cmake" jd_cpack_config)
  file(WRITE "${CMAKE_BINARY_DIR}/CPackConfig-sdk.cmake" "${jd_cpack_config}
# The SDK alone, at its own version.
set(CPACK_COMPONENTS_ALL sdk)
set(CPACK_PACKAGE_VERSION \"${HOST_SDK_VERSION}\")
set(CPACK_PACKAGE_FILE_NAME \"${JD_PACKAGE_SDK}-${HOST_SDK_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR}\")
")
else()
  file(REMOVE "${CMAKE_BINARY_DIR}/CPackConfig-sdk.cmake")
endif()

# Everything the packages hold, to build just that: cmake --build <dir> --target jd_package_inputs
add_custom_target(jd_package_inputs)
foreach(target IN ITEMS jedeclare_aggregator host_sdk_loader aggregator-host jedeclare-statement jedeclare-sim)
  if(TARGET ${target})
    add_dependencies(jd_package_inputs ${target})
  endif()
endforeach()
