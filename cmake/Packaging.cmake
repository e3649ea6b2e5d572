# Packaging.cmake: cpack -G DEB makes a Debian package; its dependencies
# are computed by dpkg-shlibdeps.
set(CPACK_PACKAGE_NAME smtpcode)
set(CPACK_PACKAGE_VENDOR "The smtpcode developers")
set(CPACK_PACKAGE_CONTACT "The smtpcode developers <smtpcode@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "explain SMTP reply codes and enhanced status codes")
set(CPACK_PACKAGE_DESCRIPTION
  "smtpcode tells a mail administrator what an SMTP reply means and what to do about it: basic reply codes (RFC 5321 and extensions), enhanced status codes (RFC 3463, the IANA registry), whole reply lines, comparisons, and codes found in mail logs and bounce messages. Text, JSON and TSV output; headings in 15 languages.")
set(CPACK_PACKAGE_FILE_NAME "smtpcode_${PROJECT_VERSION}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
