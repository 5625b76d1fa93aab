# The JeDeclare.com plugin: the MODULE the host loads. Included by plugin/CMakeLists.txt after the wings.
# Built with host_sdk_add_plugin(), exactly like the SDK's test fixtures: hidden visibility, one exported
# symbol, manifest compiled in and written beside the library as jedeclare.plugin.json (with its sha256).
include(HostSdkPlugin)

# The instance context (plugin/src/instance/): opening the store from the instance settings, the wire
# clients (password from the host's secret store, log hook to the host's logger), cancel and destroy.
# A library of its own so that tests can drive it without the module.
add_library(jd_instance STATIC
  src/instance/cancel_registry.cpp
  src/instance/client_settings.cpp
  src/instance/instance_context.cpp
  src/instance/storage_settings.cpp
  src/instance/store_opening.cpp
  src/instance/wire_log_bridge.cpp)
add_library(jd::instance ALIAS jd_instance)
# Includes read "instance/…" (and "admin/…"), from plugin/src.
target_include_directories(jd_instance PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}/src")
target_link_libraries(jd_instance PUBLIC jd_admin jd_sync jd_store jd_wire host_sdk::headers Boost::json)
target_compile_features(jd_instance PUBLIC cxx_std_20)
jd_enable_warnings(jd_instance)

host_sdk_add_plugin(jedeclare_aggregator
  ID jedeclare
  DISPLAY_NAME "JeDeclare.com"
  VERSION "${PROJECT_VERSION}"
  DESCRIPTION "Relevés bancaires des dossiers clients collectés par JeDéclare.com (CFONB 120)"
  VENDOR "jedeclare-aggregator"
  MANIFEST_NAME jedeclare
  OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/plugins/jedeclare"
  SOURCES
    src/entry.cpp
    src/provider.cpp
    src/descriptor.cpp)
target_include_directories(jedeclare_aggregator PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}/src")
target_link_libraries(jedeclare_aggregator PRIVATE jd_instance jd_admin jd_sync jd_store jd_wire jd_statement)
jd_enable_warnings(jedeclare_aggregator)
