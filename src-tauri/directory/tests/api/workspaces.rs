//! `POST /admin/v2/orgs/{orgId}/workspaces`: every product site of the org, paged by an
//! opaque cursor sent alone, each with the roles its product offers; refusals as one bare
//! `ApplicationError`.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{NOT_ADMIN_KEY, TestApp, spawn_app};

/// Every role `roles/assign` knows that is granted on a site.
const SITE_ROLES: [&str; 9] = [
    "atlassian/user",
    "atlassian/admin",
    "atlassian/guest",
    "atlassian/customer",
    "atlassian/user-access-admin",
    "atlassian/contributor",
    "atlassian/basic",
    "atlassian/stakeholder",
    "atlassian/site-admin",
];

fn path(org: &str) -> String {
    format!("/admin/v2/orgs/{org}/workspaces")
}

async fn list(app: &TestApp, body: Value) -> (u16, Value) {
    app.raw(Method::POST, &path(&app.seed().org_id), Some(body))
        .await
}

/// A bare `ApplicationError`: its code, and that it is not wrapped in `errors`.
fn code(body: &Value) -> &str {
    assert!(body.get("errors").is_none(), "wrapped: {body}");
    body["code"].as_str().unwrap_or("-")
}

#[tokio::test]
async fn every_product_site_is_a_workspace_with_the_roles_it_offers() {
    let app = spawn_app().await;
    let (status, page) = list(&app, json!({})).await;
    assert_eq!(status, 200, "{page}");
    let data = page["data"].as_array().unwrap();
    let ids: Vec<&str> = data.iter().map(|w| w["id"].as_str().unwrap()).collect();
    assert_eq!(ids, app.seed().products);
    assert_eq!(page["links"]["next"], Value::Null);
    assert_eq!(
        page["meta"],
        json!({"pageSize": 20, "startIndex": 0, "endIndex": 3, "total": 4})
    );

    let jira = &data[0];
    assert_eq!(jira["type"], "workspaces");
    assert_eq!(jira["attributes"]["name"], "Jira");
    assert_eq!(jira["attributes"]["typeKey"], "jira-software");
    assert_eq!(
        jira["attributes"]["hostUrl"],
        "https://northwind.atlassian.net"
    );
    assert_eq!(jira["attributes"]["status"], "online");
    let bitbucket = data
        .iter()
        .find(|w| w["attributes"]["typeKey"] == "bitbucket")
        .unwrap();
    assert_eq!(
        bitbucket["attributes"]["roles"],
        json!(["atlassian/user", "atlassian/admin", "atlassian/contributor"])
    );

    // An empty body asks for the same.
    let (status, again) = app.raw(Method::POST, &path(&app.seed().org_id), None).await;
    assert_eq!((status, &again["data"]), (200, &page["data"]));
}

#[tokio::test]
async fn the_roles_offered_are_the_roles_granted() {
    let app = spawn_app().await;
    let org = app.seed().org_id.clone();
    let invited = app.seed().accounts.invited.clone();
    let assign = format!("/admin/v1/orgs/{org}/users/{invited}/roles/assign");
    let (_, page) = list(&app, json!({})).await;
    for workspace in page["data"].as_array().unwrap() {
        let offered = workspace["attributes"]["roles"].as_array().unwrap();
        for role in SITE_ROLES {
            let body = json!({"role": role, "resource": workspace["id"]});
            let (status, answer) = app.raw(Method::POST, &assign, Some(body)).await;
            let expected = if offered.contains(&json!(role)) {
                204
            } else {
                400
            };
            assert_eq!(status, expected, "{role} on {workspace}: {answer}");
        }
    }
}

#[tokio::test]
async fn pages_follow_the_cursor_sent_alone() {
    let app = spawn_app().await;
    let (_, first) = list(&app, json!({"limit": 3})).await;
    assert_eq!(first["data"].as_array().unwrap().len(), 3);
    assert_eq!(first["meta"]["total"], 4);
    let cursor = first["links"]["next"].as_str().unwrap().to_owned();

    let (status, second) = list(&app, json!({"cursor": cursor})).await;
    assert_eq!(status, 200, "{second}");
    assert_eq!(second["data"].as_array().unwrap().len(), 1);
    assert_eq!(second["data"][0]["id"], json!(app.seed().products[3]));
    assert_eq!(
        second["meta"],
        json!({"pageSize": 3, "startIndex": 3, "endIndex": 3, "total": 4})
    );
    assert_eq!(second["links"]["next"], Value::Null);

    let (status, body) = list(&app, json!({"cursor": cursor, "limit": 3})).await;
    assert_eq!((status, code(&body)), (400, "ADMIN-400-24"));
    let (status, body) = list(&app, json!({"cursor": "not-ours"})).await;
    assert_eq!((status, code(&body)), (400, "ADMIN-400-1"));
    let (status, body) = list(&app, json!({"limit": 101})).await;
    assert_eq!((status, code(&body)), (400, "ADMIN-400-24"));
}

#[tokio::test]
async fn a_query_this_server_cannot_answer_is_refused_not_ignored() {
    let app = spawn_app().await;
    for body in [
        json!({"query": {"searchWorkspaces": "jira"}}),
        json!({"sort": [{"field": "name", "order": "asc"}]}),
        json!({"filter": "x"}),
    ] {
        let (status, answer) = list(&app, body.clone()).await;
        assert_eq!((status, code(&answer)), (400, "ADMIN-400-24"), "{body}");
    }
    let (status, answer) = app
        .raw(Method::POST, &path(&app.seed().org_id), Some(json!([1])))
        .await;
    assert_eq!((status, code(&answer)), (400, "ADMIN-400-24"));
}

#[tokio::test]
async fn an_unknown_org_is_404_and_a_key_not_org_admin_403() {
    let app = spawn_app().await;
    let (status, body) = app
        .raw(Method::POST, &path("no-such-org"), Some(json!({})))
        .await;
    assert_eq!((status, code(&body)), (404, "ADMIN-404-2"));
    assert_eq!(body["status"], "404");

    let (status, body) = app
        .raw_with_key(
            NOT_ADMIN_KEY,
            Method::POST,
            &path(&app.seed().org_id),
            Some(json!({})),
        )
        .await;
    assert_eq!((status, code(&body)), (403, "ADMIN-403-3"));
    // Other organization routes keep the `errors` envelope.
    let (_, body) = app
        .raw_with_key(
            NOT_ADMIN_KEY,
            Method::GET,
            &format!("/admin/v2/orgs/{}/directories", app.seed().org_id),
            None,
        )
        .await;
    assert_eq!(body["errors"][0]["code"], "ADMIN-403-3");
}
