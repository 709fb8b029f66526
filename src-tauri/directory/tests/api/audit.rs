//! Every change and its audit event are one transaction: the desktop app's incremental
//! sync reads the events, so a change the trail does not show must not be made at all.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{ADMIN_KEY, TestApp, spawn_app};

/// Everything a change can touch, as text, to compare before and after.
async fn snapshot(app: &TestApp) -> Vec<String> {
    let queries = [
        "SELECT json_array(account_id, name, nickname, email, email_domain, job_title, \
         account_status, claim_status, is_org_admin, deactivated_on, deletion_due, \
         two_step_excluded, password_reset_requested, avatar_version) FROM accounts ORDER BY seq",
        "SELECT json_array(device_id, session_ends_at) FROM devices ORDER BY device_id",
        "SELECT json_array(token_id, account_id) FROM api_tokens ORDER BY token_id",
        "SELECT json_array(account_id, resource_id, role) FROM product_roles \
         ORDER BY account_id, resource_id, role",
        "SELECT json_array(domain_id, status) FROM domains ORDER BY domain_id",
        "SELECT json_array(account_id, length(bytes)) FROM avatars ORDER BY account_id",
    ];
    let mut rows = Vec::new();
    for query in queries {
        let found: Vec<String> = sqlx::query_scalar(query)
            .fetch_all(app.server.pool())
            .await
            .unwrap();
        rows.extend(found);
    }
    rows
}

/// The rows of `after` that `before` does not hold, so that a failure names what changed.
fn changed<'a>(before: &[String], after: &'a [String]) -> Vec<&'a String> {
    after.iter().filter(|row| !before.contains(row)).collect()
}

async fn event_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM events")
        .fetch_one(app.server.pool())
        .await
        .unwrap()
}

async fn first_of(app: &TestApp, column: &str, table: &str, account: &str) -> String {
    sqlx::query_scalar(&format!(
        "SELECT {column} FROM {table} WHERE account_id = ? ORDER BY 1 LIMIT 1"
    ))
    .bind(account)
    .fetch_one(app.server.pool())
    .await
    .unwrap()
}

