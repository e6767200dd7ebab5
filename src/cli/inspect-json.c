/* inspect-json.c — `certdeck inspect --json`: one object per file. */
#include <stdlib.h>

#include "../core/timeutil.h"
#include "cert-json.h"
#include "inspect.h"

static cJSON *item_json(const struct inspect_run *run, const struct inspect_item *it)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "path", it->b.path);
    cJSON_AddStringToObject(o, "status", cd_status_name(it->b.status));
    if (it->b.status != CD_OK) {
        cJSON_AddStringToObject(o, "error", it->b.err.message);
        return o;
    }
    const struct inspect_server *s = it->server;
    if (s) {
        cJSON *so = cJSON_AddObjectToObject(o, "server");
        cJSON_AddStringToObject(so, "host", s->host);
        cJSON_AddNumberToObject(so, "port", atoi(s->port));
        cJSON_AddStringToObject(so, "servername", s->servername);
        cJSON_AddStringToObject(so, "protocol", s->protocol);
        cJSON_AddStringToObject(so, "cipher", s->cipher);
        cJSON_AddBoolToObject(so, "verified", s->verified);
        if (s->verified)
            cJSON_AddNullToObject(so, "verify_error");
        else
            cJSON_AddStringToObject(so, "verify_error", s->verify_error);
    }
    cJSON *certs = cJSON_AddArrayToObject(o, "certificates");
    for (size_t i = 0; i < it->b.certs.count; i++)
        cJSON_AddItemToArray(certs, cert_to_json(&it->b.certs.items[i], run->now));
    if (it->b.certs.count) {
        cJSON_AddItemToObject(o, "chain", chain_to_json(&it->b.chain));
        cJSON_AddNumberToObject(o, "leaf", (double)inspect_leaf(it));
    }
    const struct x509_key *key = it->b.key ? it->b.key : it->paired_key;
    const char *key_path = it->b.key ? it->b.path : it->paired_key_path;
    if (key) {
        cJSON *k = key_to_json(key, key_path);
        if (it->b.certs.count)
            cJSON_AddBoolToObject(k, "matches", it->key_matches);
        else if (it->matches_cert_path)
            cJSON_AddStringToObject(k, "matches_certificate_in", it->matches_cert_path);
        cJSON_AddItemToObject(o, "key", k);
    } else {
        cJSON_AddNullToObject(o, "key");
    }
    cJSON_AddItemToObject(o, "findings", findings_to_json(&it->b.findings));
    return o;
}

void inspect_print_json(const struct inspect_run *run, FILE *out)
{
    cJSON *root = cJSON_CreateObject();
    char now[32];
    time_format_iso(run->now, now, sizeof(now));
    cJSON_AddStringToObject(root, "now", now);
    cJSON_AddNumberToObject(root, "warn_days", run->warn_days);
    cJSON *files = cJSON_AddArrayToObject(root, "files");
    for (size_t i = 0; i < run->count; i++)
        cJSON_AddItemToArray(files, item_json(run, &run->items[i]));
    char *text = cJSON_Print(root);
    fprintf(out, "%s\n", text);
    free(text);
    cJSON_Delete(root);
}
