# Makes the virtual environment README describes and pip-installs the binding into it, packing the
# library of this build. Run by the python.install test:
#   cmake -DPYTHON=/usr/bin/python3 -DSOURCE=bindings/python -DWORK=<dir> -DLIBRARY=<libcaseflow.so> -P install_venv.cmake
# The sources are copied first: pip builds in place, and several build trees may test at once.
foreach(var PYTHON SOURCE WORK LIBRARY)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "install_venv.cmake needs -D${var}=...")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK}/venv ${WORK}/package)
file(COPY ${SOURCE}/ DESTINATION ${WORK}/package
     PATTERN build EXCLUDE PATTERN "*.egg-info" EXCLUDE PATTERN __pycache__ EXCLUDE
     PATTERN "libcaseflow.so" EXCLUDE PATTERN tests EXCLUDE)

execute_process(COMMAND ${PYTHON} -m venv --system-site-packages ${WORK}/venv RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PYTHON} -m venv failed (${status}): is python3-venv installed?")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env CASEFLOW_LIBRARY=${LIBRARY} PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1
          ${WORK}/venv/bin/python -m pip install --no-build-isolation --quiet ${WORK}/package
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "pip install of the caseflow binding failed (${status})")
endif()
message(STATUS "caseflow installed into ${WORK}/venv with ${LIBRARY}")
