//! `Idempotency-Key`: a change sent again with the key of an attempt that succeeded is
//! answered as before and not made again; refusals are not remembered; requests without
//! a key, and reads, are as they always were.

use reqwest::Method;
use reqwest::header::HeaderValue;
use serde_json::{Value, json};

use crate::helpers::{ADMIN_KEY, NOT_ADMIN_KEY, TestApp, spawn_app};

const IDEMPOTENCY_KEY: &str = "Idempotency-Key";
const REPLAYED: &str = "Idempotent-Replayed";

/// A raw answer, with what the replay checks look at.
#[derive(Debug, Clone, PartialEq)]
struct Answer {
    status: u16,
    content_type: Option<String>,
    body: String,
    replayed: bool,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// The answer as the client sees it, whether made or replayed.
    fn without_replay_mark(&self) -> Self {
        Self {
            replayed: false,
            ..self.clone()
        }
    }
}

async fn send(
    app: &TestApp,
    api_key: &str,
    method: Method,
    path: &str,
    keys: &[HeaderValue],
    body: Option<Value>,
) -> Answer {
    send_to(&app.http, app.url(path), api_key, method, keys, body).await
}

/// `send` with what a spawned task can own.
async fn send_to(
    http: &reqwest::Client,
    url: String,
    api_key: &str,
    method: Method,
    keys: &[HeaderValue],
    body: Option<Value>,
) -> Answer {
    let mut request = http.request(method, url).bearer_auth(api_key);
    for key in keys {
        request = request.header(IDEMPOTENCY_KEY, key.clone());
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|value| value.to_str().unwrap().to_owned())
    };
    let replayed = match header(REPLAYED).as_deref() {
        None => false,
        Some("true") => true,
        Some(other) => panic!("{REPLAYED}: {other}"),
    };
    let content_type = header("content-type");
    Answer {
        status: response.status().as_u16(),
        content_type,
        replayed,
        body: response.text().await.unwrap(),
    }
}

/// With the admin's API key and one `Idempotency-Key`, or none.
async fn change(
    app: &TestApp,
    method: Method,
    path: &str,
    key: Option<&str>,
    body: Option<Value>,
) -> Answer {
    let keys: Vec<HeaderValue> = key
        .map(|k| HeaderValue::from_str(k).unwrap())
        .into_iter()
        .collect();
    send(app, ADMIN_KEY, method, path, &keys, body).await
}

async fn event_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM events")
        .fetch_one(app.server.pool())
        .await
        .unwrap()
}

async fn stored_keys(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM idempotency_keys")
        .fetch_one(app.server.pool())
        .await
        .unwrap()
}

fn profile(account: &str) -> String {
    format!("/users/{account}/manage/profile")
}

#[tokio::test]
async fn a_change_sent_twice_with_one_key_is_made_once() {
    let app = spawn_app().await;
    let invited = app.seed().accounts.invited.clone();
    let events = event_count(&app).await;
    let rename = || Some(json!({"nickname": "Once"}));

    let first = change(
        &app,
        Method::PATCH,
        &profile(&invited),
        Some("outbox-1"),
        rename(),
    )
    .await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(!first.replayed);
    assert_eq!(first.json()["account"]["nickname"], "Once");
    let again = change(
        &app,
        Method::PATCH,
        &profile(&invited),
        Some("outbox-1"),
        rename(),
    )
    .await;
    assert!(again.replayed);
    assert_eq!(again.without_replay_mark(), first);
    assert_eq!(event_count(&app).await, events + 1);

    // An answer with no body (204) is replayed as it was, too.
    let disable = format!("/users/{invited}/manage/lifecycle/disable");
    let first = change(&app, Method::POST, &disable, Some("outbox-2"), None).await;
    let again = change(&app, Method::POST, &disable, Some("outbox-2"), None).await;
    assert_eq!((first.status, first.body.as_str()), (204, ""));
    assert!(again.replayed && again.without_replay_mark() == first);
    assert_eq!(event_count(&app).await, events + 2);
}

#[tokio::test]
async fn a_repeated_deletion_is_answered_as_the_first_not_refused() {
    let app = spawn_app().await;
    let invited = app.seed().accounts.invited.clone();
    let delete = format!("/users/{invited}/manage/lifecycle/delete");
    let events = event_count(&app).await;

    let first = change(&app, Method::POST, &delete, Some("delete-1"), None).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let again = change(&app, Method::POST, &delete, Some("delete-1"), None).await;
    assert!(again.replayed);
    assert_eq!(again.without_replay_mark(), first);
    assert_eq!(event_count(&app).await, events + 1);

    // Without the key it is a new request, and the account is already scheduled.
    let fresh = change(&app, Method::POST, &delete, None, None).await;
    assert_eq!(fresh.status, 409, "{}", fresh.body);
}

