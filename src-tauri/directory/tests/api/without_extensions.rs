//! A server with `extensions: false`, shaped like Atlassian Cloud: every extension route,
//! the capabilities route among them, answers 404 as an unknown route does; Atlassian's
//! routes answer as before, less the extension privileges and fields; `Idempotency-Key`
//! still holds and the seed is the same. With the extensions on, the capabilities route
//! says so, to a valid key only.

use std::collections::BTreeSet;

use custodian_directory::{Plan, Surface};
use reqwest::Method;
use reqwest::header::HeaderValue;
use serde_json::{Map, Value, json};

use crate::helpers::{ADMIN_KEY, NOT_ADMIN_KEY, TestApp, spawn_app, spawn_app_with};
use crate::openapi::{check, document};
use crate::schema::admin_user_json;

const CAPABILITIES: &str = "/custodian/v1/capabilities";

async fn atlassian_shaped() -> TestApp {
    spawn_app_with(|config| config.extensions = false).await
}

fn method(route: &custodian_directory::ServedRoute) -> Method {
    Method::from_bytes(route.method.to_ascii_uppercase().as_bytes()).unwrap()
}

async fn first(app: &TestApp, query: &str, account: &str) -> String {
    sqlx::query_scalar(query)
        .bind(account)
        .fetch_one(app.server.pool())
        .await
        .unwrap()
}

/// `template` with every parameter filled with a real id of the seed: the invited
/// account, one of its devices, the org, a domain, a directory.
async fn real_path(app: &TestApp, template: &str) -> String {
    let invited = app.seed().accounts.invited.clone();
    let device = first(
        app,
        "SELECT device_id FROM devices WHERE account_id = ? LIMIT 1",
        &invited,
    )
    .await;
    let path = template
        .replace("{account_id}", &invited)
        .replace("{accountId}", &invited)
        .replace("{orgId}", &app.seed().org_id)
        .replace("{domainId}", &app.domain_id("nw-services.example"))
        .replace("{directoryId}", &app.seed().directory_ids[0])
        .replace("{deviceId}", &device);
    assert!(!path.contains('{'), "{template}: {path}");
    path
}

/// The answer with what differs between two answers to the same request left out: the
/// server's URL (its port) and the error's random `id`.
fn comparable(app: &TestApp, answer: &Value) -> Value {
    let text = answer.to_string().replace(app.server.url(), "URL");
    let mut answer: Value = serde_json::from_str(&text).unwrap();
    if let Some(Value::Array(errors)) = answer.get_mut("errors") {
        for error in errors {
            error.as_object_mut().unwrap().remove("id");
        }
    }
    answer
}

/// The status and the body with the admin's key; a body that is not JSON (a photo) as
/// its length.
async fn answer(app: &TestApp, method: Method, path: &str) -> (u16, Value) {
    let response = app
        .http
        .request(method, app.url(path))
        .bearer_auth(ADMIN_KEY)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let bytes = response.bytes().await.unwrap();
    let body =
        serde_json::from_slice(&bytes).unwrap_or_else(|_| json!(format!("{} bytes", bytes.len())));
    (status, comparable(app, &body))
}

/// What an unknown route answers, for a request shaped like `path`.
async fn unknown_route(app: &TestApp, method: Method, path: &str) -> (u16, Value) {
    answer(app, method, &format!("{path}/no-such-route")).await
}

async fn stored_rows(app: &TestApp) -> (i64, i64) {
    let count = |table: &str| format!("SELECT COUNT(*) FROM {table}");
    let pool = app.server.pool();
    let events = sqlx::query_scalar(&count("events"))
        .fetch_one(pool)
        .await
        .unwrap();
    let keys = sqlx::query_scalar(&count("idempotency_keys"))
        .fetch_one(pool)
        .await
        .unwrap();
    (events, keys)
}

fn extension_routes() -> Vec<custodian_directory::ServedRoute> {
    custodian_directory::served_routes()
        .into_iter()
        .filter(|route| route.surface == Surface::Extension)
        .collect()
}

