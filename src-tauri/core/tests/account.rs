//! The account page: read from the cache at once, refreshed from the real directory
//! server over HTTP, and left as it was when a refresh cannot finish.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot proceed should panic

mod support;

use custodian_core::ErrorCode;
use custodian_core::account::{self, AccountError};
use custodian_core::cache::{Section, SessionState};
use custodian_core::directory::AccountId;
use custodian_core::sync::{self, Cancel};
use custodian_directory::{Faults, Plan, RunningServer};
use support::{client, org, setup, setup_with};

/// A managed, active account with devices and API tokens on the server.
async fn busy_account(server: &RunningServer) -> AccountId {
    let id: String = sqlx::query_scalar(
        "SELECT a.account_id FROM accounts a
         WHERE a.claim_status = 'managed' AND a.account_status = 'active'
           AND EXISTS (SELECT 1 FROM devices d WHERE d.account_id = a.account_id)
           AND EXISTS (SELECT 1 FROM api_tokens t WHERE t.account_id = a.account_id)
         ORDER BY a.seq LIMIT 1",
    )
    .fetch_one(server.pool())
    .await
    .unwrap();
    AccountId::parse(id).unwrap()
}

/// The account as a read other than `page`'s would give it: another job title, no products.
fn retitled(
    page: &custodian_core::cache::AccountDetails,
    job_title: &str,
) -> custodian_core::cache::AccountRecord {
    let mut account = page.account.clone();
    account.job_title = Some(job_title.into());
    custodian_core::cache::AccountRecord {
        account,
        products: Vec::new(),
        lifecycle: custodian_core::cache::Lifecycle::default(),
    }
}

async fn count_on_server(server: &RunningServer, table: &str, account: &AccountId) -> usize {
    let sql = format!("SELECT count(*) FROM {table} WHERE account_id = ?");
    let n: i64 = sqlx::query_scalar(&sql)
        .bind(account.as_str())
        .fetch_one(server.pool())
        .await
        .unwrap();
    n as usize
}

