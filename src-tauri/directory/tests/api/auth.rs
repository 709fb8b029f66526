//! Who may call: an org admin's key; anything else is 401 or 403, in the route family's
//! error shape. Rate limits per key.

use std::time::Duration;

use custodian_core::ErrorCode;
use custodian_core::directory::{DirectoryError, RetryPolicy};
use custodian_directory::RateLimit;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{NOT_ADMIN_KEY, client_for, spawn_app, spawn_app_with};

#[tokio::test]
async fn a_missing_or_unknown_key_is_401_in_each_family() {
    let app = spawn_app().await;
    let admin = app.account(|a| &a.admin);
    let profile = format!("/users/{admin}/manage/profile");

    let response = app.http.get(app.url(&profile)).send().await.unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.json::<serde_json::Value>().await.unwrap(),
        json!({"key": "unauthorized"})
    );

    let (status, body) = app
        .raw_with_key("wrong-key", Method::GET, "/admin/v1/orgs", None)
        .await;
    assert_eq!(
        (status, body),
        (401, json!({"code": 401, "message": "Unauthorized"}))
    );

    let client = client_for(app.server.url(), "wrong-key", RetryPolicy::none());
    let error = client.profile(&admin).await.unwrap_err();
    assert!(matches!(error, DirectoryError::Unauthorized));
    assert_eq!(error.code(), ErrorCode::NotPermitted);
}

#[tokio::test]
async fn a_key_whose_owner_is_not_an_org_admin_is_403() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    let (status, body) = app
        .raw_with_key(
            NOT_ADMIN_KEY,
            Method::GET,
            &format!("/users/{invited}/manage"),
            None,
        )
        .await;
    assert_eq!((status, body), (403, json!({"key": "forbidden"})));

    let path = format!("/admin/v1/orgs/{}", app.seed().org_id);
    let (status, body) = app
        .raw_with_key(NOT_ADMIN_KEY, Method::GET, &path, None)
        .await;
    assert_eq!(status, 403);
    assert_eq!(body["errors"][0]["code"], "ADMIN-403-3");

    let client = client_for(app.server.url(), NOT_ADMIN_KEY, RetryPolicy::none());
    let error = client.org(&app.org()).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotPermitted);
    assert_eq!(error.key(), Some("ADMIN-403-3"));
}

#[tokio::test]
async fn the_key_is_compared_whole() {
    let app = spawn_app().await;
    let prefix = &crate::helpers::ADMIN_KEY[..10];
    let (status, _) = app
        .raw_with_key(prefix, Method::GET, "/admin/v1/orgs", None)
        .await;
    assert_eq!(status, 401);
    let longer = format!("{}x", crate::helpers::ADMIN_KEY);
    let (status, _) = app
        .raw_with_key(&longer, Method::GET, "/admin/v1/orgs", None)
        .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn past_the_limit_a_key_gets_429_with_retry_after_and_rate_headers() {
    let app = spawn_app_with(|config| {
        config.rate_limit = RateLimit {
            requests: 2,
            window: Duration::from_secs(3600),
        };
    })
    .await;
    for remaining in ["1", "0"] {
        let response = app
            .http
            .get(app.url("/admin/v1/orgs"))
            .bearer_auth(crate::helpers::ADMIN_KEY)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["x-ratelimit-limit"], "2");
        assert_eq!(response.headers()["x-ratelimit-remaining"], remaining);
        assert!(response.headers().contains_key("x-ratelimit-reset"));
    }
    let response = app
        .http
        .get(app.url("/admin/v1/orgs"))
        .bearer_auth(crate::helpers::ADMIN_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after > 3000 && retry_after <= 3600, "{retry_after}");
    let reset = response.headers()["x-ratelimit-reset"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        chrono::DateTime::parse_from_rfc3339(&reset).is_ok(),
        "{reset}"
    );

    // Another key has its own budget.
    let (status, _) = app
        .raw_with_key(NOT_ADMIN_KEY, Method::GET, "/admin/v1/orgs", None)
        .await;
    assert_eq!(status, 403);

    // An hour is longer than the client may wait: it gives up at once, saying how long.
    let error = app.client.org(&app.org()).await.unwrap_err();
    let DirectoryError::RateLimited {
        retry_after: Some(wait),
    } = error
    else {
        panic!("{error:?}")
    };
    assert!(wait > Duration::from_secs(3000));
    assert_eq!(error.code(), ErrorCode::RateLimited);
}