#[tokio::test]
async fn every_extension_route_answers_as_an_unknown_route() {
    let app = atlassian_shaped().await;
    let before = stored_rows(&app).await;
    let routes = extension_routes();
    assert!(routes.iter().any(|route| route.path == CAPABILITIES));
    for route in routes {
        let path = real_path(&app, route.path).await;
        let (status, body) = answer(&app, method(&route), &path).await;
        assert_eq!(status, 404, "{} {path}: {body}", route.method);
        assert_eq!(
            (status, body),
            unknown_route(&app, method(&route), &path).await,
            "{} {path}",
            route.method
        );
        // Not served at all: neither a 405 for a path Atlassian serves otherwise...
        assert_ne!(status, 405);
    }
    // ...nor a change made, nor an answer kept.
    assert_eq!(stored_rows(&app).await, before);
}

/// The same requests with the extensions on are served: the ids are real.
#[tokio::test]
async fn the_same_requests_are_served_with_the_extensions_on() {
    let app = spawn_app().await;
    // A photo to fetch.
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbImage::new(128, 128)
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    app.client
        .upload_avatar(&app.account(|a| &a.invited), png.into_inner(), "image/png")
        .await
        .unwrap();
    for route in extension_routes() {
        let path = real_path(&app, route.path).await;
        let served = answer(&app, method(&route), &path).await;
        let unknown = unknown_route(&app, method(&route), &path).await;
        assert_ne!(served, unknown, "{} {path}", route.method);
    }
}

#[tokio::test]
async fn atlassians_routes_answer_as_with_the_extensions_on() {
    let (on, off) = (spawn_app().await, atlassian_shaped().await);
    let invited = on.seed().accounts.invited.clone();
    let org = on.seed().org_id.clone();
    assert_eq!(
        (&invited, &org),
        (&off.seed().accounts.invited, &off.seed().org_id)
    );

    let profile = format!("/users/{invited}/manage/profile");
    let (status, read) = off.raw(Method::GET, &profile, None).await;
    assert_eq!(status, 200, "{read}");
    let (_, expected) = on.raw(Method::GET, &profile, None).await;
    assert_eq!(comparable(&off, &read), comparable(&on, &expected));

    let search = format!("/admin/v2/orgs/{org}/directories/-/users/search");
    let body = json!({"limit": 100, "expand": ["platformRoles", "productAccess"]});
    let (status, found) = off.raw(Method::POST, &search, Some(body.clone())).await;
    assert_eq!(status, 200, "{found}");
    let (_, expected) = on.raw(Method::POST, &search, Some(body)).await;
    // The seeds' times are relative to when each was made: the users are compared by
    // their ids and fields.
    let extra = extension_properties("DirectoryUser", &[]);
    let users = |answer: &Value| -> Vec<(String, BTreeSet<String>)> {
        answer["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|user| {
                let fields = user.as_object().unwrap().keys();
                let fields = fields.filter(|key| !extra.contains(*key)).cloned();
                (user["accountId"].to_string(), fields.collect())
            })
            .collect()
    };
    assert_eq!(users(&found).len(), 40);
    assert_eq!(users(&found), users(&expected));

    let disable = format!("/users/{invited}/manage/lifecycle/disable");
    for app in [&on, &off] {
        let (status, answer) = app.raw(Method::POST, &disable, None).await;
        assert_eq!(status, 204, "{answer}");
    }
    let (_, profile) = off.raw(Method::GET, &profile, None).await;
    assert_eq!(profile["account"]["account_status"], "inactive");
}

/// The properties `x-custodian-extension` marks in a schema of the document, or in the
/// object property `below` it.
fn extension_properties(schema: &str, below: &[&str]) -> BTreeSet<String> {
    let mut node = &document()["components"]["schemas"][schema];
    for step in below {
        node = &node["properties"][*step];
    }
    let properties = node["properties"].as_object().expect(schema);
    let marked: BTreeSet<String> = properties
        .iter()
        .filter(|(_, property)| property["x-custodian-extension"] == true)
        .map(|(name, _)| name.clone())
        .collect();
    assert!(!marked.is_empty(), "{schema} marks no extension property");
    marked
}

