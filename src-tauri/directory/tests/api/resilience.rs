//! The client against a backend that misbehaves: fault injection (503s, dropped
//! connections, 429 bursts, latency) and a fake backend that repeats its cursor. Faults are
//! drawn from a seeded RNG and requests are sequential, so every run meets the same faults.

use std::time::{Duration, Instant};

use axum::Json;
use axum::routing::{get, post};
use custodian_core::ErrorCode;
use custodian_core::directory::model::{EventQuery, UserSearch};
use custodian_core::directory::{DirectoryError, DirectoryId, OrgId, RetryPolicy};
use custodian_directory::{Burst, Faults};
use serde_json::json;

use crate::helpers::{ADMIN_KEY, client_for, quick_retries, spawn_app_with};

#[tokio::test]
async fn paging_survives_server_errors_and_dropped_connections() {
    let app = spawn_app_with(|config| {
        config.seed.accounts = 150;
        config.faults = Faults {
            error_rate: 0.25,
            drop_rate: 0.25,
            seed: 11,
            ..Faults::default()
        };
    })
    .await;
    let client = client_for(app.server.url(), ADMIN_KEY, quick_retries());
    let search = UserSearch {
        limit: Some(10),
        ..Default::default()
    };
    let users = client
        .search_users(&app.org(), &DirectoryId::all(), &search)
        .unwrap()
        .collect_all()
        .await
        .unwrap();
    assert_eq!(users.len(), 150);
    // Writes get through too.
    client
        .deactivate(&app.account(|a| &a.invited), None)
        .await
        .unwrap();
    assert_eq!(
        client
            .profile(&app.account(|a| &a.invited))
            .await
            .unwrap()
            .account_status,
        "inactive"
    );
}

#[tokio::test]
async fn a_backend_that_always_fails_is_offline_after_the_retries() {
    let app = spawn_app_with(|config| {
        config.faults = Faults {
            error_rate: 1.0,
            ..Faults::default()
        }
    })
    .await;
    let client = client_for(app.server.url(), ADMIN_KEY, quick_retries());
    let error = client.org(&app.org()).await.unwrap_err();
    assert!(
        matches!(error, DirectoryError::Unavailable { status: 503 }),
        "{error:?}"
    );
    assert_eq!(error.code(), ErrorCode::Offline);

    let app = spawn_app_with(|config| {
        config.faults = Faults {
            drop_rate: 1.0,
            ..Faults::default()
        }
    })
    .await;
    let client = client_for(app.server.url(), ADMIN_KEY, quick_retries());
    let error = client.org(&app.org()).await.unwrap_err();
    assert!(matches!(error, DirectoryError::Offline(_)), "{error:?}");
    assert_eq!(error.code(), ErrorCode::Offline);
    assert!(!error.to_wire().message.contains(ADMIN_KEY));
}

#[tokio::test]
async fn a_delete_is_not_sent_twice_after_a_dropped_connection() {
    let app = spawn_app_with(|config| {
        config.faults = Faults {
            drop_rate: 1.0,
            ..Faults::default()
        }
    })
    .await;
    let client = client_for(app.server.url(), ADMIN_KEY, quick_retries());
    let started = Instant::now();
    let error = client
        .delete(&app.account(|a| &a.invited))
        .await
        .unwrap_err();
    assert!(matches!(error, DirectoryError::Offline(_)));
    // No backoff happened: it gave up after the one attempt.
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn nothing_reachable_is_offline() {
    // A port nothing listens on: bind one, note it, let it go.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = client_for(
        &url,
        ADMIN_KEY,
        RetryPolicy {
            max_retries: 1,
            ..quick_retries()
        },
    );
    let error = client.org(&OrgId::parse("o").unwrap()).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Offline);
}

