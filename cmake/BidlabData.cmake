# SPDX-License-Identifier: MIT
# Where the shared real data sets are: BIDLAB_SHARED_DATA if given, else the first `shared/data` folder found
# beside the source tree or beside one of its parents (a checkout in ../main, ../wt/<name> or a CI clone).
if(NOT DEFINED CACHE{BIDLAB_SHARED_DATA})
    set(_bidlab_guess "${CMAKE_SOURCE_DIR}/../shared/data")
    set(_bidlab_dir "${CMAKE_SOURCE_DIR}")
    foreach(_level RANGE 3)
        cmake_path(GET _bidlab_dir PARENT_PATH _bidlab_dir)
        if(IS_DIRECTORY "${_bidlab_dir}/shared/data")
            set(_bidlab_guess "${_bidlab_dir}/shared/data")
            break()
        endif()
    endforeach()
    set(BIDLAB_SHARED_DATA "${_bidlab_guess}" CACHE PATH "Folder with the shared real data sets")
endif()
message(STATUS "BidLab shared data: ${BIDLAB_SHARED_DATA}")
