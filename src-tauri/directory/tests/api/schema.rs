//! The user-management responses, held to Atlassian's own OpenAPI document
//! (`tests/data/admin_user.json`, a verbatim copy). Each documented status the server can
//! give is provoked, and its body validated against the schema the document gives for it.

use std::sync::OnceLock;

use custodian_directory::Plan;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

pub fn admin_user_json() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| load(include_str!("../data/admin_user.json")))
}

/// An OpenAPI document, its schemas made JSON Schema.
pub fn load(text: &str) -> Value {
    let mut document: Value = serde_json::from_str(text).expect("the document is JSON");
    adapt_openapi_to_json_schema(&mut document);
    document
}

/// OpenAPI 3.0 schemas are not quite JSON Schema. Two differences matter here, and are
/// bridged without loosening any constraint:
/// - `discriminator` picks the `oneOf` branch by a property; plain JSON Schema would try
///   every branch, and `Response.BadRequest.BodyParseFailure` (any `key`) matches every
///   `fieldConstraintsViolated` body too. Each `oneOf` with a mapping becomes "the property
///   is one of the mapped values, and the body matches the branch its value names".
/// - `AccountId.pattern` ends in a stray newline (`"[a-zA-Z0-9_|:-]{1,128}\n"`), which would
///   demand a newline in every id; it is trimmed.
/// - `nullable: true` (our document uses it) becomes a `null` type.
fn adapt_openapi_to_json_schema(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if object.remove("nullable") == Some(Value::Bool(true)) {
                if let Some(Value::String(kind)) = object.get("type").cloned() {
                    object.insert("type".into(), json!([kind, "null"]));
                }
                if let Some(Value::Array(values)) = object.get_mut("enum") {
                    values.push(Value::Null);
                }
            }
            if let Some(Value::String(pattern)) = object.get_mut("pattern") {
                *pattern = pattern.trim_end().to_owned();
            }
            let discriminator = object.get("discriminator").cloned();
            if let Some(discriminator) = discriminator.filter(|_| object.contains_key("oneOf"))
                && let (Some(property), Some(Value::Object(mapping))) = (
                    discriminator.get("propertyName").and_then(Value::as_str),
                    discriminator.get("mapping"),
                )
            {
                object.remove("oneOf");
                object.remove("discriminator");
                let mut branches = Vec::new();
                let mut values = Vec::new();
                for (key, target) in mapping {
                    // `allowed` is mapped by "true"/"false": the JSON values, not strings.
                    let value = serde_json::from_str::<Value>(key)
                        .ok()
                        .filter(Value::is_boolean)
                        .unwrap_or_else(|| json!(key));
                    values.push(value.clone());
                    branches.push(json!({
                        "if": {"properties": {property: {"const": value}}, "required": [property]},
                        "then": {"$ref": target},
                    }));
                }
                branches.push(
                    json!({"properties": {property: {"enum": values}}, "required": [property]}),
                );
                object.insert("allOf".into(), Value::Array(branches));
            }
            for child in object.values_mut() {
                adapt_openapi_to_json_schema(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(adapt_openapi_to_json_schema),
        _ => {}
    }
}

/// The schema of one documented response, with the document's components beside it so
/// that its `$ref`s resolve. `None` when the document gives the response no body.
fn response_schema(path: &str, method: &str, status: u16) -> Option<Value> {
    response_schema_in(admin_user_json(), path, method, status)
}

pub fn response_schema_in(
    document: &Value,
    path: &str,
    method: &str,
    status: u16,
) -> Option<Value> {
    let operation = &document["paths"][path][method];
    assert!(operation.is_object(), "the document has no {method} {path}");
    let mut response = operation["responses"][status.to_string()].clone();
    assert!(
        response.is_object(),
        "the document gives no {status} for {method} {path}"
    );
    if let Some(reference) = response.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/components/responses/");
        response = document["components"]["responses"][name].clone();
    }
    let schema = response
        .pointer("/content/application~1json/schema")?
        .clone();
    let Value::Object(mut root) = schema else {
        panic!("not a schema: {schema}")
    };
    root.insert("components".into(), document["components"].clone());
    Some(Value::Object(root))
}

