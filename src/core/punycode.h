/* punycode.h — shows internationalised domain names (xn-- labels) in Unicode. */
#ifndef CD_PUNYCODE_H
#define CD_PUNYCODE_H

/* Returns a new UTF-8 string with every "xn--" label of a dotted name decoded
 * (RFC 3492), or NULL when the name has no such label or one is malformed. */
char *idn_to_unicode(const char *name);

#endif