#[tokio::test]
async fn a_synced_account_shows_at_once_and_says_it_was_never_refreshed() {
    let s = setup(60, Faults::default()).await;
    let client = client(&s.server);
    sync::full_sync(
        &client,
        &org(&s.server),
        &s.cache,
        &Cancel::default(),
        |_| {},
    )
    .await
    .unwrap();
    let account = busy_account(&s.server).await;

    let page = s
        .cache
        .account_details(account.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.account.account_id, account.as_str());
    assert_eq!(page.refreshed_at, None);
    assert_eq!(page.devices, Section::Unknown);
    assert_eq!(page.api_tokens, Section::Unknown);
    assert!(page.account_read_at > 0);
    assert!(
        s.cache
            .account_details("no-such-account")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_refresh_reads_devices_tokens_and_two_step_and_keeps_them() {
    let s = setup(60, Faults::default()).await;
    let account = busy_account(&s.server).await;

    let page = account::refresh(&client(&s.server), &s.cache, &org(&s.server), &account)
        .await
        .unwrap();

    let Section::Known { value: devices } = &page.devices else {
        panic!("devices should be known: {:?}", page.devices)
    };
    assert_eq!(
        devices.len(),
        count_on_server(&s.server, "devices", &account).await
    );
    assert!(devices.iter().all(|d| d.last_active.is_some()));
    let Section::Known { value: tokens } = &page.api_tokens else {
        panic!("tokens should be known: {:?}", page.api_tokens)
    };
    assert_eq!(
        tokens.len(),
        count_on_server(&s.server, "api_tokens", &account).await
    );
    assert!(tokens.iter().all(|t| t.created_at.is_some()));
    let Section::Known { value: two_step } = page.two_step else {
        panic!("2SV should be known: {:?}", page.two_step)
    };
    assert!(two_step.enforced);
    assert!(page.privileges.is_some());
    assert!(page.refreshed_at.is_some());
    let products: i64 =
        sqlx::query_scalar("SELECT count(*) FROM product_roles WHERE account_id = ?")
            .bind(account.as_str())
            .fetch_one(s.server.pool())
            .await
            .unwrap();
    assert!(products > 0 && page.products.len() as i64 <= products);
    assert!(
        page.products
            .iter()
            .all(|p| !p.roles.is_empty() && p.site_url.is_some()),
        "roles and sites are read from the role assignments: {:?}",
        page.products
    );

    // The profile's locale arrives with a refresh; a later sync, whose listing has no
    // locale, must not forget it, nor the page's other facts.
    let locale: Option<String> =
        sqlx::query_scalar("SELECT locale FROM accounts WHERE account_id = ?")
            .bind(account.as_str())
            .fetch_one(s.server.pool())
            .await
            .unwrap();
    assert_eq!(page.account.locale, locale);
    sync::full_sync(
        &client(&s.server),
        &org(&s.server),
        &s.cache,
        &Cancel::default(),
        |_| {},
    )
    .await
    .unwrap();
    let cached = s
        .cache
        .account_details(account.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cached.account.locale, locale);
    assert_eq!(cached.devices, page.devices);
    assert_eq!(cached.api_tokens, page.api_tokens);
    assert_eq!(cached.refreshed_at, page.refreshed_at);
}

#[tokio::test]
async fn a_logged_out_mobile_device_shows_when_its_session_will_end() {
    let s = setup(60, Faults::default()).await;
    let account = busy_account(&s.server).await;
    let ends = "2099-01-01T10:00:00Z";
    sqlx::query("UPDATE devices SET kind = 'mobile', session_ends_at = ? WHERE account_id = ?")
        .bind(ends)
        .bind(account.as_str())
        .execute(s.server.pool())
        .await
        .unwrap();

    let page = account::refresh(&client(&s.server), &s.cache, &org(&s.server), &account)
        .await
        .unwrap();

    let Section::Known { value: devices } = page.devices else {
        panic!("devices should be known")
    };
    assert!(!devices.is_empty());
    for device in devices {
        assert_eq!(device.session, SessionState::Ending);
        assert_eq!(device.session_ends_at, Some(4_070_944_800));
    }
}

#[tokio::test]
async fn without_guard_standard_the_tokens_section_names_the_plan() {
    let s = setup_with(|config| {
        config.seed.accounts = 60;
        config.seed.plan = Plan::Standard;
    })
    .await;
    let account = busy_account(&s.server).await;

    let page = account::refresh(&client(&s.server), &s.cache, &org(&s.server), &account)
        .await
        .unwrap();

    assert_eq!(
        page.api_tokens,
        Section::Unavailable {
            reason:
                "Needs the Atlassian Guard Standard plan, which this organization does not have."
                    .into()
        }
    );
    assert!(matches!(page.devices, Section::Known { .. }));
}

#[tokio::test]
async fn a_refresh_against_a_stopped_backend_fails_and_changes_nothing() {
    let s = setup(60, Faults::default()).await;
    let account = busy_account(&s.server).await;
    let org = org(&s.server);
    let client = client(&s.server);
    let before = account::refresh(&client, &s.cache, &org, &account)
        .await
        .unwrap();

    s.server.shutdown().await.unwrap();
    let error = account::refresh(&client, &s.cache, &org, &account)
        .await
        .unwrap_err();

    assert_eq!(error.code(), ErrorCode::Offline);
    let after = s
        .cache
        .account_details(account.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after, before);
}

#[tokio::test]
async fn an_account_no_longer_managed_leaves_the_cache() {
    let s = setup(60, Faults::default()).await;
    let account = busy_account(&s.server).await;
    let org = org(&s.server);
    let client = client(&s.server);
    account::refresh(&client, &s.cache, &org, &account)
        .await
        .unwrap();
    sqlx::query("UPDATE accounts SET claim_status = 'unmanaged' WHERE account_id = ?")
        .bind(account.as_str())
        .execute(s.server.pool())
        .await
        .unwrap();

    let error = account::refresh(&client, &s.cache, &org, &account)
        .await
        .unwrap_err();

    assert!(matches!(error, AccountError::NotManaged));
    assert_eq!(error.code(), ErrorCode::NotFound);
    assert!(
        s.cache
            .account_details(account.as_str())
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_refresh_that_changes_what_the_list_searches_is_found_at_once() {
    let s = setup(60, Faults::default()).await;
    let client = client(&s.server);
    sync::full_sync(
        &client,
        &org(&s.server),
        &s.cache,
        &Cancel::default(),
        |_| {},
    )
    .await
    .unwrap();
    let account = busy_account(&s.server).await;
    let query = custodian_core::cache::AccountQuery {
        text: "quokkawrangler".into(),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(s.cache.search(&query, 0).await.unwrap().total, 0);
    // Unchanged: the page refreshes, the list stays as it was.
    account::refresh(&client, &s.cache, &org(&s.server), &account)
        .await
        .unwrap();
    assert_eq!(s.cache.search(&query, 0).await.unwrap().total, 0);

    sqlx::query("UPDATE accounts SET job_title = 'Quokkawrangler' WHERE account_id = ?")
        .bind(account.as_str())
        .execute(s.server.pool())
        .await
        .unwrap();
    account::refresh(&client, &s.cache, &org(&s.server), &account)
        .await
        .unwrap();

    let found = s.cache.search(&query, 0).await.unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.accounts[0].account_id, account.as_str());
}

#[tokio::test]
async fn a_refresh_whose_reads_began_earlier_does_not_overwrite_a_newer_one() {
    let s = setup(60, Faults::default()).await;
    let account = busy_account(&s.server).await;
    let newer = account::refresh(&client(&s.server), &s.cache, &org(&s.server), &account)
        .await
        .unwrap();
    let update = custodian_core::cache::DetailsUpdate {
        record: retitled(&newer, "From an older read"),
        locale: None,
        privileges: None,
        devices: Section::Unknown,
        api_tokens: Section::Unknown,
        two_step: Section::Unknown,
        roles: None,
        password_reset: Section::Unknown,
    };

    let kept = s
        .cache
        .store_account_details(&update, newer.refreshed_at.unwrap() - 1_000)
        .await
        .unwrap();

    assert_eq!(kept, newer);
    let cached = s
        .cache
        .account_details(account.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cached.account.job_title, newer.account.job_title);
}

#[tokio::test]
async fn a_sync_page_read_before_a_refresh_leaves_the_newer_account_as_it_is() {
    let s = setup(60, Faults::default()).await;
    let account = busy_account(&s.server).await;
    let newer = account::refresh(&client(&s.server), &s.cache, &org(&s.server), &account)
        .await
        .unwrap();
    let record = retitled(&newer, "From a sync page read earlier");

    s.cache
        .store_accounts(&[record], newer.refreshed_at.unwrap() - 1_000)
        .await
        .unwrap();

    let cached = s
        .cache
        .account_details(account.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cached.account.job_title, newer.account.job_title);
    assert_eq!(
        cached.products, newer.products,
        "its product access stays too"
    );
}
