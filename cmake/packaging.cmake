# `cmake --install` layout and the CPack .deb: the binary, shell completions, the man page
# (generated from --help by packaging/man-page.sh with help2man) and the systemd unit.
include(GNUInstallDirs)

find_program(HELP2MAN_PROGRAM help2man REQUIRED)
set(FASTCMS_MAN_PAGE ${CMAKE_BINARY_DIR}/fastcms.1.gz)
add_custom_command(
  OUTPUT ${FASTCMS_MAN_PAGE}
  COMMAND ${CMAKE_SOURCE_DIR}/packaging/man-page.sh $<TARGET_FILE:fastcms> ${FASTCMS_MAN_PAGE}
  DEPENDS fastcms ${CMAKE_SOURCE_DIR}/packaging/man-page.sh
  COMMENT "Generating the fastcms(1) man page from --help"
  VERBATIM)
add_custom_target(fastcms_man_page ALL DEPENDS ${FASTCMS_MAN_PAGE})

install(TARGETS fastcms RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${FASTCMS_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES completions/fastcms.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME fastcms)
install(FILES completions/_fastcms DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES completions/fastcms.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
# systemd looks in /usr/lib/systemd/system and /usr/lib/sysusers.d (under the /usr prefix).
install(FILES packaging/fastcms@.service DESTINATION lib/systemd/system)
install(FILES packaging/fastcms.sysusers DESTINATION lib/sysusers.d RENAME fastcms.conf)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME fastcms)
set(CPACK_PACKAGE_VENDOR fastcms)
set(CPACK_PACKAGE_CONTACT "fastcms maintainers <maintainers@fastcms.dev>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Backend in one binary: PocketBase-compatible API server and project toolchain")
set(CPACK_PACKAGE_DESCRIPTION
    "fastcms scaffolds backend projects and serves them as a PocketBase-compatible REST API with auth, realtime,\n files and search, on SQLite or PostgreSQL. Includes shell completions, a man page and the fastcms@ systemd unit.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://fastcms.dev")
# Depends come from dpkg-shlibdeps over the binary (tests/e2e/packaging_test.cpp checks them
# against FASTCMS_RUNTIME_DEBIAN_PACKAGES); TLS to SMTP, OAuth2 and S3 needs CA certificates.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/packaging/debian/postinst
    ${CMAKE_SOURCE_DIR}/packaging/debian/prerm
    ${CMAKE_SOURCE_DIR}/packaging/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