fn png() -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(96, 96, |x, y| image::Rgb([x as u8, y as u8, 7]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    pixels
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    bytes.into_inner()
}

/// One change of every kind the API makes: (method, path, body), all of them allowed.
async fn every_change(app: &TestApp) -> Vec<(Method, String, Option<Value>)> {
    let seed = app.seed().accounts.clone();
    let org = app.seed().org_id.clone();
    let manage = |account: &str, rest: &str| format!("/users/{account}/manage{rest}");
    let device = first_of(app, "device_id", "devices", &seed.invited).await;
    let token = first_of(app, "token_id", "api_tokens", &seed.invited).await;
    let resource = app.seed().products[0].clone();
    // In an order that lets every one succeed: access is granted to active accounts only.
    vec![
        (
            Method::POST,
            format!("/admin/v1/orgs/{org}/users/{}/roles/assign", seed.invited),
            Some(json!({"role": "atlassian/admin", "resource": resource})),
        ),
        (
            Method::PATCH,
            manage(&seed.invited, "/profile"),
            Some(json!({"name": "Renamed", "extended_profile": {"job_title": "Chief"}})),
        ),
        (
            Method::PUT,
            manage(&seed.invited, "/email"),
            Some(json!({"email": "renamed@northwind.example"})),
        ),
        (
            Method::POST,
            manage(&seed.invited, "/lifecycle/disable"),
            Some(json!({})),
        ),
        (
            Method::POST,
            manage(&seed.deactivated, "/lifecycle/enable"),
            None,
        ),
        (
            Method::POST,
            manage(&seed.invited, "/lifecycle/delete"),
            None,
        ),
        (
            Method::POST,
            manage(&seed.pending_deletion, "/lifecycle/cancel-delete"),
            None,
        ),
        (
            Method::PUT,
            manage(&seed.invited, "/two-step-verification/exclusion"),
            None,
        ),
        (Method::POST, manage(&seed.invited, "/password/reset"), None),
        (
            Method::POST,
            manage(&seed.invited, &format!("/devices/{device}/logout")),
            None,
        ),
        (
            Method::DELETE,
            manage(&seed.invited, &format!("/api-tokens/{token}")),
            None,
        ),
        (
            Method::POST,
            format!(
                "/admin/v1/orgs/{org}/domains/{}/verify",
                app.domain_id("fabrikam.example")
            ),
            None,
        ),
        (
            Method::POST,
            format!(
                "/admin/v1/orgs/{org}/domains/{}/claim",
                app.domain_id("nw-services.example")
            ),
            None,
        ),
    ]
}

async fn upload_avatar(app: &TestApp) -> u16 {
    let invited = &app.seed().accounts.invited;
    app.http
        .put(app.url(&format!("/users/{invited}/manage/avatar")))
        .bearer_auth(ADMIN_KEY)
        .header("content-type", "image/png")
        .body(png())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_change_whose_audit_event_fails_is_not_made() {
    let app = spawn_app().await;
    sqlx::query(
        "CREATE TRIGGER audit_trail_down BEFORE INSERT ON events
         BEGIN SELECT RAISE(ABORT, 'the audit trail is down'); END",
    )
    .execute(app.server.pool())
    .await
    .unwrap();
    let before = snapshot(&app).await;
    let events = event_count(&app).await;

    for (method, path, body) in every_change(&app).await {
        let (status, answer) = app.raw(method.clone(), &path, body).await;
        assert_eq!(status, 500, "{method} {path}: {answer}");
        let after = snapshot(&app).await;
        assert!(
            changed(&before, &after).is_empty() && after.len() == before.len(),
            "{method} {path} changed {:?}",
            changed(&before, &after)
        );
    }
    assert_eq!(upload_avatar(&app).await, 500);
    let after = snapshot(&app).await;
    assert!(
        after == before,
        "the avatar was stored: {:?}",
        changed(&before, &after)
    );
    assert_eq!(event_count(&app).await, events);

    // With the trail back, the same requests go through, each with its one event.
    sqlx::query("DROP TRIGGER audit_trail_down")
        .execute(app.server.pool())
        .await
        .unwrap();
    let changes = every_change(&app).await;
    let made = changes.len() as i64 + 1;
    for (method, path, body) in changes {
        let (status, answer) = app.raw(method.clone(), &path, body).await;
        assert!((200..300).contains(&status), "{method} {path}: {answer}");
    }
    assert_eq!(upload_avatar(&app).await, 200);
    assert_ne!(snapshot(&app).await, before);
    assert_eq!(event_count(&app).await, events + made);
}

#[tokio::test]
async fn a_refused_change_writes_nothing() {
    let app = spawn_app().await;
    let before = snapshot(&app).await;
    let events = event_count(&app).await;
    let seed = app.seed().accounts.clone();
    let refusals = [
        // The name is the identity provider's; the nickname alone would be allowed.
        (
            Method::PATCH,
            format!("/users/{}/manage/profile", seed.scim),
            json!({"nickname": "ok", "name": "Not yours"}),
            403,
        ),
        (
            Method::PATCH,
            format!("/users/{}/manage/profile", seed.invited),
            json!({"nickname": "ok", "name": "x".repeat(101)}),
            400,
        ),
        (
            Method::PUT,
            format!("/users/{}/manage/email", seed.invited),
            json!({"email": "someone@fabrikam.example"}),
            403,
        ),
    ];
    for (method, path, body, expected) in refusals {
        let (status, answer) = app.raw(method.clone(), &path, Some(body)).await;
        assert_eq!(status, expected, "{method} {path}: {answer}");
    }
    assert_eq!(snapshot(&app).await, before);
    assert_eq!(event_count(&app).await, events);
}
