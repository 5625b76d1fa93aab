# Writes a C++ source that defines `std::string_view NAMESPACE::FUNCTION() noexcept` returning the bytes of
# INPUT. Usage: cmake -DINPUT=file -DOUTPUT=file.cpp -DNAMESPACE=ns -DFUNCTION=name -P HostSdkEmbedText.cmake
foreach(required INPUT OUTPUT NAMESPACE FUNCTION)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "HostSdkEmbedText.cmake: ${required} is not set")
  endif()
endforeach()
file(READ "${INPUT}" text)
set(delimiter "hs_embed")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "HostSdkEmbedText.cmake: ${INPUT} contains the raw string delimiter")
endif()
set(content "// Generated from ${INPUT} by HostSdkEmbedText.cmake. Do not edit.
#include <string_view>

namespace ${NAMESPACE} {
std::string_view ${FUNCTION}() noexcept {
    static constexpr char text[] = R\"${delimiter}(${text})${delimiter}\";
    return {text, sizeof text - 1};
}
} // namespace ${NAMESPACE}
")
# Rewrite only when the content changes, so dependents are not rebuilt needlessly.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" previous)
  if(previous STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${content}")
