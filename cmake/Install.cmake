# Install.cmake: the command, its man pages and completions, and the
# library with its headers, a pkg-config file and a CMake package, each in
# its GNUInstallDirs place (Debian's for the completions).
include(CMakePackageConfigHelpers)

install(TARGETS smtpcode RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS smtpcode_static smtpcode_shared EXPORT smtpcode-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES include/smtpcode.h ${PROJECT_BINARY_DIR}/include/smtpcode_version.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT smtpcode-targets NAMESPACE smtpcode::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/smtpcode)
configure_package_config_file(cmake/smtpcode-config.cmake.in
  ${PROJECT_BINARY_DIR}/smtpcode-config.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/smtpcode)
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/smtpcode-config-version.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/smtpcode-config.cmake
  ${PROJECT_BINARY_DIR}/smtpcode-config-version.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/smtpcode)
file(RELATIVE_PATH PC_TO_PREFIX
  ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
configure_file(cmake/smtpcode.pc.in ${PROJECT_BINARY_DIR}/smtpcode.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/smtpcode.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The man pages go in compressed, as Debian policy wants them.
find_program(GZIP gzip REQUIRED)
foreach(page smtpcode.1 smtpcode.3)
  string(REGEX REPLACE ".*\\." "" _section ${page})
  add_custom_command(
    OUTPUT ${PROJECT_BINARY_DIR}/${page}.gz
    COMMAND ${GZIP} -9nc ${PROJECT_SOURCE_DIR}/man/${page} > ${PROJECT_BINARY_DIR}/${page}.gz
    DEPENDS man/${page}
    COMMENT "Compressing ${page}")
  list(APPEND _smtpcode_pages ${PROJECT_BINARY_DIR}/${page}.gz)
  install(FILES ${PROJECT_BINARY_DIR}/${page}.gz
    DESTINATION ${CMAKE_INSTALL_MANDIR}/man${_section})
endforeach()
add_custom_target(manpages ALL DEPENDS ${_smtpcode_pages})

install(FILES completions/smtpcode.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
  RENAME smtpcode)
install(FILES completions/_smtpcode
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES completions/smtpcode.fish
  DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