#[tokio::test]
async fn concurrent_requests_with_one_key_make_one_change() {
    let app = spawn_app().await;
    let invited = app.seed().accounts.invited.clone();
    let path = profile(&invited);
    let events = event_count(&app).await;

    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (http, url) = (app.http.clone(), app.url(&path));
        attempts.spawn(async move {
            let key = [HeaderValue::from_static("concurrent")];
            let body = Some(json!({"nickname": "Raced"}));
            send_to(&http, url, ADMIN_KEY, Method::PATCH, &key, body).await
        });
    }
    let answers = attempts.join_all().await;
    assert_eq!(answers.iter().filter(|a| !a.replayed).count(), 1);
    let made = answers.iter().find(|a| !a.replayed).unwrap().clone();
    assert_eq!(made.status, 200, "{}", made.body);
    for answer in &answers {
        assert_eq!(answer.without_replay_mark(), made);
    }
    assert_eq!(event_count(&app).await, events + 1);
}

#[tokio::test]
async fn the_same_key_on_another_path_or_method_is_another_change() {
    let app = spawn_app().await;
    let seed = app.seed().accounts.clone();
    let events = event_count(&app).await;
    let nickname = || Some(json!({"nickname": "Shared key"}));

    for account in [&seed.invited, &seed.scim] {
        let answer = change(
            &app,
            Method::PATCH,
            &profile(account),
            Some("shared"),
            nickname(),
        )
        .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert!(!answer.replayed);
    }
    let exclusion = format!(
        "/users/{}/manage/two-step-verification/exclusion",
        seed.invited
    );
    for method in [Method::PUT, Method::DELETE] {
        let answer = change(&app, method.clone(), &exclusion, Some("shared"), None).await;
        assert!(
            (200..300).contains(&answer.status),
            "{method}: {}",
            answer.body
        );
        assert!(!answer.replayed, "{method}");
    }
    assert_eq!(event_count(&app).await, events + 4);
    assert_eq!(stored_keys(&app).await, 4);
}

#[tokio::test]
async fn a_refused_change_is_tried_again_with_its_key() {
    let app = spawn_app().await;
    let invited = app.seed().accounts.invited.clone();
    let cancel = format!("/users/{invited}/manage/lifecycle/cancel-delete");
    let events = event_count(&app).await;

    let refused = change(&app, Method::POST, &cancel, Some("cancel-1"), None).await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert_eq!(stored_keys(&app).await, 0);

    let delete = format!("/users/{invited}/manage/lifecycle/delete");
    assert_eq!(
        change(&app, Method::POST, &delete, None, None).await.status,
        200
    );
    let retried = change(&app, Method::POST, &cancel, Some("cancel-1"), None).await;
    assert_eq!(retried.status, 200, "{}", retried.body);
    assert!(!retried.replayed);
    assert_eq!(event_count(&app).await, events + 2);

    let (_, account) = app.raw(Method::GET, &profile(&invited), None).await;
    assert_eq!(account["account"]["account_status"], "active", "{account}");
}

#[tokio::test]
async fn without_a_key_and_on_reads_nothing_is_kept() {
    let app = spawn_app().await;
    let invited = app.seed().accounts.invited.clone();
    let events = event_count(&app).await;

    for _ in 0..2 {
        let answer = change(
            &app,
            Method::PATCH,
            &profile(&invited),
            None,
            Some(json!({"nickname": "Twice"})),
        )
        .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert!(!answer.replayed);
    }
    assert_eq!(event_count(&app).await, events + 2);

    // Reads ignore the header, even one that would be refused on a change.
    let bad = [HeaderValue::from_static("")];
    for keys in [&bad[..], &[HeaderValue::from_static("read-1")]] {
        let read = send(&app, ADMIN_KEY, Method::GET, &profile(&invited), keys, None).await;
        assert_eq!(read.status, 200, "{}", read.body);
        assert!(!read.replayed);
    }
    assert_eq!(stored_keys(&app).await, 0);
}

