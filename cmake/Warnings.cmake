# Compiler flags shared by every target: warnings, hardening, sanitizers.
add_compile_options(-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
                    -Wformat=2 -Wno-unused-parameter)
add_compile_definitions(_POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
if(CERTDECK_WERROR)
  add_compile_options(-Werror)
endif()
if(CERTDECK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
