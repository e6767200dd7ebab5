/* percent.h — percent-encoding (RFC 3986) as URLs and the AK/SK signature
 * want it: the client, the signer and the emulator share these two. */
#ifndef CD_PERCENT_H
#define CD_PERCENT_H

#include <stddef.h>

/* Every byte but the unreserved ones (ASCII letters, digits, '-', '_', '.',
 * '~') as %XX with upper-case hex; a new string. */
char *percent_encode(const char *s, size_t len);
/* %XX sequences back into bytes (a '%' not followed by two hex digits stays
 * as it is); a new string, *out_len its length when out_len is not NULL. */
char *percent_decode(const char *s, size_t len, size_t *out_len);

#endif
