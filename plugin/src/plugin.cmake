# The JeDeclare.com plugin: the MODULE the host loads. Included by plugin/CMakeLists.txt after the wings.
# Built with host_sdk_add_plugin(), exactly like the SDK's test fixtures: hidden visibility, one exported
# symbol, manifest compiled in and written beside the library as jedeclare.plugin.json (with its sha256).
include(HostSdkPlugin)

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
jd_enable_warnings(jedeclare_aggregator)

# The wings, each a static library linked in when it exists. Linking one more is one line here.
foreach(wing IN ITEMS jd_admin jd_sync jd_store jd_wire jd_statement)
  if(TARGET ${wing})
    target_link_libraries(jedeclare_aggregator PRIVATE ${wing})
    string(TOUPPER "${wing}" wing_macro)
    target_compile_definitions(jedeclare_aggregator PRIVATE JD_HAVE_${wing_macro}=1)
  endif()
endforeach()
