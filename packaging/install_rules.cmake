# What `cmake --install` puts where, in three components (one package each, see cpack.cmake):
#
#   plugin      <libdir>/aggregator-host/plugins/jedeclare/{libjedeclare_aggregator.so,jedeclare.plugin.json}
#   sdk         <includedir>/host_sdk/**, <sdk libdir>/libhost_sdk_loader.a, <sdk libdir>/cmake/HostSdk/*,
#               <sdk libdir>/pkgconfig/host-sdk.pc, <datadir>/host-sdk/plugin-manifest.schema.json
#               (<sdk libdir>: HOST_SDK_INSTALL_LIBDIR, lib/<multiarch> on Debian)
#   host-tools  <bindir>/{aggregator-host,jedeclare-statement,jedeclare-sim}, their manual pages
#
# and, for each, <datadir>/doc/<package>/{copyright,changelog.Debian.gz}. The rules live here, not next to the
# targets, so that the build files of the wings stay free of packaging concerns.
include_guard(GLOBAL)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(jd_packaging_dir "${CMAKE_CURRENT_LIST_DIR}")
find_program(JD_GZIP gzip REQUIRED)
set(jd_sdk_source_dir "${PROJECT_SOURCE_DIR}/host_sdk")

# Package names, also the names of the documentation directories.
set(JD_PACKAGE_PLUGIN "jedeclare-aggregator-plugin")
set(JD_PACKAGE_SDK "host-sdk-dev")
set(JD_PACKAGE_HOST_TOOLS "aggregator-host")
# The Debian revision of this packaging (the part after the hyphen of 1.0.0-1), and who answers for it.
set(JD_DEB_RELEASE 1)
set(JD_PACKAGE_MAINTAINER "jedeclare-aggregator maintainers <packaging@jedeclare-aggregator.invalid>"
    CACHE STRING "Maintainer field of the packages and their changelogs")

