# HostSdkPlugin.cmake: builds an aggregator plugin for the host SDK's C ABI.
#
#   host_sdk_add_plugin(<target>
#     ID <id> DISPLAY_NAME <name> VERSION <x.y.z>
#     SOURCES <file>...
#     [DESCRIPTION <text>] [VENDOR <text>]
#     [MANIFEST_NAME <name>]          # the manifest file is <name>.plugin.json (default: <id>)
#     [OUTPUT_DIRECTORY <dir>]        # library + manifest go there (default: ${CMAKE_BINARY_DIR}/plugins/<id>)
#     [LIBRARY_NAME <name>]           # lib<name>.so (default: <target>)
#     # Deliberately broken manifest files, for loader tests (the compiled-in manifest stays correct):
#     [MANIFEST_OVERRIDES <path> <json> ...]   # e.g. platform [["windows_x86_64"]] abi.minor 7
#     [MANIFEST_REMOVE <path>...]              # e.g. entry
#     [MANIFEST_CONTENT <text>]                # write this text instead of the manifest
#     [NO_MANIFEST_FILE]                       # write no manifest file at all
#     [NO_ENTRY_EXPORT])                       # keep the entry symbol local (a library with no entry point)
#
# What it does, the same way for a real plugin and for test fixtures:
#  - a MODULE library, hidden visibility (-fvisibility=hidden -fvisibility-inlines-hidden), a version script
#    that exports only the entry alias (HS_ENTRY_NAME), -Wl,--no-undefined, BOOST_DLL_USE_STD_FS;
#  - the manifest, generated from the arguments: compiled in through a generated header
#    `host_sdk_plugin_manifest.hpp` (macro HOST_SDK_PLUGIN_MANIFEST_JSON, a char array, no sha256), and
#    written beside the library as <name>.plugin.json after each link, with the sha256 of the library filled in
#    (by HostSdkWriteManifest.cmake, which packaging can run again after stripping or installing).
#
# The ABI numbers come from host_sdk/c/abi.h. It is looked up next to this file (source tree layout
# host_sdk/{cmake,include}) or in an installed tree (<prefix>/lib/cmake/host_sdk → <prefix>/include);
# set HOST_SDK_ABI_HEADER to point elsewhere. The target links host_sdk::headers when that target exists
# (otherwise add the SDK's include directory yourself) and Boost::json.
include_guard(GLOBAL)

