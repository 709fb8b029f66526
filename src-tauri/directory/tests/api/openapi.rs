//! `docs/directory-api.json`, the project's OpenAPI document, kept true: it documents
//! exactly the routes the server serves, tags each as Atlassian's or an extension as the
//! router does, its user-management part is Atlassian's `admin_user.json` unchanged, and
//! live answers match the schemas it gives.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use custodian_directory::Surface;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};
use crate::schema::{admin_user_json, load, problems, response_schema_in};

const TEXT: &str = include_str!("../../../../docs/directory-api.json");

pub fn document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| load(TEXT))
}

fn documented(document: &Value) -> BTreeSet<(String, String)> {
    let Value::Object(paths) = &document["paths"] else {
        panic!("no paths")
    };
    paths
        .iter()
        .flat_map(|(path, operations)| {
            let Value::Object(operations) = operations else {
                panic!("{path}")
            };
            operations
                .keys()
                .filter(|m| *m != "parameters")
                .map(|m| (m.clone(), path.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn served() -> BTreeSet<(String, String)> {
    custodian_directory::served_routes()
        .into_iter()
        .map(|route| (route.method, route.path.to_owned()))
        .collect()
}

#[test]
fn the_document_lists_exactly_the_routes_served() {
    let served = served();
    let documented = documented(document());
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty(),
        "served but not documented: {undocumented:?}"
    );
    assert!(
        unserved.is_empty(),
        "documented but not served: {unserved:?}"
    );
}

#[test]
fn each_route_is_tagged_as_the_router_classes_it() {
    for route in custodian_directory::served_routes() {
        let tags = &document()["paths"][route.path][&route.method]["tags"];
        let extension = tags
            .as_array()
            .is_some_and(|tags| tags.iter().any(|t| t == "Custodian extension"));
        assert_eq!(
            extension,
            route.surface == Surface::Extension,
            "{} {} is {:?} in the table, tagged {tags}",
            route.method,
            route.path,
            route.surface
        );
    }
}

/// Atlassian's, documented where our copy of `admin_organization.json` (older than the
/// v2 directory API and the organization role API) does not reach.
const ATLASSIAN_ELSEWHERE: [(&str, &str); 5] = [
    (
        "post",
        "/admin/v1/orgs/{orgId}/users/{accountId}/roles/assign",
    ),
    (
        "post",
        "/admin/v1/orgs/{orgId}/users/{accountId}/roles/revoke",
    ),
    ("get", "/admin/v2/orgs/{orgId}/directories"),
    (
        "post",
        "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/search",
    ),
    (
        "get",
        "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/role-assignments",
    ),
];

/// (method, path) of a document's operations, with `prefix` before each path.
fn operations_of(document: &Value, prefix: &str) -> BTreeSet<(String, String)> {
    documented(document)
        .into_iter()
        .map(|(method, path)| (method, format!("{prefix}{path}")))
        .collect()
}

#[test]
fn the_atlassian_routes_are_atlassians_and_the_extensions_are_not() {
    let user = operations_of(
        &serde_json::from_str(include_str!("../data/admin_user.json")).unwrap(),
        "",
    );
    let organization = operations_of(
        &serde_json::from_str(include_str!("../data/admin_organization.json")).unwrap(),
        "/admin",
    );
    let elsewhere: BTreeSet<(String, String)> = ATLASSIAN_ELSEWHERE
        .iter()
        .map(|(method, path)| ((*method).to_owned(), (*path).to_owned()))
        .collect();
    assert!(
        elsewhere.is_disjoint(&organization),
        "ATLASSIAN_ELSEWHERE lists routes the copy documents"
    );
    let mut atlassian_users = BTreeSet::new();
    for route in custodian_directory::served_routes() {
        let key = (route.method.clone(), route.path.to_owned());
        let in_documents =
            user.contains(&key) || organization.contains(&key) || elsewhere.contains(&key);
        match route.surface {
            Surface::Atlassian => assert!(in_documents, "{key:?} is not Atlassian's"),
            Surface::Extension => assert!(!in_documents, "{key:?} is Atlassian's"),
        }
        if route.surface == Surface::Atlassian && user.contains(&key) {
            atlassian_users.insert(key);
        }
    }
    // All of the user-management API is served.
    assert_eq!(atlassian_users, user);
}

#[test]
fn the_user_management_part_is_atlassians_unchanged() {
    let ours: Value = serde_json::from_str(TEXT).unwrap();
    let theirs: Value = serde_json::from_str(include_str!("../data/admin_user.json")).unwrap();
    let Value::Object(paths) = &theirs["paths"] else {
        panic!()
    };
    for (path, operations) in paths {
        let Value::Object(operations) = operations else {
            panic!()
        };
        for (method, operation) in operations {
            let mut mine = ours["paths"][path][method].clone();
            // Tags, and notes on what this server adds, change nothing Atlassian defines.
            mine.as_object_mut()
                .unwrap()
                .retain(|key, _| key != "tags" && !key.starts_with("x-custodian-"));
            let mut expected = operation.clone();
            expected.as_object_mut().unwrap().remove("tags");
            assert_eq!(
                mine, expected,
                "{method} {path} differs from admin_user.json"
            );
        }
    }
    let Value::Object(schemas) = &theirs["components"]["schemas"] else {
        panic!()
    };
    for (name, schema) in schemas {
        let mut mine = ours["components"]["schemas"][name].clone();
        // The one addition: the plan a privilege needs, an optional extension property.
        if name == "Manageability.RestrictionReason" {
            mine["properties"]
                .as_object_mut()
                .unwrap()
                .remove("requiredPlan");
        }
        assert_eq!(&mine, schema, "schema {name} differs from admin_user.json");
    }
    assert!(admin_user_json()["paths"].is_object());
}

pub async fn check(
    app: &TestApp,
    method: Method,
    template: &str,
    path: &str,
    body: Option<Value>,
    status: u16,
) -> Value {
    let (got, answer) = app.raw(method.clone(), path, body).await;
    assert_eq!(got, status, "{method} {path}: {answer}");
    let schema = response_schema_in(
        document(),
        template,
        &method.as_str().to_lowercase(),
        status,
    );
    match schema {
        Some(schema) => {
            let errors = problems(&schema, &answer);
            assert!(
                errors.is_empty(),
                "{method} {path} {status}: {answer}\n{errors:#?}"
            );
        }
        None => assert_eq!(
            answer,
            Value::Null,
            "{method} {path} {status} should have no body"
        ),
    }
    answer
}

#[tokio::test]
async fn live_answers_match_the_document() {
    let app = spawn_app().await;
    let org = app.seed().org_id.clone();
    let seed = app.seed().accounts.clone();
    let (invited, admin, google) = (&seed.invited, &seed.admin, &seed.google);
    let domain = app.domain_id("fabrikam.example");
    let product = app.seed().products[0].clone();

    check(
        &app,
        Method::GET,
        "/admin/v1/orgs",
        "/admin/v1/orgs",
        None,
        200,
    )
    .await;
    check(
        &app,
        Method::GET,
        "/admin/v1/orgs/{orgId}",
        &format!("/admin/v1/orgs/{org}"),
        None,
        200,
    )
    .await;
    check(
        &app,
        Method::GET,
        "/admin/v1/orgs/{orgId}",
        "/admin/v1/orgs/nope",
        None,
        404,
    )
    .await;
    check(
        &app,
        Method::GET,
        "/admin/v1/orgs/{orgId}/domains",
        &format!("/admin/v1/orgs/{org}/domains"),
        None,
        200,
    )
    .await;
    check(
        &app,
        Method::GET,
        "/admin/v1/orgs/{orgId}/domains/{domainId}",
        &format!("/admin/v1/orgs/{org}/domains/{domain}"),
        None,
        200,
    )
    .await;
    check(
        &app,
        Method::POST,
        "/admin/v1/orgs/{orgId}/domains/{domainId}/claim",
        &format!("/admin/v1/orgs/{org}/domains/{domain}/claim"),
        None,
        409,
    )
    .await;
    check(
        &app,
        Method::POST,
        "/admin/v1/orgs/{orgId}/domains/{domainId}/verify",
        &format!("/admin/v1/orgs/{org}/domains/{domain}/verify"),
        None,
        200,
    )
    .await;
    check(
        &app,
        Method::POST,
        "/admin/v1/orgs/{orgId}/domains/{domainId}/claim",
        &format!("/admin/v1/orgs/{org}/domains/{domain}/claim"),
        None,
        200,
    )
    .await;
    check(
        &app,
        Method::GET,
        "/admin/v1/orgs/{orgId}/events",
        &format!("/admin/v1/orgs/{org}/events"),
        None,
        200,
    )
    .await;
    check(
        &app,
        Method::GET,
        "/admin/v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates",
        &format!("/admin/v1/orgs/{org}/directory/users/{invited}/last-active-dates"),
        None,
        200,
    )
    .await;
    let roles = "/admin/v1/orgs/{orgId}/users/{accountId}/roles/assign";
    check(
        &app,
        Method::POST,
        roles,
        &format!("/admin/v1/orgs/{org}/users/{invited}/roles/assign"),
        Some(json!({"role": "atlassian/admin", "resource": product})),
        204,
    )
    .await;
    check(
        &app,
        Method::POST,
        roles,
        &format!("/admin/v1/orgs/{org}/users/{invited}/roles/assign"),
        Some(json!({"role": "atlassian/admin"})),
        400,
    )
    .await;
    let revoke = "/admin/v1/orgs/{orgId}/users/{accountId}/roles/revoke";
    check(
        &app,
        Method::POST,
        revoke,
        &format!("/admin/v1/orgs/{org}/users/{invited}/roles/revoke"),
        Some(json!({"role": "atlassian/admin", "resource": product})),
        204,
    )
    .await;
    check(
        &app,
        Method::GET,
        "/admin/v2/orgs/{orgId}/directories",
        &format!("/admin/v2/orgs/{org}/directories"),
        None,
        200,
    )
    .await;
    let search = "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/search";
    let everything = json!({"limit": 100, "expand": ["platformRoles", "counts.resources", "productAccess", "groups"]});
    check(
        &app,
        Method::POST,
        search,
        &format!("/admin/v2/orgs/{org}/directories/-/users/search"),
        Some(everything),
        200,
    )
    .await;
    check(
        &app,
        Method::POST,
        search,
        &format!("/admin/v2/orgs/{org}/directories/-/users/search"),
        Some(json!({"limit": 500})),
        400,
    )
    .await;

    let manage = |rest: &str, account: &str| format!("/users/{account}/manage{rest}");
    let template = |rest: &str| format!("/users/{{account_id}}/manage{rest}");
    check(
        &app,
        Method::GET,
        &template("/lifecycle/delete/validate"),
        &manage("/lifecycle/delete/validate", invited),
        None,
        200,
    )
    .await;
    check(
        &app,
        Method::GET,
        &template("/lifecycle/delete/validate"),
        &manage("/lifecycle/delete/validate", admin),
        None,
        403,
    )
    .await;
    for method in [Method::GET, Method::PUT, Method::DELETE] {
        check(
            &app,
            method,
            &template("/two-step-verification/exclusion"),
            &manage("/two-step-verification/exclusion", invited),
            None,
            200,
        )
        .await;
    }
    let devices = check(
        &app,
        Method::GET,
        &template("/devices"),
        &manage("/devices", invited),
        None,
        200,
    )
    .await;
    let logout = template("/devices/{deviceId}/logout");
    for device in devices["data"].as_array().unwrap() {
        let status = if device["kind"] == "mobile" { 202 } else { 200 };
        let path = manage(
            &format!("/devices/{}/logout", device["id"].as_str().unwrap()),
            invited,
        );
        check(&app, Method::POST, &logout, &path, None, status).await;
    }
    check(
        &app,
        Method::POST,
        &logout,
        &manage("/devices/none/logout", invited),
        None,
        404,
    )
    .await;
    check(
        &app,
        Method::POST,
        &template("/password/reset"),
        &manage("/password/reset", invited),
        None,
        200,
    )
    .await;
    check(
        &app,
        Method::POST,
        &template("/password/reset"),
        &manage("/password/reset", google),
        None,
        403,
    )
    .await;
    check(
        &app,
        Method::DELETE,
        &template("/avatar"),
        &manage("/avatar", invited),
        None,
        204,
    )
    .await;

    let response = app
        .http
        .put(app.url(&manage("/avatar", invited)))
        .bearer_auth(crate::helpers::ADMIN_KEY)
        .header("content-type", "image/png")
        .body(b"not a png".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    let schema = response_schema_in(document(), &template("/avatar"), "put", 400).unwrap();
    assert!(problems(&schema, &body).is_empty(), "{body}");
}

#[tokio::test]
async fn live_answers_of_the_managed_account_additions_match_the_document() {
    let app = spawn_app().await;
    let org = app.seed().org_id.clone();
    let invited = app.seed().accounts.invited.clone();
    let manage = |rest: &str| format!("/users/{invited}/manage{rest}");
    let template = |rest: &str| format!("/users/{{account_id}}/manage{rest}");
    for method in [Method::GET, Method::POST, Method::GET] {
        let path = manage("/password/reset");
        check(&app, method, &template("/password/reset"), &path, None, 200).await;
    }
    check(
        &app,
        Method::DELETE,
        &template("/api-tokens"),
        &manage("/api-tokens"),
        None,
        200,
    )
    .await;
    let claim = "/admin/v1/orgs/{orgId}/domains/{domainId}/claim";
    let domain = |name: &str| format!("/admin/v1/orgs/{org}/domains/{}/claim", app.domain_id(name));
    check(
        &app,
        Method::GET,
        claim,
        &domain("nw-services.example"),
        None,
        200,
    )
    .await;
    check(
        &app,
        Method::GET,
        claim,
        &domain("fabrikam.example"),
        None,
        409,
    )
    .await;
    let roles =
        "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/role-assignments";
    app.raw(
        Method::POST,
        &format!("/admin/v1/orgs/{org}/users/{invited}/roles/assign"),
        Some(json!({"role": "atlassian/org-admin"})),
    )
    .await;
    for (account, status) in [(invited.as_str(), 200), ("nobody", 404)] {
        let path = format!("/admin/v2/orgs/{org}/directories/-/users/{account}/role-assignments");
        check(&app, Method::GET, roles, &path, None, status).await;
    }
}

#[tokio::test]
async fn live_answers_of_the_workspaces_listing_match_the_document() {
    let app = spawn_app().await;
    let org = app.seed().org_id.clone();
    let template = "/admin/v2/orgs/{orgId}/workspaces";
    let path = format!("/admin/v2/orgs/{org}/workspaces");
    let first = check(
        &app,
        Method::POST,
        template,
        &path,
        Some(json!({"limit": 2})),
        200,
    )
    .await;
    let cursor = first["links"]["next"].clone();
    check(
        &app,
        Method::POST,
        template,
        &path,
        Some(json!({"cursor": cursor})),
        200,
    )
    .await;
    check(
        &app,
        Method::POST,
        template,
        &path,
        Some(json!({"cursor": cursor, "limit": 2})),
        400,
    )
    .await;
    check(
        &app,
        Method::POST,
        template,
        "/admin/v2/orgs/nope/workspaces",
        Some(json!({})),
        404,
    )
    .await;
    let (status, body) = app
        .raw_with_key(
            crate::helpers::NOT_ADMIN_KEY,
            Method::POST,
            &path,
            Some(json!({})),
        )
        .await;
    assert_eq!(status, 403);
    let schema = response_schema_in(document(), template, "post", 403).unwrap();
    assert!(problems(&schema, &body).is_empty(), "{body}");
    // The envelope other routes use is not what this one documents.
    let wrapped = json!({"errors": [body]});
    assert!(!problems(&schema, &wrapped).is_empty());
}
