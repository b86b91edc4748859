# SPDX-License-Identifier: MIT
# bidlab_add_test(NAME name SOURCES ... LIBS ... LABEL unit|integration|gui [TIMEOUT seconds] [GUI])
# One Qt Test executable registered with CTest under a label (ctest -L unit). Each test gets its own data
# and settings folders, the offscreen platform, and BIDLAB_SHARED_DATA pointing at the real data sets.
# The executables' paths are compiled in (BIDLAB_CLI, BIDLAB_GUI, BIDLAB_WORKER) for tests that run them.
function(bidlab_add_test)
  cmake_parse_arguments(ARG "GUI" "NAME;LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  set(target test_${ARG_NAME})
  add_executable(${target} ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE bidlab_options bidlab_testsupport Qt6::Test ${ARG_LIBS})
  if(ARG_GUI)
    target_link_libraries(${target} PRIVATE Qt6::Widgets)
  endif()
  target_compile_definitions(${target} PRIVATE
    BIDLAB_CLI="$<TARGET_FILE:bidlab-cli>" BIDLAB_GUI="$<TARGET_FILE:bidlab>" BIDLAB_WORKER="$<TARGET_FILE:bidlab-worker>"
    BIDLAB_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME ${ARG_NAME} COMMAND ${target})
  set(scratch "${CMAKE_BINARY_DIR}/test-scratch/${ARG_NAME}")
  set_tests_properties(${ARG_NAME} PROPERTIES
    LABELS ${ARG_LABEL}
    TIMEOUT ${ARG_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;BIDLAB_SHARED_DATA=${BIDLAB_SHARED_DATA};BIDLAB_DATA_DIR=${scratch}/data;XDG_CONFIG_HOME=${scratch}/config;XDG_DATA_HOME=${scratch}/share;XDG_RUNTIME_DIR=${scratch}/runtime;QT_LOGGING_RULES=qt.qpa.*=false")
  if(ARG_LABEL STREQUAL "unit")
    add_dependencies(unit-tests ${target})
  endif()
  # Tests that run the programs need them built; unit tests never do (the sanitizer pass builds only those).
  if(NOT ARG_LABEL STREQUAL "unit")
    add_dependencies(${target} bidlab-cli bidlab bidlab-worker)
  endif()
endfunction()
