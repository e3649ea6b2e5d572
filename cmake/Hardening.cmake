# Hardening.cmake: compiler and linker hardening for release builds.
#
#   include(cmake/Hardening.cmake)
#   smtpcode_harden(<target>)
#
# For GCC and Clang, outside sanitizer and fuzzing builds, adds
#   -D_FORTIFY_SOURCE=2          checked libc calls (only when optimising:
#                                glibc needs -O1 or more for it)
#   -fstack-protector-strong     canaries in functions with arrays or
#                                addresses of locals taken
#   PIE                          POSITION_INDEPENDENT_CODE, and -pie when
#                                linking an executable
#   full RELRO                   -Wl,-z,relro,-z,now when linking an
#                                executable or a shared library
# Sanitizer builds (-fsanitize= in CMAKE_C_FLAGS) and SMTPCODE_FUZZ builds
# are left alone: the sanitizers bring their own checks, and FORTIFY's
# wrappers hide accesses from ASan.
#
# SMTPCODE_HARDENED tells the caller whether the flags are applied (to
# register the tests/hardening.sh check only then), and
# SMTPCODE_HARDEN_OPTIMISED whether optimisation, hence FORTIFY, is on.

include_guard(GLOBAL)

string(TOUPPER "${CMAKE_BUILD_TYPE}" _smtpcode_bt)
set(_smtpcode_cflags "${CMAKE_C_FLAGS} ${CMAKE_C_FLAGS_${_smtpcode_bt}}")

set(SMTPCODE_HARDENED OFF)
if(CMAKE_C_COMPILER_ID MATCHES "^(GNU|Clang|AppleClang)$"
    AND NOT _smtpcode_cflags MATCHES "-fsanitize="
    AND NOT SMTPCODE_FUZZ)
  set(SMTPCODE_HARDENED ON)
endif()

# The last -O flag decides, as it does for the compiler: -O0 or none is
# not optimising, anything else (-O, -O1..3, -Os, -Oz, -Og, -Ofast) is.
set(SMTPCODE_HARDEN_OPTIMISED OFF)
string(REGEX MATCHALL "(^| )-O[0-9sgz]*(fast)?" _smtpcode_olevels "${_smtpcode_cflags}")
list(LENGTH _smtpcode_olevels _smtpcode_n)
if(_smtpcode_n GREATER 0)
  list(GET _smtpcode_olevels -1 _smtpcode_olast)
  string(STRIP "${_smtpcode_olast}" _smtpcode_olast)
  if(NOT _smtpcode_olast STREQUAL "-O0")
    set(SMTPCODE_HARDEN_OPTIMISED ON)
  endif()
endif()

function(smtpcode_harden target)
  if(NOT SMTPCODE_HARDENED)
    return()
  endif()
  get_target_property(_type ${target} TYPE)
  if(_type STREQUAL "INTERFACE_LIBRARY")
    message(FATAL_ERROR "smtpcode_harden: ${target} is an interface library")
  endif()

  target_compile_options(${target} PRIVATE -fstack-protector-strong)
  if(SMTPCODE_HARDEN_OPTIMISED)
    # -U first: some distributions' compilers predefine it (Ubuntu: 3),
    # and a redefinition is a warning, an error under SMTPCODE_WERROR.
    target_compile_options(${target} PRIVATE -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2)
  endif()
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)

  if(_type STREQUAL "EXECUTABLE")
    target_link_options(${target} PRIVATE -pie -Wl,-z,relro,-z,now)
  elseif(_type STREQUAL "SHARED_LIBRARY" OR _type STREQUAL "MODULE_LIBRARY")
    target_link_options(${target} PRIVATE -Wl,-z,relro,-z,now)
  endif()
endfunction()
