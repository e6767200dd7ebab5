/* projects.c — GET /v3/projects?name=REGION and the one id it should answer. */
#include "projects.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/percent.h"
#include "../core/xalloc.h"

#define SET_IT "set project_id in the profile"

/* IAM's refusal in either of its error shapes (auth.md), with the advice. */
static cd_status refused(const struct http_response *resp, const char *name, struct cd_error *err)
{
    cJSON *j = cJSON_ParseWithLength(resp->body.data ? resp->body.data : "", resp->body.len);
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "error");
    const cJSON *msg = e ? cJSON_GetObjectItemCaseSensitive(e, "message")
                         : cJSON_GetObjectItemCaseSensitive(j, "error_msg");
    const cJSON *code = cJSON_GetObjectItemCaseSensitive(j, "error_code");
    cd_error_set(err, resp->status == 401 || resp->status == 403 ? CD_ERR_AUTH : CD_ERR_API,
                 "IAM refused to look up the project of region %s (HTTP %ld%s%s): %s; " SET_IT,
                 name, resp->status, cJSON_IsString(code) ? ", " : "",
                 cJSON_IsString(code) ? code->valuestring : "",
                 cJSON_IsString(msg) ? msg->valuestring : "no message");
    err->http_status = (int)resp->status;
    snprintf(err->service, sizeof(err->service), "iam");
    if (cJSON_IsString(code))
        snprintf(err->api_code, sizeof(err->api_code), "%s", code->valuestring);
    cJSON_Delete(j);
    return err->code;
}

/* Exactly one project of that name: its id; none or several: why not. */
static cd_status pick(const struct http_response *resp, const char *name, char **project_id,
                      struct cd_error *err)
{
    cJSON *j = cJSON_ParseWithLength(resp->body.data ? resp->body.data : "", resp->body.len);
    const cJSON *projects = cJSON_GetObjectItemCaseSensitive(j, "projects");
    struct buf ids = {0};
    int count = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, projects)
    {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(p, "id");
        const cJSON *pname = cJSON_GetObjectItemCaseSensitive(p, "name");
        if (!cJSON_IsString(id) || !cJSON_IsString(pname) || strcmp(pname->valuestring, name) != 0)
            continue;
        buf_printf(&ids, "%s%s", count ? ", " : "", id->valuestring);
        if (count++ == 0)
            *project_id = xstrdup(id->valuestring);
    }
    cd_status rc = CD_OK;
    if (!cJSON_IsArray(projects))
        rc = cd_error_set(err, CD_ERR_API, "IAM answered the project lookup of region %s without "
                          "a list of projects; " SET_IT, name);
    else if (count == 0)
        rc = cd_error_set(err, CD_ERR_CONFIG, "IAM knows no project named %s in this account; "
                          SET_IT " (or check the region)", name);
    else if (count > 1)
        rc = cd_error_set(err, CD_ERR_CONFIG, "IAM has %d projects named %s (%s); " SET_IT
                          " to the one to use", count, name, ids.data);
    if (rc != CD_OK) {
        free(*project_id);
        *project_id = NULL;
    }
    buf_free(&ids);
    cJSON_Delete(j);
    return rc;
}

cd_status iam_project_id(struct http_client *http, const char *iam_url, struct auth_session *auth,
                         const char *name, char **project_id, struct cd_error *err)
{
    *project_id = NULL;
    char *query = percent_encode(name, strlen(name));
    char *url = xasprintf("%s/v3/projects?name=%s", iam_url, query);
    free(query);
    struct http_request req;
    http_request_init(&req, "GET", url);
    free(url);
    req.idempotent = true;
    req.prepare = auth_prepare;
    req.prepare_ud = auth;
    http_request_header(&req, "Content-Type", "application/json;charset=utf8");
    struct http_response resp;
    cd_status rc = http_perform(http, &req, &resp, err);
    http_request_free(&req);
    if (rc != CD_OK)
        cd_error_prefix(err, "cannot look up the project of region %s (" SET_IT ")", name);
    else if (resp.status != 200)
        rc = refused(&resp, name, err);
    else
        rc = pick(&resp, name, project_id, err);
    http_response_free(&resp);
    return rc;
}
