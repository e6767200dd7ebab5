/* projects.h — the project id of a region, asked of IAM (GET /v3/projects?name=)
 * with the credentials at hand, as the official SDKs do for AK/SK. */
#ifndef CD_AUTH_PROJECTS_H
#define CD_AUTH_PROJECTS_H

#include "../core/status.h"
#include "../net/http.h"
#include "session.h"

/* The id of the one project called name (the region id) in the account of
 * auth's credentials. Fails, with a message that says to set project_id, when
 * IAM refuses, answers no project or several (their ids named). */
cd_status iam_project_id(struct http_client *http, const char *iam_url, struct auth_session *auth,
                         const char *name, char **project_id, struct cd_error *err);

#endif
