# Finds every library through pkg-config and names the Debian package that
# provides it when one is missing, so a newcomer knows what to install.
find_package(PkgConfig)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found: install the Debian package 'pkg-config' (or run 'make deps')")
endif()

set(CERTDECK_MISSING "")
# certdeck_dep(<prefix> <pkg-config module> <Debian package>)
function(certdeck_dep prefix module debpkg)
  pkg_check_modules(${prefix} QUIET IMPORTED_TARGET GLOBAL ${module})
  if(NOT ${prefix}_FOUND)
    message(SEND_ERROR "Missing library '${module}': install the Debian package '${debpkg}' (or run 'make deps')")
    set(CERTDECK_MISSING "${CERTDECK_MISSING} ${debpkg}" PARENT_SCOPE)
  endif()
endfunction()

certdeck_dep(NCURSES   ncursesw          libncurses-dev)
certdeck_dep(CURL      libcurl           libcurl4-openssl-dev)
certdeck_dep(CJSON     libcjson          libcjson-dev)
certdeck_dep(OPENSSL   "libssl libcrypto" libssl-dev)
certdeck_dep(SODIUM    libsodium         libsodium-dev)
certdeck_dep(MHD       libmicrohttpd     libmicrohttpd-dev)
certdeck_dep(KEYUTILS  libkeyutils       libkeyutils-dev)
if(CERTDECK_TESTS)
  certdeck_dep(CMOCKA  cmocka            libcmocka-dev)
endif()

if(CERTDECK_MISSING)
  message(FATAL_ERROR "Missing Debian packages:${CERTDECK_MISSING}\n  sudo apt-get install${CERTDECK_MISSING}")
endif()

find_package(Threads REQUIRED)
