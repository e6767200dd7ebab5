/* cmd-version.c — `certdeck version`: the program and library versions. */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <ncurses.h>
#include <openssl/crypto.h>
#include <sodium.h>
#include <stdio.h>

#include "commands.h"
#include "version.h"

static int version_exec(const struct cli_args *args)
{
    printf("%s %s\n", cli_program, CERTDECK_VERSION);
    printf("  %s, libcurl %s, cJSON %s, libsodium %s, %s\n", OpenSSL_version(OPENSSL_VERSION),
           curl_version_info(CURLVERSION_NOW)->version, cJSON_Version(), sodium_version_string(),
           curses_version());
    return CLI_EXIT_OK;
}

const struct cli_cmd cmd_version = {
    .name = "version",
    .usage = "",
    .summary = "print the version of certdeck and of the libraries it uses",
    .min_args = 0,
    .max_args = 0,
    .exec = version_exec,
};