# The host's plugin directory (one sub-folder per plugin). The reference host finds it relative to its
# executable with the same GNUInstallDirs values (host_sdk/reference_host/CMakeLists.txt).
set(JD_PLUGINS_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/aggregator-host/plugins")
# The SDK's architecture-dependent files (the static loader, its CMake package, host-sdk.pc) go in the multiarch
# directory where there is one (lib/x86_64-linux-gnu on Debian, whatever the prefix): CMake and pkg-config look
# there, and a .pc of an architecture-dependent package belongs there.
if(CMAKE_LIBRARY_ARCHITECTURE AND NOT CMAKE_INSTALL_LIBDIR MATCHES "/${CMAKE_LIBRARY_ARCHITECTURE}$")
  set(jd_sdk_libdir_default "${CMAKE_INSTALL_LIBDIR}/${CMAKE_LIBRARY_ARCHITECTURE}")
else()
  set(jd_sdk_libdir_default "${CMAKE_INSTALL_LIBDIR}")
endif()
set(HOST_SDK_INSTALL_LIBDIR "${jd_sdk_libdir_default}" CACHE STRING
    "Where the SDK's loader, CMake package and pkg-config file are installed, relative to the prefix")
set(JD_SDK_CMAKE_INSTALL_DIR "${HOST_SDK_INSTALL_LIBDIR}/cmake/HostSdk")

# The SDK's version is its ABI version: major.minor from host_sdk/c/abi.h, plus a patch number for changes that
# leave the ABI alone (loader fixes, CMake helpers, documentation). Bump it here; reset it on an ABI change.
set(HOST_SDK_VERSION_PATCH 0 CACHE STRING "Patch number of the host SDK package (its major.minor is the ABI's)")
file(STRINGS "${jd_sdk_source_dir}/include/host_sdk/c/abi.h" jd_abi_lines REGEX "^#define HS_ABI_(MAJOR|MINOR) [0-9]+")
foreach(line IN LISTS jd_abi_lines)
  if(line MATCHES "^#define HS_ABI_MAJOR ([0-9]+)")
    set(HOST_SDK_ABI_MAJOR "${CMAKE_MATCH_1}")
  elseif(line MATCHES "^#define HS_ABI_MINOR ([0-9]+)")
    set(HOST_SDK_ABI_MINOR "${CMAKE_MATCH_1}")
  endif()
endforeach()
if(NOT DEFINED HOST_SDK_ABI_MAJOR OR NOT DEFINED HOST_SDK_ABI_MINOR)
  message(FATAL_ERROR "install_rules.cmake: HS_ABI_MAJOR/HS_ABI_MINOR not found in host_sdk/c/abi.h")
endif()
set(HOST_SDK_VERSION "${HOST_SDK_ABI_MAJOR}.${HOST_SDK_ABI_MINOR}.${HOST_SDK_VERSION_PATCH}")

# ---------------------------------------------------------------------------------------------------------
# Documentation every package carries: copyright, and the Debian changelog compressed the way lintian wants
# (gzip -9n: no name, no time stamp, so that two builds give the same bytes).
function(jd_install_package_docs component package version)
  set(doc_dir "${CMAKE_INSTALL_DATADIR}/doc/${package}")
  set(work_dir "${CMAKE_CURRENT_BINARY_DIR}/debian/${package}")
  file(MAKE_DIRECTORY "${work_dir}")
  set(JD_DEB_PACKAGE "${package}")
  set(JD_DEB_VERSION "${version}-${JD_DEB_RELEASE}")
  configure_file("${jd_packaging_dir}/debian/changelog.in" "${work_dir}/changelog" @ONLY)
  execute_process(COMMAND "${JD_GZIP}" -9nc "${work_dir}/changelog"
                  OUTPUT_FILE "${work_dir}/changelog.Debian.gz" RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "install_rules.cmake: gzip of ${work_dir}/changelog failed")
  endif()
  install(FILES "${jd_packaging_dir}/debian/copyright" "${work_dir}/changelog.Debian.gz"
          DESTINATION "${doc_dir}" COMPONENT ${component})
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${jd_packaging_dir}/debian/changelog.in")
endfunction()

# Manual pages (gzip -9n), from packaging/debian/man/<name>.1.
function(jd_install_manual_pages component)
  foreach(page IN LISTS ARGN)
    set(out "${CMAKE_CURRENT_BINARY_DIR}/man/${page}.gz")
    file(MAKE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/man")
    execute_process(COMMAND "${JD_GZIP}" -9nc "${jd_packaging_dir}/debian/man/${page}" OUTPUT_FILE "${out}")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${jd_packaging_dir}/debian/man/${page}")
    string(REGEX MATCH "[0-9]$" section "${page}")
    install(FILES "${out}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man${section}" COMPONENT ${component})
  endforeach()
endfunction()

# When installing stripped (cmake --install --strip, CPACK_STRIP_FILES), also drop the compiler's .comment
# section, which install(TARGETS) keeps. Runs as install code, on the installed file.
function(jd_strip_comment_code out_var file)
  set(${out_var} "
    if(CMAKE_INSTALL_DO_STRIP)
      execute_process(COMMAND \"${CMAKE_STRIP}\" --remove-section=.comment \"${file}\")
    endif()" PARENT_SCOPE)
endfunction()

# ---------------------------------------------------------------------------------------------------------
# plugin: the library, then its manifest rewritten from the installed bytes. Installing may change the bytes
# (stripping with `cmake --install --strip` or CPACK_STRIP_FILES, RPATH edits), and the host refuses a library
# whose SHA-256 differs from its manifest, so the manifest is written after the library, by the SDK's own
# writer (HostSdkWriteManifest.cmake), from the manifest host_sdk_add_plugin() generated for the target.
function(jd_install_plugin target component)
  get_target_property(manifest_built ${target} HOST_SDK_PLUGIN_MANIFEST)
  get_target_property(plugin_id ${target} HOST_SDK_PLUGIN_ID)
  get_target_property(target_binary_dir ${target} BINARY_DIR)
  get_property(sdk_cmake_dir GLOBAL PROPERTY HOST_SDK_PLUGIN_CMAKE_DIR)
  # host_sdk_add_plugin() keeps its generated files in <binary dir of the call>/<target>_host_sdk/.
  set(gen_dir "${target_binary_dir}/${target}_host_sdk")
  if(NOT manifest_built OR NOT plugin_id OR NOT EXISTS "${gen_dir}/manifest.json")
    message(FATAL_ERROR "jd_install_plugin(${target}): not a host_sdk_add_plugin() target, or its generated "
                        "manifest is not in ${gen_dir} any more (HostSdkPlugin.cmake changed?)")
  endif()
  get_filename_component(manifest_name "${manifest_built}" NAME)
  set(destination "${JD_PLUGINS_INSTALL_DIR}/${plugin_id}")
  set(library_file "$<TARGET_FILE_NAME:${target}>")

  # A shared object is not executable (Debian policy 10.9); the host maps it, it never runs it.
  install(TARGETS ${target} LIBRARY DESTINATION "${destination}" COMPONENT ${component}
          PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
  jd_strip_comment_code(strip_code "\${_jd_dir}/${library_file}")
  install(CODE "
    set(_jd_dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${destination}\")
    if(IS_ABSOLUTE \"${destination}\")
      set(_jd_dir \"\$ENV{DESTDIR}${destination}\")
    endif()
    ${strip_code}
    message(STATUS \"Writing the manifest: \${_jd_dir}/${manifest_name}\")
    execute_process(COMMAND \"${CMAKE_COMMAND}\"
        \"-DLIBRARY=\${_jd_dir}/${library_file}\" \"-DMANIFEST_IN=${gen_dir}/manifest.json\"
        \"-DMANIFEST_OUT=\${_jd_dir}/${manifest_name}\" \"-DSETTINGS=${gen_dir}/manifest_settings.cmake\"
        -P \"${sdk_cmake_dir}/HostSdkWriteManifest.cmake\"
      RESULT_VARIABLE _jd_status)
    if(NOT _jd_status EQUAL 0)
      message(FATAL_ERROR \"writing ${manifest_name} failed\")
    endif()
    file(CHMOD \"\${_jd_dir}/${manifest_name}\" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
    list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${_jd_dir}/${manifest_name}\")
  " COMPONENT ${component})
endfunction()

if(TARGET jedeclare_aggregator)
  jd_install_plugin(jedeclare_aggregator plugin)
  jd_install_package_docs(plugin "${JD_PACKAGE_PLUGIN}" "${PROJECT_VERSION}")
endif()

# ---------------------------------------------------------------------------------------------------------
# sdk: headers, the loader, the CMake package HostSdk (HostSdk::headers, HostSdk::loader, host_sdk_add_plugin),
# the pkg-config file host-sdk.pc and the manifest schema.
install(DIRECTORY "${jd_sdk_source_dir}/include/host_sdk" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        COMPONENT sdk FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")

set_target_properties(host_sdk_headers PROPERTIES EXPORT_NAME headers)
set_target_properties(host_sdk_loader PROPERTIES EXPORT_NAME loader)
install(TARGETS host_sdk_headers host_sdk_loader EXPORT HostSdkTargets
        ARCHIVE DESTINATION "${HOST_SDK_INSTALL_LIBDIR}" COMPONENT sdk
        INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
# install(TARGETS) strips executables and shared objects, not archives: drop the debug sections here.
install(CODE "
  if(CMAKE_INSTALL_DO_STRIP)
    execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-debug --remove-section=.comment
      --enable-deterministic-archives
      \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${HOST_SDK_INSTALL_LIBDIR}/$<TARGET_FILE_NAME:host_sdk_loader>\")
  endif()
" COMPONENT sdk)
install(EXPORT HostSdkTargets NAMESPACE HostSdk:: DESTINATION "${JD_SDK_CMAKE_INSTALL_DIR}" COMPONENT sdk)

set(jd_sdk_gen "${CMAKE_CURRENT_BINARY_DIR}/host_sdk_package")
# The config file's template. Paths go through PACKAGE_* variables so that the installed tree can move.
file(WRITE "${jd_sdk_gen}/HostSdkConfig.cmake.in" [=[
# HostSdk: the host SDK for aggregator plugins (C ABI, C++ faces, loader) and its plugin build function.
#   find_package(HostSdk 1.0 CONFIG REQUIRED)
#   target_link_libraries(my_host PRIVATE HostSdk::loader)        # a host: loads plugins
#   host_sdk_add_plugin(my_plugin ID … DISPLAY_NAME … VERSION … SOURCES …)   # a plugin (links HostSdk::headers)
# Variables: HostSdk_VERSION (= the ABI major.minor, plus a patch), HostSdk_ABI_MAJOR, HostSdk_ABI_MINOR,
# HostSdk_INCLUDE_DIR, HostSdk_PLUGINS_DIR (the host's plugin directory of this installation) and
# HostSdk_PLUGINS_INSTALL_DIR (the same, relative to the install prefix, for install(TARGETS … DESTINATION)).
@PACKAGE_INIT@

include(CMakeFindDependencyMacro)
set(Boost_NO_WARN_NEW_VERSIONS ON)
find_dependency(Boost @Boost_VERSION_MAJOR@.@Boost_VERSION_MINOR@ COMPONENTS json)
find_dependency(OpenSSL COMPONENTS Crypto)

include("${CMAKE_CURRENT_LIST_DIR}/HostSdkTargets.cmake")

set(HostSdk_ABI_MAJOR @HOST_SDK_ABI_MAJOR@)
set(HostSdk_ABI_MINOR @HOST_SDK_ABI_MINOR@)
set_and_check(HostSdk_INCLUDE_DIR "@PACKAGE_CMAKE_INSTALL_INCLUDEDIR@")
set(HostSdk_PLUGINS_DIR "@PACKAGE_JD_PLUGINS_INSTALL_DIR@")
set(HostSdk_PLUGINS_INSTALL_DIR "@JD_PLUGINS_INSTALL_DIR@")

# host_sdk_add_plugin() reads the ABI from abi.h and links host_sdk::headers, the SDK's build-tree name.
if(NOT HOST_SDK_ABI_HEADER)
  set(HOST_SDK_ABI_HEADER "${HostSdk_INCLUDE_DIR}/host_sdk/c/abi.h")
endif()
if(NOT TARGET host_sdk::headers)
  add_library(host_sdk::headers INTERFACE IMPORTED)
  set_target_properties(host_sdk::headers PROPERTIES INTERFACE_LINK_LIBRARIES HostSdk::headers)
endif()
include("${CMAKE_CURRENT_LIST_DIR}/HostSdkPlugin.cmake")

check_required_components(HostSdk)
]=])
configure_package_config_file("${jd_sdk_gen}/HostSdkConfig.cmake.in" "${jd_sdk_gen}/HostSdkConfig.cmake"
  INSTALL_DESTINATION "${JD_SDK_CMAKE_INSTALL_DIR}"
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR JD_PLUGINS_INSTALL_DIR)
write_basic_package_version_file("${jd_sdk_gen}/HostSdkConfigVersion.cmake"
  VERSION "${HOST_SDK_VERSION}" COMPATIBILITY SameMajorVersion)
install(FILES "${jd_sdk_gen}/HostSdkConfig.cmake" "${jd_sdk_gen}/HostSdkConfigVersion.cmake"
              "${jd_sdk_source_dir}/cmake/HostSdkPlugin.cmake" "${jd_sdk_source_dir}/cmake/HostSdkWriteManifest.cmake"
        DESTINATION "${JD_SDK_CMAKE_INSTALL_DIR}" COMPONENT sdk)

# pkg-config: the prefix is found from the .pc file's own place, so the tree stays relocatable. The loader is a
# static library, so what it needs (Boost.JSON, libcrypto, libdl) is in Libs/Requires, not in the *.private ones.
set(jd_pc_dl "")
foreach(lib IN LISTS CMAKE_DL_LIBS)
  string(APPEND jd_pc_dl " -l${lib}")
endforeach()
file(RELATIVE_PATH jd_pc_to_prefix "/${HOST_SDK_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" jd_pc_to_prefix "${jd_pc_to_prefix}")
file(WRITE "${jd_sdk_gen}/host-sdk.pc" "prefix=\${pcfiledir}/${jd_pc_to_prefix}
includedir=\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}
libdir=\${prefix}/${HOST_SDK_INSTALL_LIBDIR}
plugindir=\${prefix}/${JD_PLUGINS_INSTALL_DIR}
abi_major=${HOST_SDK_ABI_MAJOR}
abi_minor=${HOST_SDK_ABI_MINOR}

Name: host-sdk
Description: Host SDK for aggregator plugins: C ABI headers, C++20 faces and the plugin loader
Version: ${HOST_SDK_VERSION}
Requires: libcrypto
Cflags: -I\${includedir} -DBOOST_DLL_USE_STD_FS
Libs: -L\${libdir} -lhost_sdk_loader -lboost_json${jd_pc_dl}
")
install(FILES "${jd_sdk_gen}/host-sdk.pc" DESTINATION "${HOST_SDK_INSTALL_LIBDIR}/pkgconfig" COMPONENT sdk)
install(FILES "${PROJECT_SOURCE_DIR}/schema/plugin-manifest.schema.json"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/host-sdk" COMPONENT sdk)
install(FILES "${jd_packaging_dir}/INTEGRATORS.md" DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${JD_PACKAGE_SDK}"
        COMPONENT sdk)
jd_install_package_docs(sdk "${JD_PACKAGE_SDK}" "${HOST_SDK_VERSION}")

# ---------------------------------------------------------------------------------------------------------
# host-tools: the reference host, the statement reader and the simulator (built with the tests only).
set(jd_host_tools)
foreach(tool IN ITEMS aggregator-host jedeclare-statement jedeclare-sim)
  if(TARGET ${tool})
    list(APPEND jd_host_tools ${tool})
  endif()
endforeach()
if(jd_host_tools)
  install(TARGETS ${jd_host_tools} RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT host-tools)
  foreach(tool IN LISTS jd_host_tools)
    jd_strip_comment_code(strip_code "\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/$<TARGET_FILE_NAME:${tool}>")
    install(CODE "${strip_code}" COMPONENT host-tools)
  endforeach()
  list(TRANSFORM jd_host_tools APPEND ".1" OUTPUT_VARIABLE jd_host_tool_pages)
  jd_install_manual_pages(host-tools ${jd_host_tool_pages})
  jd_install_package_docs(host-tools "${JD_PACKAGE_HOST_TOOLS}" "${PROJECT_VERSION}")
endif()
