//! Full syncs against the real directory server over HTTP, also when it misbehaves.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot proceed should panic

use std::collections::BTreeSet;
use std::time::Duration;

mod support;

use custodian_core::cache::{AccountQuery, AccountStatus, Cache};
use custodian_core::directory::AccountId;
use custodian_core::directory::model::ProfileChanges;
use custodian_core::sync::{self, Cancel, SyncError, SyncKind};
use custodian_directory::{Burst, Faults, RunningServer};
use support::{Setup, client, org, setup};

async fn managed_on_server(server: &RunningServer) -> BTreeSet<String> {
    sqlx::query_scalar::<_, String>(
        "SELECT account_id FROM accounts WHERE claim_status = 'managed'",
    )
    .fetch_all(server.pool())
    .await
    .unwrap()
    .into_iter()
    .collect()
}

async fn in_cache(cache: &Cache) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut offset = 0;
    loop {
        let query = AccountQuery {
            offset,
            limit: 500,
            ..Default::default()
        };
        let page = cache.search(&query, 0).await.unwrap();
        if page.accounts.is_empty() {
            return ids;
        }
        offset += page.accounts.len() as u32;
        ids.extend(page.accounts.into_iter().map(|account| account.account_id));
    }
}

#[tokio::test]
async fn a_full_sync_caches_exactly_the_managed_accounts() {
    let s = setup(250, Faults::default()).await;
    let mut progress = Vec::new();
    let report = sync::full_sync(
        &client(&s.server),
        &org(&s.server),
        &s.cache,
        &Cancel::default(),
        |p| progress.push(p.done),
    )
    .await
    .unwrap();

    let expected = managed_on_server(&s.server).await;
    assert!(expected.len() > 200, "the seed has managed accounts");
    assert_eq!(in_cache(&s.cache).await, expected);
    assert_eq!(report.accounts as usize, expected.len());
    assert_eq!(progress.first(), Some(&0));
    assert_eq!(progress.last(), Some(&report.accounts));
    assert!(
        progress.windows(2).all(|w| w[0] < w[1]),
        "progress only goes forward: {progress:?}"
    );
    let state = s.cache.sync_state(&s.server.seed().org_id).await.unwrap();
    assert!(state.last_full_sync.is_some());
    assert_eq!(state.last_error, None);
    assert!(!state.offline);
}

