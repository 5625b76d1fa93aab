# Writes a plugin's manifest file: the compiled-in manifest plus the sha256 of the built library.
#   cmake -DLIBRARY=<lib.so> -DMANIFEST_IN=<manifest.json> -DMANIFEST_OUT=<name.plugin.json>
#         [-DSETTINGS=<manifest_settings.cmake>] -P HostSdkWriteManifest.cmake
# Run it again whenever the library's bytes change after the build (strip, install with stripping).
# SETTINGS (written by host_sdk_add_plugin) may set HOST_SDK_MANIFEST_OVERRIDES (<path> <json> pairs, path
# dotted: abi.major), HOST_SDK_MANIFEST_REMOVE (paths), HOST_SDK_MANIFEST_CONTENT (raw text) or
# HOST_SDK_NO_MANIFEST_FILE — used only to build deliberately broken test fixtures.
cmake_minimum_required(VERSION 3.19)
foreach(required LIBRARY MANIFEST_IN MANIFEST_OUT)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "HostSdkWriteManifest.cmake: ${required} is not set")
  endif()
endforeach()
if(DEFINED SETTINGS AND EXISTS "${SETTINGS}")
  include("${SETTINGS}")
endif()

if(HOST_SDK_NO_MANIFEST_FILE)
  file(REMOVE "${MANIFEST_OUT}")
  return()
endif()
if(DEFINED HOST_SDK_MANIFEST_CONTENT)
  file(WRITE "${MANIFEST_OUT}" "${HOST_SDK_MANIFEST_CONTENT}")
  return()
endif()

file(READ "${MANIFEST_IN}" manifest)
file(SHA256 "${LIBRARY}" digest)
# sha256 goes right after "entry", as in the schema's order, keeping the file as host_sdk_add_plugin laid it out.
set(entry_line "\"entry\": \"hs_aggregator_provider_v1\"")
string(FIND "${manifest}" "${entry_line}" at)
if(at EQUAL -1)
  string(JSON manifest SET "${manifest}" sha256 "\"${digest}\"")
else()
  string(REPLACE "${entry_line}" "${entry_line},\n  \"sha256\": \"${digest}\"" manifest "${manifest}")
endif()

if(DEFINED HOST_SDK_MANIFEST_OVERRIDES)
  set(pairs ${HOST_SDK_MANIFEST_OVERRIDES})
  list(LENGTH pairs count)
  set(index 0)
  while(index LESS count)
    list(GET pairs ${index} path)
    math(EXPR next "${index} + 1")
    list(GET pairs ${next} value)
    string(REPLACE "." ";" keys "${path}")
    string(JSON manifest SET "${manifest}" ${keys} "${value}")
    math(EXPR index "${index} + 2")
  endwhile()
endif()
foreach(path IN LISTS HOST_SDK_MANIFEST_REMOVE)
  string(REPLACE "." ";" keys "${path}")
  string(JSON manifest REMOVE "${manifest}" ${keys})
endforeach()

# Write through a temporary file so a reader never sees half a manifest.
file(WRITE "${MANIFEST_OUT}.tmp" "${manifest}\n")
file(RENAME "${MANIFEST_OUT}.tmp" "${MANIFEST_OUT}")
