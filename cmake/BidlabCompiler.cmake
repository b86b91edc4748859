# SPDX-License-Identifier: MIT
# Language level, warnings and project-wide defines.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)

find_program(BIDLAB_CCACHE ccache)
if(BIDLAB_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${BIDLAB_CCACHE}")
  set(CMAKE_C_COMPILER_LAUNCHER "${BIDLAB_CCACHE}")
endif()

# Applied to every BidLab target through bidlab_setup_target().
add_library(bidlab_options INTERFACE)
target_compile_options(bidlab_options INTERFACE -Wall -Wextra -Wpedantic $<$<BOOL:${BIDLAB_WERROR}>:-Werror>)
# Keep strings honest (as KDAB hotspot does): every conversion from char* is explicit.
target_compile_definitions(bidlab_options INTERFACE
  QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_CAST_FROM_BYTEARRAY QT_USE_QSTRINGBUILDER QT_NO_FOREACH
  QT_NO_URL_CAST_FROM_STRING QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  BIDLAB_VERSION="${PROJECT_VERSION}")