#[tokio::test]
async fn faults_on_the_way_lose_and_double_nothing() {
    let faults = Faults {
        error_rate: 0.2,
        drop_rate: 0.15,
        rate_limit_burst: Some(Burst {
            every: 3,
            length: 2,
            retry_after: Duration::from_millis(10),
        }),
        seed: 7,
        ..Faults::default()
    };
    let s = setup(400, faults).await;
    sync::full_sync(
        &client(&s.server),
        &org(&s.server),
        &s.cache,
        &Cancel::default(),
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(in_cache(&s.cache).await, managed_on_server(&s.server).await);
    assert_eq!(
        s.cache.account_count().await.unwrap() as usize,
        managed_on_server(&s.server).await.len(),
        "no account twice"
    );
}

#[tokio::test]
async fn accounts_gone_from_the_directory_leave_the_cache_on_the_next_sync() {
    let s = setup(120, Faults::default()).await;
    let client = client(&s.server);
    let cancel = Cancel::default();
    sync::full_sync(&client, &org(&s.server), &s.cache, &cancel, |_| {})
        .await
        .unwrap();
    let before = in_cache(&s.cache).await;
    let gone = before.iter().next().unwrap().clone();
    sqlx::query("UPDATE accounts SET claim_status = 'unmanaged' WHERE account_id = ?")
        .bind(&gone)
        .execute(s.server.pool())
        .await
        .unwrap();

    let report = sync::full_sync(&client, &org(&s.server), &s.cache, &cancel, |_| {})
        .await
        .unwrap();
    assert_eq!(report.removed, 1);
    let after = in_cache(&s.cache).await;
    assert!(!after.contains(&gone));
    assert_eq!(after.len(), before.len() - 1);
}

#[tokio::test]
async fn a_cancelled_sync_stops_and_says_so() {
    let s = setup(120, Faults::default()).await;
    let cancel = Cancel::default();
    cancel.cancel();
    let error = sync::full_sync(
        &client(&s.server),
        &org(&s.server),
        &s.cache,
        &cancel,
        |_| {},
    )
    .await
    .unwrap_err();
    assert!(matches!(error, SyncError::Cancelled), "{error}");
    let state = s.cache.sync_state(&s.server.seed().org_id).await.unwrap();
    assert_eq!(state.last_error.as_deref(), Some("the sync was cancelled"));
    assert_eq!(state.last_full_sync, None);
    assert!(!state.offline);
}

#[tokio::test]
async fn a_sync_against_a_stopped_backend_keeps_the_cache_and_records_why() {
    let s = setup(120, Faults::default()).await;
    let client = client(&s.server);
    let org = org(&s.server);
    let org_id = s.server.seed().org_id.clone();
    sync::full_sync(&client, &org, &s.cache, &Cancel::default(), |_| {})
        .await
        .unwrap();
    let before = in_cache(&s.cache).await;
    s.server.shutdown().await.unwrap();

    let error = sync::full_sync(&client, &org, &s.cache, &Cancel::default(), |_| {})
        .await
        .unwrap_err();
    assert_eq!(error.code(), custodian_core::ErrorCode::Offline, "{error}");
    assert_eq!(
        in_cache(&s.cache).await,
        before,
        "nothing lost while offline"
    );
    let state = s.cache.sync_state(&org_id).await.unwrap();
    assert!(state.last_full_sync.is_some());
    assert!(state.offline, "the cache knows it is all there is");
    assert!(state.last_error.unwrap().contains("cannot be reached"));
}

/// An invited, active managed account: one the API lets an admin change.
async fn changeable_account(s: &Setup) -> String {
    sqlx::query_scalar::<_, String>(
        "SELECT account_id FROM accounts WHERE claim_status = 'managed'
             AND management_source = 'invited' AND account_status = 'active'
             AND is_org_admin = 0
         ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(s.server.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn the_first_sync_is_full_and_the_next_reads_only_what_changed() {
    let s = setup(250, Faults::default()).await;
    let client = client(&s.server);
    let org = org(&s.server);
    let cancel = Cancel::default();
    let first = sync::sync(&client, &org, &s.cache, &cancel, |_| {})
        .await
        .unwrap();
    assert_eq!(first.kind, SyncKind::Full);

    let renamed = changeable_account(&s).await;
    let account = AccountId::parse(renamed.clone()).unwrap();
    let changes = ProfileChanges {
        name: Some("Renamed Through The API".into()),
        ..Default::default()
    };
    client.update_profile(&account, &changes).await.unwrap();
    client.deactivate(&account, None).await.unwrap();

    let next = sync::sync(&client, &org, &s.cache, &cancel, |_| {})
        .await
        .unwrap();
    assert_eq!(next.kind, SyncKind::Incremental);
    assert!(
        next.accounts >= 1 && next.accounts < 20,
        "read {} accounts",
        next.accounts
    );
    let query = AccountQuery {
        text: "renamed through".into(),
        limit: 10,
        ..Default::default()
    };
    let page = s.cache.search(&query, 0).await.unwrap();
    assert_eq!(page.accounts.len(), 1);
    assert_eq!(page.accounts[0].account_id, renamed);
    assert_eq!(page.accounts[0].status, AccountStatus::Deactivated);
    assert_eq!(in_cache(&s.cache).await, managed_on_server(&s.server).await);
}

#[tokio::test]
async fn a_sync_with_nothing_changed_reads_nothing() {
    let s = setup(120, Faults::default()).await;
    let client = client(&s.server);
    let org = org(&s.server);
    sync::full_sync(&client, &org, &s.cache, &Cancel::default(), |_| {})
        .await
        .unwrap();
    let next = sync::sync(&client, &org, &s.cache, &Cancel::default(), |_| {})
        .await
        .unwrap();
    assert_eq!(
        (next.kind, next.accounts, next.removed),
        (SyncKind::Incremental, 0, 0)
    );
    assert_eq!(in_cache(&s.cache).await, managed_on_server(&s.server).await);
}