#[tokio::test]
async fn a_malformed_key_is_refused_and_nothing_is_changed() {
    let app = spawn_app().await;
    let invited = app.seed().accounts.invited.clone();
    let org = app.seed().org_id.clone();
    let verify = format!(
        "/admin/v1/orgs/{org}/domains/{}/verify",
        app.domain_id("fabrikam.example")
    );
    let events = event_count(&app).await;
    let (_, before) = app.raw(Method::GET, &profile(&invited), None).await;

    let value = |bytes: &[u8]| HeaderValue::from_bytes(bytes).unwrap();
    let cases: Vec<(Vec<HeaderValue>, &str)> = vec![
        (vec![value(b"")], "minLength"),
        (vec![value(b"tab\there")], "validCharacters"),
        (vec![value(b"space here")], "validCharacters"),
        (vec![value("clé".as_bytes())], "validCharacters"),
        (vec![value("k".repeat(256).as_bytes())], "maxLength"),
        (vec![value(b"one"), value(b"two")], "notUnique"),
    ];
    for (keys, violation) in &cases {
        let answer = send(
            &app,
            ADMIN_KEY,
            Method::PATCH,
            &profile(&invited),
            keys,
            Some(json!({"nickname": "Never"})),
        )
        .await;
        assert_eq!(answer.status, 400, "{keys:?}: {}", answer.body);
        assert_eq!(
            answer.json(),
            json!({"key": "fieldConstraintsViolated", "context": {"fieldViolations": [
                {"field": "Idempotency-Key", "violations": [{"key": violation}]}
            ]}}),
            "{keys:?}"
        );

        let answer = send(&app, ADMIN_KEY, Method::POST, &verify, keys, None).await;
        assert_eq!(answer.status, 400, "{keys:?}: {}", answer.body);
        assert_eq!(answer.json()["errors"][0]["code"], "ADMIN-UAM-400-1");
    }
    let (_, after) = app.raw(Method::GET, &profile(&invited), None).await;
    assert_eq!(after, before);
    assert_eq!(event_count(&app).await, events);
    assert_eq!(stored_keys(&app).await, 0);

    // The longest key allowed.
    let longest = "k".repeat(255);
    let answer = change(&app, Method::POST, &verify, Some(&longest), None).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
}

#[tokio::test]
async fn a_stored_answer_is_never_given_to_a_request_refused_at_the_gate() {
    let app = spawn_app().await;
    let invited = app.seed().accounts.invited.clone();
    let path = format!("/users/{invited}/manage/password/reset");
    let made = change(&app, Method::POST, &path, Some("reset-1"), None).await;
    assert_eq!(made.status, 200, "{}", made.body);

    let key = [HeaderValue::from_static("reset-1")];
    let wrong = send(&app, "not-a-key-we-know", Method::POST, &path, &key, None).await;
    assert_eq!((wrong.status, wrong.replayed), (401, false));
    assert_eq!(wrong.json(), json!({"key": "unauthorized"}));
    let not_admin = send(&app, NOT_ADMIN_KEY, Method::POST, &path, &key, None).await;
    assert_eq!((not_admin.status, not_admin.replayed), (403, false));

    let again = send(&app, ADMIN_KEY, Method::POST, &path, &key, None).await;
    assert!(again.replayed);
}

#[tokio::test]
async fn keys_are_forgotten_after_a_day() {
    let app = spawn_app().await;
    let invited = app.seed().accounts.invited.clone();
    let path = profile(&invited);
    let events = event_count(&app).await;
    let rename = || Some(json!({"nickname": "Yesterday"}));

    assert!(
        !change(&app, Method::PATCH, &path, Some("old"), rename())
            .await
            .replayed
    );
    let day_and_an_hour_ms: i64 = 25 * 60 * 60 * 1000;
    sqlx::query("UPDATE idempotency_keys SET created_at = created_at - ?")
        .bind(day_and_an_hour_ms)
        .execute(app.server.pool())
        .await
        .unwrap();
    let again = change(&app, Method::PATCH, &path, Some("old"), rename()).await;
    assert_eq!((again.status, again.replayed), (200, false));
    assert_eq!(event_count(&app).await, events + 2);

    // Storing an answer prunes the expired ones.
    sqlx::query("UPDATE idempotency_keys SET created_at = created_at - ?")
        .bind(day_and_an_hour_ms)
        .execute(app.server.pool())
        .await
        .unwrap();
    let other = format!("/users/{invited}/manage/password/reset");
    assert_eq!(
        change(&app, Method::POST, &other, Some("new"), None)
            .await
            .status,
        200
    );
    let kept: Vec<String> = sqlx::query_scalar("SELECT key FROM idempotency_keys")
        .fetch_all(app.server.pool())
        .await
        .unwrap();
    assert_eq!(kept, ["new"]);
}