pub fn problems(schema: &Value, body: &Value) -> Vec<String> {
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(schema)
        .expect("the schema compiles");
    validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

/// Sends the request and checks the status and the body against the document.
async fn check(
    app: &TestApp,
    method: Method,
    template: &str,
    account: &str,
    body: Option<Value>,
    status: u16,
) -> Value {
    let path = template.replace("{account_id}", account);
    let (got, answer) = app.raw(method.clone(), &path, body).await;
    assert_eq!(got, status, "{method} {path}: {answer}");
    let method_name = method.as_str().to_lowercase();
    let spec_path = template.split('?').next().unwrap_or(template);
    match response_schema(spec_path, &method_name, status) {
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

const MANAGE: &str = "/users/{account_id}/manage";
const PROFILE: &str = "/users/{account_id}/manage/profile";
const EMAIL: &str = "/users/{account_id}/manage/email";
const TOKENS: &str = "/users/{account_id}/manage/api-tokens";
const DISABLE: &str = "/users/{account_id}/manage/lifecycle/disable";
const ENABLE: &str = "/users/{account_id}/manage/lifecycle/enable";
const DELETE: &str = "/users/{account_id}/manage/lifecycle/delete";
const CANCEL: &str = "/users/{account_id}/manage/lifecycle/cancel-delete";

#[tokio::test]
async fn the_validation_itself_can_fail() {
    let schema = response_schema(PROFILE, "get", 200).unwrap();
    assert!(!problems(&schema, &json!({"account": {"account_id": "a"}})).is_empty());
    let forbidden = response_schema(MANAGE, "get", 403).unwrap();
    assert!(problems(&forbidden, &json!({"key": "forbidden"})).is_empty());
    assert!(!problems(&forbidden, &json!({"key": "forbidden.whatever"})).is_empty());
    let bad_request = response_schema(PROFILE, "patch", 400).unwrap();
    assert!(
        !problems(&bad_request, &json!({"key": "fieldConstraintsViolated"})).is_empty(),
        "context is required"
    );
    let privileges = response_schema(MANAGE, "get", 200).unwrap();
    assert!(
        !problems(&privileges, &json!({"email.set": {"allowed": false}})).is_empty(),
        "a reason is required"
    );
}

#[tokio::test]
async fn every_operation_of_admin_user_json_is_served() {
    let served = custodian_directory::served_routes();
    let Value::Object(paths) = &admin_user_json()["paths"] else {
        panic!()
    };
    for (path, operations) in paths {
        let Value::Object(operations) = operations else {
            continue;
        };
        for method in operations.keys().filter(|m| *m != "parameters") {
            assert!(
                served.iter().any(|route| route.method == *method
                    && route.path == path
                    && route.surface == custodian_directory::Surface::Atlassian),
                "{method} {path} is not served as Atlassian's"
            );
        }
    }
}

#[tokio::test]
async fn user_management_responses_match_admin_user_json() {
    let app = spawn_app().await;
    let seed = &app.seed().accounts;
    let (invited, scim, admin, blocked) =
        (&seed.invited, &seed.scim, &seed.admin, &seed.export_blocked);
    let missing = "712020:missing";

    // GET /manage
    for account in [invited, scim, admin, blocked, &seed.google] {
        check(&app, Method::GET, MANAGE, account, None, 200).await;
    }
    check(
        &app,
        Method::GET,
        &format!("{MANAGE}?privileges=profile.write"),
        invited,
        None,
        200,
    )
    .await;
    check(&app, Method::GET, MANAGE, &seed.unclaimed, None, 403).await;
    check(&app, Method::GET, MANAGE, missing, None, 404).await;
    let (status, body) = app
        .raw_with_key(
            "nope",
            Method::GET,
            &MANAGE.replace("{account_id}", invited),
            None,
        )
        .await;
    assert_eq!(status, 401);
    assert!(problems(&response_schema(MANAGE, "get", 401).unwrap(), &body).is_empty());

    // Profile
    check(&app, Method::GET, PROFILE, invited, None, 200).await;
    check(
        &app,
        Method::GET,
        PROFILE,
        &seed.unverified_domain,
        None,
        403,
    )
    .await;
    check(&app, Method::GET, PROFILE, missing, None, 404).await;
    let change = json!({"nickname": "Ana", "extended_profile": {"department": "Legal"}});
    check(&app, Method::PATCH, PROFILE, invited, Some(change), 200).await;
    check(
        &app,
        Method::PATCH,
        PROFILE,
        invited,
        Some(json!({"name": "x".repeat(101)})),
        400,
    )
    .await;
    check(
        &app,
        Method::PATCH,
        PROFILE,
        invited,
        Some(json!(["not", "an", "object"])),
        400,
    )
    .await;
    check(
        &app,
        Method::PATCH,
        PROFILE,
        scim,
        Some(json!({"name": "Not Allowed"})),
        403,
    )
    .await;
    check(
        &app,
        Method::PATCH,
        PROFILE,
        &seed.unclaimed,
        Some(json!({"nickname": "x"})),
        403,
    )
    .await;
    check(
        &app,
        Method::PATCH,
        PROFILE,
        missing,
        Some(json!({"nickname": "x"})),
        404,
    )
    .await;

    // Email
    check(
        &app,
        Method::PUT,
        EMAIL,
        invited,
        Some(json!({"email": "ana.x@northwind.example"})),
        204,
    )
    .await;
    check(
        &app,
        Method::PUT,
        EMAIL,
        invited,
        Some(json!({"email": "ana@fabrikam.example"})),
        403,
    )
    .await;
    check(
        &app,
        Method::PUT,
        EMAIL,
        scim,
        Some(json!({"email": "s@northwind.example"})),
        403,
    )
    .await;
    check(
        &app,
        Method::PUT,
        EMAIL,
        invited,
        Some(json!({"mail": "x"})),
        400,
    )
    .await;
    check(
        &app,
        Method::PUT,
        EMAIL,
        invited,
        Some(json!({"email": "nope"})),
        400,
    )
    .await;
    check(
        &app,
        Method::PUT,
        EMAIL,
        missing,
        Some(json!({"email": "a@northwind.example"})),
        404,
    )
    .await;

    // API tokens
    let tokens = check(&app, Method::GET, TOKENS, invited, None, 200).await;
    let token = tokens[0]["id"].as_str().unwrap().to_owned();
    let revoke = format!("{TOKENS}/{token}");
    let (status, body) = app
        .raw(
            Method::DELETE,
            &revoke.replace("{account_id}", invited),
            None,
        )
        .await;
    assert_eq!((status, body), (204, Value::Null));
    let (status, body) = app
        .raw(
            Method::DELETE,
            &revoke.replace("{account_id}", invited),
            None,
        )
        .await;
    assert_eq!(status, 404);
    let token_schema = response_schema(
        "/users/{account_id}/manage/api-tokens/{tokenId}",
        "delete",
        404,
    )
    .unwrap();
    assert!(problems(&token_schema, &body).is_empty(), "{body}");
    check(&app, Method::GET, TOKENS, missing, None, 404).await;

    // Lifecycle
    check(
        &app,
        Method::POST,
        DISABLE,
        invited,
        Some(json!({"message": "On leave"})),
        204,
    )
    .await;
    check(&app, Method::POST, DISABLE, admin, Some(json!({})), 403).await;
    check(&app, Method::POST, DISABLE, missing, Some(json!({})), 404).await;
    check(&app, Method::POST, ENABLE, invited, None, 204).await;
    check(&app, Method::POST, ENABLE, blocked, None, 403).await;
    check(&app, Method::POST, ENABLE, missing, None, 404).await;
    check(&app, Method::POST, DELETE, invited, None, 200).await;
    check(&app, Method::POST, DELETE, invited, None, 409).await;
    check(&app, Method::POST, DELETE, admin, None, 403).await;
    check(&app, Method::POST, DELETE, missing, None, 404).await;
    check(&app, Method::POST, CANCEL, invited, None, 200).await;
    check(&app, Method::POST, CANCEL, admin, None, 403).await;
    check(&app, Method::POST, CANCEL, missing, None, 404).await;
}

#[tokio::test]
async fn the_plan_refusal_of_api_tokens_matches_admin_user_json() {
    let app = spawn_app_with(|config| config.seed.plan = Plan::Free).await;
    let invited = app.seed().accounts.invited.clone();
    check(&app, Method::GET, TOKENS, &invited, None, 403).await;
    check(&app, Method::GET, MANAGE, &invited, None, 200).await;
}