# Functions are global but variables are per directory: keep this file's location where every directory sees it.
set_property(GLOBAL PROPERTY HOST_SDK_PLUGIN_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")

# The platform name a manifest carries, as the loader spells it (see host_sdk::current_platform()).
function(host_sdk_platform out_var)
  string(TOLOWER "${CMAKE_SYSTEM_NAME}" os)
  string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" cpu)
  if(cpu STREQUAL "amd64")
    set(cpu "x86_64")
  elseif(cpu STREQUAL "arm64" AND os STREQUAL "linux")
    set(cpu "aarch64")
  endif()
  if(os STREQUAL "windows" AND cpu STREQUAL "x86_64")
    set(cpu "amd64")
  endif()
  set(${out_var} "${os}_${cpu}" PARENT_SCOPE)
endfunction()

# HS_ABI_MAJOR / HS_ABI_MINOR read from abi.h.
function(_host_sdk_abi_version major_var minor_var)
  get_property(_host_sdk_plugin_dir GLOBAL PROPERTY HOST_SDK_PLUGIN_CMAKE_DIR)
  if(NOT HOST_SDK_ABI_HEADER)
    find_file(HOST_SDK_ABI_HEADER NAMES host_sdk/c/abi.h
      HINTS "${_host_sdk_plugin_dir}/../include" "${_host_sdk_plugin_dir}/../../../include"
      NO_DEFAULT_PATH)
  endif()
  if(NOT HOST_SDK_ABI_HEADER OR NOT EXISTS "${HOST_SDK_ABI_HEADER}")
    message(FATAL_ERROR "host_sdk_add_plugin: host_sdk/c/abi.h not found; set HOST_SDK_ABI_HEADER")
  endif()
  file(STRINGS "${HOST_SDK_ABI_HEADER}" lines REGEX "^#define HS_ABI_(MAJOR|MINOR) [0-9]+")
  foreach(line IN LISTS lines)
    if(line MATCHES "^#define HS_ABI_MAJOR ([0-9]+)")
      set(${major_var} "${CMAKE_MATCH_1}" PARENT_SCOPE)
    elseif(line MATCHES "^#define HS_ABI_MINOR ([0-9]+)")
      set(${minor_var} "${CMAKE_MATCH_1}" PARENT_SCOPE)
    endif()
  endforeach()
endfunction()

# Writes `content` to `path` only when it differs, so that reconfiguring does not rebuild the plugin.
function(_host_sdk_write_if_changed path content)
  if(EXISTS "${path}")
    file(READ "${path}" previous)
    if(previous STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE "${path}" "${content}")
endfunction()

# A JSON string literal for `text`.
function(_host_sdk_json_string out_var text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\n" "\\n" text "${text}")
  string(REPLACE "\t" "\\t" text "${text}")
  string(REPLACE "\r" "\\r" text "${text}")
  set(${out_var} "\"${text}\"" PARENT_SCOPE)
endfunction()

function(host_sdk_add_plugin target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "NO_MANIFEST_FILE;NO_ENTRY_EXPORT"
    "ID;DISPLAY_NAME;VERSION;DESCRIPTION;VENDOR;MANIFEST_NAME;OUTPUT_DIRECTORY;LIBRARY_NAME;MANIFEST_CONTENT"
    "SOURCES;MANIFEST_OVERRIDES;MANIFEST_REMOVE")
  foreach(required ID DISPLAY_NAME VERSION SOURCES)
    if(NOT arg_${required})
      message(FATAL_ERROR "host_sdk_add_plugin(${target}): ${required} is required")
    endif()
  endforeach()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "host_sdk_add_plugin(${target}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_MANIFEST_NAME)
    set(arg_MANIFEST_NAME "${arg_ID}")
  endif()
  if(NOT arg_OUTPUT_DIRECTORY)
    set(arg_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/plugins/${arg_ID}")
  endif()
  if(NOT arg_LIBRARY_NAME)
    set(arg_LIBRARY_NAME "${target}")
  endif()
  list(LENGTH arg_MANIFEST_OVERRIDES override_count)
  math(EXPR override_odd "${override_count} % 2")
  if(override_odd)
    message(FATAL_ERROR "host_sdk_add_plugin(${target}): MANIFEST_OVERRIDES takes <path> <json> pairs")
  endif()

  get_property(_host_sdk_plugin_dir GLOBAL PROPERTY HOST_SDK_PLUGIN_CMAKE_DIR)
  _host_sdk_abi_version(abi_major abi_minor)
  host_sdk_platform(platform)
  set(prefix "${CMAKE_SHARED_MODULE_PREFIX}")
  set(suffix "${CMAKE_SHARED_MODULE_SUFFIX}")
  set(library_file "${prefix}${arg_LIBRARY_NAME}${suffix}")

  # The manifest, fields in the schema's order, one per line; sha256 is added to the file copy after the link.
  set(manifest "{\n")
  foreach(field IN ITEMS ID DISPLAY_NAME VERSION)
    string(TOLOWER "${field}" key)
    _host_sdk_json_string(value "${arg_${field}}")
    string(APPEND manifest "  \"${key}\": ${value},\n")
  endforeach()
  string(APPEND manifest "  \"abi\": {\"major\": ${abi_major}, \"minor\": ${abi_minor}},\n")
  _host_sdk_json_string(value "${platform}")
  string(APPEND manifest "  \"platform\": ${value},\n")
  _host_sdk_json_string(value "${library_file}")
  string(APPEND manifest "  \"library\": ${value},\n")
  string(APPEND manifest "  \"entry\": \"hs_aggregator_provider_v1\"")
  foreach(field IN ITEMS DESCRIPTION VENDOR)
    if(DEFINED arg_${field})
      string(TOLOWER "${field}" key)
      _host_sdk_json_string(value "${arg_${field}}")
      string(APPEND manifest ",\n  \"${key}\": ${value}")
    endif()
  endforeach()
  string(APPEND manifest "\n}")

  set(gen_dir "${CMAKE_CURRENT_BINARY_DIR}/${target}_host_sdk")
  set(manifest_in "${gen_dir}/manifest.json")
  _host_sdk_write_if_changed("${manifest_in}" "${manifest}\n")
  _host_sdk_write_if_changed("${gen_dir}/host_sdk_plugin_manifest.hpp" "// Generated by host_sdk_add_plugin(${target}). Do not edit.
#pragma once
#include \"host_sdk/c/abi.h\"

static_assert(HS_ABI_MAJOR == ${abi_major} && HS_ABI_MINOR == ${abi_minor},
              \"the manifest was generated for another host SDK ABI: reconfigure\");

// The plugin's manifest as compiled into the library (hs_provider_api_v1.manifest_json), without sha256.
inline constexpr char host_sdk_plugin_manifest_json[] = R\"hs_manifest(${manifest})hs_manifest\";
#define HOST_SDK_PLUGIN_MANIFEST_JSON host_sdk_plugin_manifest_json
")
  if(arg_NO_ENTRY_EXPORT)
    _host_sdk_write_if_changed("${gen_dir}/exports.map" "{\n  local: *;\n};\n")
  else()
    _host_sdk_write_if_changed("${gen_dir}/exports.map" "{\n  global: hs_aggregator_provider_v1;\n  local: *;\n};\n")
  endif()

  # How the file copy differs from the compiled one (test fixtures only), read by HostSdkWriteManifest.cmake.
  set(settings "set(HOST_SDK_MANIFEST_OVERRIDES [==[${arg_MANIFEST_OVERRIDES}]==])\n")
  string(APPEND settings "set(HOST_SDK_MANIFEST_REMOVE [==[${arg_MANIFEST_REMOVE}]==])\n")
  if(DEFINED arg_MANIFEST_CONTENT)
    string(APPEND settings "set(HOST_SDK_MANIFEST_CONTENT [==[${arg_MANIFEST_CONTENT}]==])\n")
  endif()
  if(arg_NO_MANIFEST_FILE)
    string(APPEND settings "set(HOST_SDK_NO_MANIFEST_FILE ON)\n")
  endif()
  _host_sdk_write_if_changed("${gen_dir}/manifest_settings.cmake" "${settings}")

  add_library(${target} MODULE ${arg_SOURCES})
  set_target_properties(${target} PROPERTIES
    PREFIX "${prefix}" SUFFIX "${suffix}" OUTPUT_NAME "${arg_LIBRARY_NAME}"
    LIBRARY_OUTPUT_DIRECTORY "${arg_OUTPUT_DIRECTORY}"
    C_VISIBILITY_PRESET hidden CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON
    LINK_DEPENDS "${gen_dir}/exports.map"
    HOST_SDK_PLUGIN_ID "${arg_ID}"
    HOST_SDK_PLUGIN_MANIFEST "${arg_OUTPUT_DIRECTORY}/${arg_MANIFEST_NAME}.plugin.json")
  # Per-configuration output directories would separate the library from its manifest.
  foreach(config IN LISTS CMAKE_CONFIGURATION_TYPES CMAKE_BUILD_TYPE)
    string(TOUPPER "${config}" config)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY_${config} "${arg_OUTPUT_DIRECTORY}")
  endforeach()
  target_include_directories(${target} PRIVATE "${gen_dir}")
  target_compile_definitions(${target} PRIVATE BOOST_DLL_USE_STD_FS)
  target_compile_features(${target} PRIVATE cxx_std_20)
  target_link_options(${target} PRIVATE "LINKER:--version-script=${gen_dir}/exports.map")
  # A sanitizer runtime linked statically into the executable (clang) leaves its symbols undefined here.
  if(NOT (CMAKE_CXX_COMPILER_ID MATCHES "Clang" AND "${CMAKE_CXX_FLAGS} ${CMAKE_MODULE_LINKER_FLAGS}" MATCHES "-fsanitize"))
    target_link_options(${target} PRIVATE "LINKER:--no-undefined")
  endif()
  if(TARGET host_sdk::headers)
    target_link_libraries(${target} PRIVATE host_sdk::headers)
  endif()
  if(NOT TARGET Boost::json)
    find_package(Boost 1.81 REQUIRED COMPONENTS json)
  endif()
  target_link_libraries(${target} PRIVATE Boost::json)

  set(manifest_out "${arg_OUTPUT_DIRECTORY}/${arg_MANIFEST_NAME}.plugin.json")
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND "${CMAKE_COMMAND}" "-DLIBRARY=$<TARGET_FILE:${target}>" "-DMANIFEST_IN=${manifest_in}"
            "-DMANIFEST_OUT=${manifest_out}" "-DSETTINGS=${gen_dir}/manifest_settings.cmake"
            -P "${_host_sdk_plugin_dir}/HostSdkWriteManifest.cmake"
    BYPRODUCTS "${manifest_out}"
    COMMENT "Writing ${arg_MANIFEST_NAME}.plugin.json"
    VERBATIM)
endfunction()
