/* cert-json.h — the stable JSON form of decoded certificates, keys and findings
 * (documented in the README; `inspect --json`, `list --json` and `show --json` share it). */
#ifndef CD_CERT_JSON_H
#define CD_CERT_JSON_H

#include <cjson/cJSON.h>
#include <stdint.h>

#include "../x509/chain.h"
#include "../x509/cert.h"
#include "../x509/findings.h"
#include "../x509/key.h"

cJSON *cert_to_json(const struct x509_cert *cert, int64_t now);
cJSON *chain_to_json(const struct x509_chain *chain);
cJSON *key_to_json(const struct x509_key *key, const char *path);
cJSON *findings_to_json(const struct x509_findings *findings);

#endif