/// The extension properties of `schema` that `objects` carry.
fn extension_fields_in<'a>(
    objects: impl IntoIterator<Item = &'a Value>,
    schema: &str,
    below: &[&str],
) -> BTreeSet<String> {
    let marked = extension_properties(schema, below);
    objects
        .into_iter()
        .flat_map(|object| object.as_object().unwrap().keys())
        .filter(|key| marked.contains(*key))
        .cloned()
        .collect()
}

/// Each Atlassian answer that can carry extension fields, matched against the document,
/// and the extension fields found in it.
async fn extension_fields_answered(app: &TestApp) -> Vec<(&'static str, BTreeSet<String>)> {
    let org = app.seed().org_id.clone();
    let invited = app.seed().accounts.invited.clone();
    let mut found = Vec::new();

    let template = "/admin/v1/orgs/{orgId}";
    let one = check(
        app,
        Method::GET,
        template,
        &format!("/admin/v1/orgs/{org}"),
        None,
        200,
    )
    .await;
    let orgs = check(
        app,
        Method::GET,
        "/admin/v1/orgs",
        "/admin/v1/orgs",
        None,
        200,
    )
    .await;
    let attributes = [&one["data"]["attributes"], &orgs["data"][0]["attributes"]];
    found.push((
        "orgs",
        extension_fields_in(attributes, "OrgModel", &["attributes"]),
    ));

    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/search";
    let path = format!("/admin/v2/orgs/{org}/directories/-/users/search");
    let everything = json!({"limit": 100, "expand": ["platformRoles", "counts.resources", "productAccess", "groups"]});
    let users = check(app, Method::POST, template, &path, Some(everything), 200).await;
    found.push((
        "users/search",
        extension_fields_in(users["data"].as_array().unwrap(), "DirectoryUser", &[]),
    ));

    let template =
        "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/role-assignments";
    let path = format!("/admin/v2/orgs/{org}/directories/-/users/{invited}/role-assignments");
    let roles = check(app, Method::GET, template, &path, None, 200).await;
    assert!(!roles["data"].as_array().unwrap().is_empty());
    found.push((
        "role-assignments",
        extension_fields_in(roles["data"].as_array().unwrap(), "RoleAssignment", &[]),
    ));

    let template = "/admin/v2/orgs/{orgId}/workspaces";
    let path = format!("/admin/v2/orgs/{org}/workspaces");
    let workspaces = check(app, Method::POST, template, &path, Some(json!({})), 200).await;
    let attributes = workspaces["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|workspace| &workspace["attributes"]);
    found.push((
        "workspaces",
        extension_fields_in(attributes, "WorkspaceModel", &["attributes"]),
    ));

    // Off Atlassian Guard Standard, API tokens are withheld for the plan.
    let template = "/users/{account_id}/manage/api-tokens";
    let path = format!("/users/{invited}/manage/api-tokens");
    let refused = check(app, Method::GET, template, &path, None, 403).await;
    found.push((
        "restriction reason",
        extension_fields_in(
            [&refused["context"]["reason"]],
            "Manageability.RestrictionReason",
            &[],
        ),
    ));
    found
}

#[tokio::test]
async fn atlassians_shapes_carry_no_extension_field() {
    let on = spawn_app_with(|config| config.seed.plan = Plan::Standard).await;
    let off = spawn_app_with(|config| {
        config.seed.plan = Plan::Standard;
        config.extensions = false;
    })
    .await;
    for (answer, fields) in extension_fields_answered(&on).await {
        assert!(!fields.is_empty(), "{answer}: the test would see nothing");
    }
    for (answer, fields) in extension_fields_answered(&off).await {
        assert!(fields.is_empty(), "{answer} carries {fields:?}");
    }
}

#[tokio::test]
async fn the_privileges_are_atlassians_alone() {
    let app = atlassian_shaped().await;
    let invited = app.seed().accounts.invited.clone();
    let template = "/users/{account_id}/manage";
    let privileges = check(
        &app,
        Method::GET,
        template,
        &format!("/users/{invited}/manage"),
        None,
        200,
    )
    .await;
    let schema = &admin_user_json()["paths"][template]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"]["properties"];
    let atlassians: BTreeSet<&String> = schema.as_object().unwrap().keys().collect();
    let answered: BTreeSet<&String> = privileges.as_object().unwrap().keys().collect();
    assert_eq!(answered, atlassians);

    let (status, selected) = app
        .raw(
            Method::GET,
            &format!("/users/{invited}/manage?privileges=avatar.set&privileges=email.set"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let selected: Vec<&String> = selected.as_object().unwrap().keys().collect();
    assert_eq!(selected, ["email.set"]);
}

#[tokio::test]
async fn the_capabilities_route_says_the_extensions_are_on_to_a_valid_key() {
    let app = spawn_app().await;
    let answer = check(&app, Method::GET, CAPABILITIES, CAPABILITIES, None, 200).await;
    assert_eq!(
        answer,
        json!({"extensions": true, "version": env!("CARGO_PKG_VERSION")})
    );

    let url = app.url(CAPABILITIES);
    let anonymous = app.http.get(&url).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let (status, refused) = app
        .raw_with_key("not-a-key-of-this-server", Method::GET, CAPABILITIES, None)
        .await;
    assert_eq!(status, 401, "{refused}");
    assert_eq!(refused, json!({"code": 401, "message": "Unauthorized"}));
    let (status, refused) = app
        .raw_with_key(NOT_ADMIN_KEY, Method::GET, CAPABILITIES, None)
        .await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(refused["errors"][0]["code"], "ADMIN-403-3");
}

#[tokio::test]
async fn the_capabilities_route_is_absent_without_extensions() {
    let app = atlassian_shaped().await;
    let (status, answer) = app.raw(Method::GET, CAPABILITIES, None).await;
    assert_eq!(status, 404, "{answer}");
    assert_eq!(answer["errors"][0]["code"], "ADMIN-404-1");
    assert_eq!(
        (status, comparable(&app, &answer)),
        unknown_route(&app, Method::GET, CAPABILITIES).await
    );
    // Authenticated first, as every route and every unknown one.
    let anonymous = app.http.get(app.url(CAPABILITIES)).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn an_idempotency_key_holds_without_extensions() {
    let app = atlassian_shaped().await;
    let invited = app.seed().accounts.invited.clone();
    let disable = app.url(&format!("/users/{invited}/manage/lifecycle/disable"));
    let (events, keys) = stored_rows(&app).await;
    let send = || {
        app.http
            .post(&disable)
            .bearer_auth(ADMIN_KEY)
            .header("Idempotency-Key", HeaderValue::from_static("disable-once"))
            .send()
    };
    let made = send().await.unwrap();
    assert_eq!(made.status(), 204);
    assert!(made.headers().get("Idempotent-Replayed").is_none());
    let replayed = send().await.unwrap();
    assert_eq!(replayed.status(), 204);
    assert_eq!(replayed.headers()["Idempotent-Replayed"], "true");
    assert_eq!(stored_rows(&app).await, (events + 1, keys + 1));
}

async fn accounts(app: &TestApp) -> Vec<Map<String, Value>> {
    let rows: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT account_id, name, email, account_status, directory_id FROM accounts ORDER BY seq",
    )
    .fetch_all(app.server.pool())
    .await
    .unwrap();
    rows.into_iter()
        .map(|(id, name, email, status, directory)| {
            let row = json!({"id": id, "name": name, "email": email, "status": status, "directory": directory});
            row.as_object().unwrap().clone()
        })
        .collect()
}

#[tokio::test]
async fn the_seed_is_the_same_without_extensions() {
    let (on, off) = (spawn_app().await, atlassian_shaped().await);
    let (a, b) = (on.seed(), off.seed());
    assert_eq!(
        (&a.org_id, &a.directory_ids, &a.domains, &a.products),
        (&b.org_id, &b.directory_ids, &b.domains, &b.products)
    );
    assert_eq!(format!("{:?}", a.accounts), format!("{:?}", b.accounts));
    assert_eq!(accounts(&on).await, accounts(&off).await);
    assert_eq!(stored_rows(&on).await, stored_rows(&off).await);
}