#[tokio::test]
async fn the_client_waits_out_429_bursts_as_retry_after_says() {
    let app = spawn_app_with(|config| {
        config.faults = Faults {
            rate_limit_burst: Some(Burst {
                every: 2,
                length: 1,
                retry_after: Duration::from_secs(1),
            }),
            ..Faults::default()
        };
    })
    .await;
    let client = client_for(app.server.url(), ADMIN_KEY, quick_retries());
    let started = Instant::now();
    // Requests 1 and 2 pass, 3 is refused and retried after a second as 4.
    for _ in 0..3 {
        client.org(&app.org()).await.unwrap();
    }
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "the client did not wait"
    );

    // A wait longer than the client may wait comes back as RateLimited at once.
    let impatient = client_for(
        app.server.url(),
        ADMIN_KEY,
        RetryPolicy {
            max_rate_limit_wait: Duration::from_millis(100),
            ..quick_retries()
        },
    );
    let mut refused = None;
    for _ in 0..3 {
        if let Err(error) = impatient.org(&app.org()).await {
            refused = Some(error);
        }
    }
    let Some(DirectoryError::RateLimited { retry_after }) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(1)));
}

#[tokio::test]
async fn latency_beyond_the_timeout_is_offline() {
    let app = spawn_app_with(|config| {
        config.faults = Faults {
            latency: Duration::from_secs(2),
            ..Faults::default()
        }
    })
    .await;
    let client = custodian_core::directory::DirectoryClient::builder(
        app.server.url(),
        crate::helpers::key(ADMIN_KEY),
    )
    .timeout(Duration::from_millis(100))
    .retry(RetryPolicy::none())
    .build()
    .unwrap();
    let error = client.org(&app.org()).await.unwrap_err();
    assert!(
        matches!(&error, DirectoryError::Offline(source) if source.is_timeout()),
        "{error:?}"
    );
}

/// A backend that always sends the same next cursor: a client that trusted it would loop.
async fn looping_backend() -> String {
    let page = || json!({"data": [{"accountId": "712020:a"}], "links": {"next": "same-cursor"}, "meta": {"next": "same-cursor"}});
    let router = axum::Router::new()
        .route("/admin/v2/orgs/{org}/directories/{dir}/users/search", post(move || async move { Json(page()) }))
        .route("/admin/v1/orgs/{org}/events", get(|| async { Json(json!({"data": [], "meta": {"next": "again"}})) }))
        .route("/admin/v1/orgs", get(|| async { Json(json!({"data": [], "links": {"next": "https://elsewhere.example/admin/v1/orgs?cursor=c1"}})) }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    url
}

#[tokio::test]
async fn a_repeated_cursor_stops_paging_with_an_error() {
    let url = looping_backend().await;
    let client = client_for(&url, ADMIN_KEY, RetryPolicy::none());
    let org = OrgId::parse("o").unwrap();
    let mut pages = client
        .search_users(&org, &DirectoryId::all(), &UserSearch::default())
        .unwrap();
    assert_eq!(pages.next_page().await.unwrap().unwrap().len(), 1);
    assert_eq!(pages.cursor(), Some("same-cursor"));
    assert!(matches!(
        pages.next_page().await,
        Err(DirectoryError::RepeatedCursor)
    ));
    assert!(
        pages.next_page().await.unwrap().is_none(),
        "paging stays stopped"
    );

    let error = client
        .events(&org, &EventQuery::default())
        .unwrap()
        .collect_all()
        .await
        .unwrap_err();
    assert!(matches!(error, DirectoryError::RepeatedCursor));
    assert_eq!(error.code(), ErrorCode::Internal);
}

#[tokio::test]
async fn a_next_url_on_another_host_is_followed_on_our_own_base_url() {
    let url = looping_backend().await;
    let client = client_for(&url, ADMIN_KEY, RetryPolicy::none());
    let mut orgs = client.orgs().unwrap();
    orgs.next_page().await.unwrap();
    // Only the cursor is taken from the URL; the next request goes to our backend (which
    // answers with the same URL again, hence the repeated cursor).
    assert_eq!(orgs.cursor(), Some("c1"));
    assert!(matches!(
        orgs.next_page().await,
        Err(DirectoryError::RepeatedCursor)
    ));
}
