/* cert-json.h — the stable JSON form of decoded certificates, keys and findings
 * (documented in the README; `inspect --json`, `list --json` and `show --json` share it). */
#ifndef CD_CERT_JSON_H
#define CD_CERT_JSON_H

#include <cjson/cJSON.h>
#include <stdint.h>

#include "../core/jsonw.h"
#include "../x509/chain.h"
#include "../x509/cert.h"
#include "../x509/findings.h"
#include "../x509/key.h"
#include "../x509/quick.h"

cJSON *cert_to_json(const struct x509_cert *cert, int64_t now);
/* The fields `list --json` shows for each certificate: a subset of
 * cert_to_json's, under the same names and in the same forms, written
 * straight out (lists are long). */
void summary_write_json(struct jsonw *w, const char *key, const struct x509_summary *summary,
                        int64_t now);
cJSON *chain_to_json(const struct x509_chain *chain);
cJSON *key_to_json(const struct x509_key *key, const char *path);
cJSON *findings_to_json(const struct x509_findings *findings);

#endif
