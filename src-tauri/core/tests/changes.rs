//! Every change an admin can make, against the real directory server over HTTP: what it
//! does on the server, in the cache and in the audit trail, and every refusal, which must
//! change nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot proceed should panic

mod support;

use std::time::Duration;

use custodian_core::ErrorCode;
use custodian_core::cache::{
    AccountDetails, AccountStatus, AuditQuery, ChangeResult, Section, SessionState,
};
use custodian_core::changes::{self, Change, ChangeError, Changing, FieldEdit, ProfileField};
use custodian_core::directory::{AccountId, DirectoryClient, OrgId};
use custodian_directory::{Burst, Faults, Plan};
use support::{Setup, client, org, setup, setup_with};

struct World {
    s: Setup,
    client: DirectoryClient,
    org: OrgId,
}

impl World {
    async fn new() -> Self {
        Self::from(setup(40, Faults::default()).await)
    }

    fn from(s: Setup) -> Self {
        let client = client(&s.server);
        let org = org(&s.server);
        Self { s, client, org }
    }

    fn to(&self) -> Changing<'_> {
        Changing {
            client: &self.client,
            cache: &self.s.cache,
            org: &self.org,
            connection: "Test directory",
            recognises_repeats: true,
        }
    }

    fn showcase(&self, pick: impl Fn(&custodian_directory::Showcase) -> &String) -> AccountId {
        AccountId::parse(pick(&self.s.server.seed().accounts).clone()).unwrap()
    }

    async fn apply(
        &self,
        account: &AccountId,
        change: Change,
    ) -> Result<AccountDetails, ChangeError> {
        // The page was open: the account is cached, as it is when the admin acts.
        let _ =
            custodian_core::account::refresh(&self.client, &self.s.cache, &self.org, account).await;
        changes::apply(&self.to(), account, &change, None)
            .await
            .map(|applied| applied.details.expect("the account is cached"))
    }

    async fn server_text(&self, sql: &str, account: &AccountId) -> Option<String> {
        sqlx::query_scalar(sql)
            .bind(account.as_str())
            .fetch_one(self.s.server.pool())
            .await
            .unwrap()
    }

    async fn events(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM events")
            .fetch_one(self.s.server.pool())
            .await
            .unwrap()
    }

    async fn last_audit(&self) -> custodian_core::cache::AuditEntry {
        self.s
            .cache
            .audit_entries(&AuditQuery::default())
            .await
            .unwrap()
            .into_iter()
            .next()
            .expect("an audit entry")
    }
}

fn edit(field: ProfileField, value: &str) -> Change {
    Change::EditProfile {
        edits: vec![FieldEdit {
            field,
            value: value.into(),
        }],
    }
}

#[tokio::test]
async fn a_profile_edit_reaches_the_directory_the_cache_and_the_audit_trail() {
    let w = World::new().await;
    let ana = w.showcase(|s| &s.invited);

    let page = w
        .apply(&ana, edit(ProfileField::JobTitle, "Head of Platform"))
        .await
        .unwrap();

    assert_eq!(page.account.job_title.as_deref(), Some("Head of Platform"));
    let on_server = w
        .server_text("SELECT job_title FROM accounts WHERE account_id = ?", &ana)
        .await;
    assert_eq!(on_server.as_deref(), Some("Head of Platform"));
    let entry = w.last_audit().await;
    assert_eq!(entry.result, ChangeResult::Done);
    assert_eq!(entry.operation, "editProfile");
    assert_eq!(entry.connection, "Test directory");
    assert_eq!(entry.after.as_deref(), Some("Job title: Head of Platform"));
    assert!(entry.before.unwrap().starts_with("Job title: "));
}

#[tokio::test]
async fn a_field_the_identity_provider_owns_is_refused_and_nothing_changes() {
    let w = World::new().await;
    let synced = w.showcase(|s| &s.scim);
    let events = w.events().await;

    let error = w
        .apply(&synced, edit(ProfileField::JobTitle, "Anything"))
        .await
        .unwrap_err();

    assert_eq!(error.code(), ErrorCode::ReadOnlyField);
    assert!(error.to_string().contains("identity provider"), "{error}");
    assert_eq!(w.events().await, events);
    let entry = w.last_audit().await;
    assert_eq!(entry.result, ChangeResult::Failed);
    assert_eq!(entry.error_code.as_deref(), Some("readOnlyField"));
}

#[tokio::test]
async fn a_value_over_the_limit_is_refused_before_anything_is_sent() {
    let w = World::new().await;
    let ana = w.showcase(|s| &s.invited);
    let events = w.events().await;

    let error = w
        .apply(&ana, edit(ProfileField::PublicName, &"x".repeat(31)))
        .await
        .unwrap_err();

    assert!(matches!(error, ChangeError::Invalid(_)));
    assert_eq!(
        error.to_string(),
        "Public name is too long: 30 characters at most"
    );
    assert_eq!(w.events().await, events);
    assert!(
        w.s.cache
            .audit_entries(&AuditQuery::default())
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn email_changes_only_to_a_verified_domain() {
    let w = World::new().await;
    let ana = w.showcase(|s| &s.invited);

    let error = w
        .apply(
            &ana,
            Change::ChangeEmail {
                email: "ana@fabrikam.example".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::UnverifiedDomain);
    assert!(
        error
            .to_string()
            .starts_with("fabrikam.example is not a verified domain"),
        "{error}"
    );
    let email = w
        .server_text("SELECT email FROM accounts WHERE account_id = ?", &ana)
        .await;
    assert_ne!(email.as_deref(), Some("ana@fabrikam.example"));

    let page = w
        .apply(
            &ana,
            Change::ChangeEmail {
                email: "ana.new@northwind-labs.example".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(page.account.email, "ana.new@northwind-labs.example");
}

#[tokio::test]
async fn two_step_exclusion_is_made_and_undone() {
    let w = World::new().await;
    let ana = w.showcase(|s| &s.invited);

    let page = w.apply(&ana, Change::ExcludeFromTwoStep).await.unwrap();
    let Section::Known { value } = page.two_step else {
        panic!("2SV known")
    };
    assert!(value.excluded);
    let page = w.apply(&ana, Change::IncludeInTwoStep).await.unwrap();
    let Section::Known { value } = page.two_step else {
        panic!("2SV known")
    };
    assert!(!value.excluded);
}

#[tokio::test]
async fn without_enforcement_there_is_nothing_to_exclude_from() {
    let w = World::from(
        setup_with(|config| {
            config.seed.accounts = 40;
            config.seed.two_step_enforced = false;
        })
        .await,
    );
    let ana = w.showcase(|s| &s.invited);

    let error = w.apply(&ana, Change::ExcludeFromTwoStep).await.unwrap_err();

    assert_eq!(error.code(), ErrorCode::NotPermitted);
    assert!(
        error
            .to_string()
            .contains("does not enforce two-step verification"),
        "{error}"
    );
}

async fn device_of(w: &World, kind: &str) -> (AccountId, String) {
    let (account, device): (String, String) = sqlx::query_as(
        "SELECT d.account_id, d.device_id FROM devices d JOIN accounts a USING (account_id)
         WHERE d.kind = ? AND d.session_ends_at IS NULL AND a.claim_status = 'managed'
           AND a.account_status = 'active' AND a.is_org_admin = 0
         LIMIT 1",
    )
    .bind(kind)
    .fetch_one(w.s.server.pool())
    .await
    .unwrap();
    (AccountId::parse(account).unwrap(), device)
}

#[tokio::test]
async fn a_browser_session_ends_at_once_and_a_mobile_one_by_a_time() {
    let w = World::from(setup(200, Faults::default()).await);
    for (kind, expected) in [
        ("browser", SessionState::Ended),
        ("mobile", SessionState::Ending),
    ] {
        let (account, device) = device_of(&w, kind).await;
        let page = w
            .apply(
                &account,
                Change::LogOutDevice {
                    device_id: device.clone(),
                },
            )
            .await
            .unwrap();
        let Section::Known { value: devices } = page.devices else {
            panic!("devices known")
        };
        let logged_out = devices.iter().find(|d| d.device_id == device).unwrap();
        assert_eq!(logged_out.session, expected, "{kind}");
        if expected == SessionState::Ending {
            let ends = logged_out.session_ends_at.unwrap();
            let now = chrono::Utc::now().timestamp();
            assert!(ends > now && ends <= now + 3_600, "ends within the hour");
        }
    }
}

#[tokio::test]
async fn a_password_reset_is_required_at_next_login() {
    let w = World::new().await;
    let ana = w.showcase(|s| &s.invited);
    w.apply(&ana, Change::RequirePasswordReset).await.unwrap();
    let asked = w
        .server_text(
            "SELECT password_reset_requested FROM accounts WHERE account_id = ?",
            &ana,
        )
        .await;
    assert!(asked.is_some());
    assert_eq!(w.last_audit().await.result, ChangeResult::Done);
}

async fn account_with_tokens(w: &World) -> AccountId {
    let id: String = sqlx::query_scalar(
        "SELECT a.account_id FROM accounts a WHERE a.claim_status = 'managed'
           AND a.account_status = 'active' AND a.is_org_admin = 0
           AND (SELECT count(*) FROM api_tokens t WHERE t.account_id = a.account_id) >= 2
         LIMIT 1",
    )
    .fetch_one(w.s.server.pool())
    .await
    .unwrap();
    AccountId::parse(id).unwrap()
}

#[tokio::test]
async fn tokens_are_revoked_one_by_one_or_all_at_once() {
    let w = World::from(setup(200, Faults::default()).await);
    let account = account_with_tokens(&w).await;
    let page = w
        .apply(&account, Change::RequirePasswordReset)
        .await
        .unwrap();
    let Section::Known { value: tokens } = page.api_tokens else {
        panic!("tokens known")
    };
    let before = tokens.len();

    let page = w
        .apply(
            &account,
            Change::RevokeToken {
                token_id: tokens[0].token_id.clone(),
            },
        )
        .await
        .unwrap();
    let Section::Known { value: tokens } = page.api_tokens else {
        panic!("tokens known")
    };
    assert_eq!(tokens.len(), before - 1);

    let page = w.apply(&account, Change::RevokeAllTokens).await.unwrap();
    assert_eq!(page.api_tokens, Section::Known { value: vec![] });
    let entry = w.last_audit().await;
    assert_eq!(entry.after.as_deref(), Some("API tokens: 0"));
}

#[tokio::test]
async fn without_guard_standard_tokens_cannot_be_revoked() {
    let w = World::from(
        setup_with(|config| {
            config.seed.accounts = 200;
            config.seed.plan = Plan::Standard;
        })
        .await,
    );
    let account = account_with_tokens(&w).await;
    let error = w
        .apply(&account, Change::RevokeAllTokens)
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotPermitted);
    assert!(
        error.to_string().contains("Atlassian Guard Standard"),
        "{error}"
    );
}

#[tokio::test]
async fn deactivate_reactivate_delete_and_cancel_the_deletion() {
    let w = World::new().await;
    let ana = w.showcase(|s| &s.invited);

    let page = w
        .apply(
            &ana,
            Change::Deactivate {
                message: Some("Left the company".into()),
            },
        )
        .await
        .unwrap();
    assert_eq!(page.account.status, AccountStatus::Deactivated);
    assert!(page.deactivated_on.is_some());
    let page = w.apply(&ana, Change::Reactivate).await.unwrap();
    assert_eq!(page.account.status, AccountStatus::Active);
    let page = w.apply(&ana, Change::Delete).await.unwrap();
    assert_eq!(page.account.status, AccountStatus::PendingDeletion);
    let days = (page.deletion_date.unwrap() - chrono::Utc::now().timestamp()) / 86_400;
    assert!((13..=14).contains(&days), "deleted in {days} days");
    let page = w.apply(&ana, Change::CancelDeletion).await.unwrap();
    assert_eq!(page.account.status, AccountStatus::Active);
}

#[tokio::test]
async fn the_admin_s_own_account_cannot_be_deactivated() {
    let w = World::new().await;
    let admin = w.showcase(|s| &s.admin);
    let error = w
        .apply(&admin, Change::Deactivate { message: None })
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotPermitted);
    assert_eq!(error.to_string(), "Not for your own account.");
}

#[tokio::test]
async fn product_access_is_granted_and_removed() {
    let w = World::new().await;
    let ana = w.showcase(|s| &s.invited);
    let sites = changes::product_sites(&w.client, &w.org).await.unwrap();
    assert_eq!(sites.len(), w.s.server.seed().products.len());
    let site = sites.iter().find(|s| s.product == "confluence").unwrap();
    assert!(
        site.roles.contains(&"atlassian/user".to_owned()),
        "{site:?}"
    );
    let confluence = site.site.clone();
    w.apply(
        &ana,
        Change::RemoveProduct {
            product: "confluence".into(),
            site: confluence.clone(),
        },
    )
    .await
    .ok();

    let page = w
        .apply(
            &ana,
            Change::GrantProduct {
                product: "confluence".into(),
                site: confluence.clone(),
                role: "atlassian/user".into(),
            },
        )
        .await
        .unwrap();
    let granted = page.products.iter().find(|p| p.site == confluence).unwrap();
    assert_eq!(granted.roles, ["atlassian/user"]);
    assert_eq!(w.last_audit().await.operation, "grantProduct");

    let page = w
        .apply(
            &ana,
            Change::RemoveProduct {
                product: "confluence".into(),
                site: confluence.clone(),
            },
        )
        .await
        .unwrap();
    assert!(!page.products.iter().any(|p| p.site == confluence));
}

#[tokio::test]
async fn a_stopped_directory_changes_nothing_and_says_so() {
    let w = World::new().await;
    let ana = w.showcase(|s| &s.invited);
    custodian_core::account::refresh(&w.client, &w.s.cache, &w.org, &ana)
        .await
        .unwrap();
    let before = w.s.cache.account_details(ana.as_str()).await.unwrap();
    let url = w.s.server.url().to_owned();
    let World { s, org, .. } = w;
    let cache = s.cache;
    s.server.shutdown().await.unwrap();
    let client = support::client_at(&url);
    let to = Changing {
        client: &client,
        cache: &cache,
        org: &org,
        connection: "Test directory",
        recognises_repeats: true,
    };

    let error = changes::apply(&to, &ana, &edit(ProfileField::Location, "Lisbon"), None)
        .await
        .unwrap_err();

    assert_eq!(error.code(), ErrorCode::Offline);
    assert_eq!(
        error.to_string(),
        "The directory cannot be reached. Nothing was changed."
    );
    assert_eq!(cache.account_details(ana.as_str()).await.unwrap(), before);
    let entries = cache.audit_entries(&AuditQuery::default()).await.unwrap();
    assert_eq!(entries[0].result, ChangeResult::Failed);
    assert_eq!(entries[0].error_code.as_deref(), Some("offline"));
}

#[tokio::test]
async fn a_directory_that_keeps_rate_limiting_changes_nothing() {
    let w = World::from(
        setup(
            40,
            Faults {
                rate_limit_burst: Some(Burst {
                    every: 1,
                    length: 1_000,
                    retry_after: Duration::from_millis(5),
                }),
                ..Faults::default()
            },
        )
        .await,
    );
    let ana = w.showcase(|s| &s.invited);
    // The burst starts after the first request.
    w.client.privileges(&ana).await.unwrap();
    let error = changes::apply(&w.to(), &ana, &edit(ProfileField::Location, "Lisbon"), None)
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::RateLimited);
    let location = w
        .server_text("SELECT location FROM accounts WHERE account_id = ?", &ana)
        .await;
    assert_ne!(location.as_deref(), Some("Lisbon"));
}

#[tokio::test]
async fn a_bulk_action_previews_then_changes_each_account_and_reports_each() {
    let w = World::new().await;
    custodian_core::sync::full_sync(
        &w.client,
        &w.org,
        &w.s.cache,
        &custodian_core::sync::Cancel::default(),
        |_| {},
    )
    .await
    .unwrap();
    let invited = w.showcase(|s| &s.invited).as_str().to_owned();
    let deactivated = w.showcase(|s| &s.deactivated).as_str().to_owned();
    let admin = w.showcase(|s| &s.admin).as_str().to_owned();
    let accounts = vec![invited.clone(), deactivated.clone(), admin.clone()];
    let action = changes::BulkAction::Deactivate { message: None };

    let preview = changes::preview(&w.s.cache, &accounts, &action)
        .await
        .unwrap();
    assert_eq!((preview.will_change, preview.will_skip), (2, 1));
    assert_eq!(preview.rows[2].account_id, deactivated);
    assert_eq!(preview.rows[2].skip.as_deref(), Some("Already deactivated"));

    let mut progress = Vec::new();
    let report = changes::apply_all(
        &w.to(),
        &accounts,
        &action,
        &custodian_core::sync::Cancel::default(),
        |p| progress.push(p.done),
    )
    .await
    .unwrap();

    assert_eq!((report.done, report.skipped, report.failed), (1, 1, 1));
    let failed = report
        .results
        .iter()
        .find(|r| r.account_id == admin)
        .unwrap();
    assert_eq!(failed.reason.as_deref(), Some("Not for your own account."));
    assert_eq!(failed.code, Some(ErrorCode::NotPermitted));
    assert_eq!(progress, [0, 1, 2, 3]);
    let status =
        w.s.cache
            .account_details(&invited)
            .await
            .unwrap()
            .unwrap()
            .account
            .status;
    assert_eq!(status, AccountStatus::Deactivated);
    let entries =
        w.s.cache
            .audit_entries(&AuditQuery::default())
            .await
            .unwrap();
    assert_eq!(
        entries.len(),
        2,
        "one entry per account sent, none for the skipped one"
    );
    assert!(
        entries
            .iter()
            .all(|e| e.bulk_id.as_deref() == Some(report.bulk_id.as_str()))
    );
}

#[tokio::test]
async fn a_cancelled_bulk_action_touches_no_account_after_the_cancel() {
    let w = World::new().await;
    custodian_core::sync::full_sync(
        &w.client,
        &w.org,
        &w.s.cache,
        &custodian_core::sync::Cancel::default(),
        |_| {},
    )
    .await
    .unwrap();
    let accounts = vec![
        w.showcase(|s| &s.invited).as_str().to_owned(),
        w.showcase(|s| &s.scim).as_str().to_owned(),
    ];
    let cancel = custodian_core::sync::Cancel::default();
    let report = changes::apply_all(
        &w.to(),
        &accounts,
        &changes::BulkAction::RequirePasswordReset,
        &cancel,
        |p| {
            if p.done == 1 {
                cancel.cancel();
            }
        },
    )
    .await
    .unwrap();
    assert!(report.cancelled);
    assert_eq!(report.results.len(), 1);
}

#[tokio::test]
async fn the_audit_trail_is_filtered_and_exported_as_csv() {
    let w = World::new().await;
    let ana = w.showcase(|s| &s.invited);
    w.apply(&ana, edit(ProfileField::Name, "=HYPERLINK(\"http://x\")"))
        .await
        .unwrap();
    w.apply(&ana, Change::ExcludeFromTwoStep).await.unwrap();
    let _ = w.apply(&w.showcase(|s| &s.admin), Change::Delete).await;

    let all =
        w.s.cache
            .audit_entries(&AuditQuery::default())
            .await
            .unwrap();
    assert_eq!(all.len(), 3);
    let failed = AuditQuery {
        result: Some(ChangeResult::Failed),
        ..AuditQuery::default()
    };
    assert_eq!(w.s.cache.audit_entries(&failed).await.unwrap().len(), 1);
    let profile = AuditQuery {
        operation: Some("editProfile".into()),
        ..AuditQuery::default()
    };
    assert_eq!(w.s.cache.audit_entries(&profile).await.unwrap().len(), 1);
    let name = all.last().unwrap().account_name.clone();
    let by_name = AuditQuery {
        text: name[..3].to_owned(),
        ..AuditQuery::default()
    };
    assert!(!w.s.cache.audit_entries(&by_name).await.unwrap().is_empty());
    let wildcard = AuditQuery {
        text: "%".into(),
        ..AuditQuery::default()
    };
    assert!(
        w.s.cache.audit_entries(&wildcard).await.unwrap().is_empty(),
        "% is text, not a wildcard"
    );

    let mut csv = Vec::new();
    let written =
        w.s.cache
            .write_audit_csv(&AuditQuery::default(), &mut csv)
            .await
            .unwrap();
    assert_eq!(written, 3);
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with(
        "When (UTC),Connection,Account,Email,Change,Result,Why it failed,Before,After"
    ));
    assert!(csv.contains("'=HYPERLINK"), "formulas are defused: {csv}");
}

#[tokio::test]
async fn a_new_photo_is_uploaded_kept_for_offline_and_removed() {
    let w = World::new().await;
    let ana = w.showcase(|s| &s.invited);
    custodian_core::account::refresh(&w.client, &w.s.cache, &w.org, &ana)
        .await
        .unwrap();
    let photo = custodian_core::photos::prepare(&support::png(900, 600), None).unwrap();

    changes::upload_photo(&w.to(), &ana, &photo).await.unwrap();

    let stored: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT bytes FROM avatars WHERE account_id = ?")
            .bind(ana.as_str())
            .fetch_optional(w.s.server.pool())
            .await
            .unwrap();
    assert_eq!(stored.as_deref(), Some(photo.bytes.as_slice()));
    let thumbnail = w.s.cache.avatar(ana.as_str(), true).await.unwrap().unwrap();
    let small = image::load_from_memory(&thumbnail.bytes).unwrap();
    assert_eq!((small.width(), small.height()), (64, 64));
    assert_eq!(w.last_audit().await.operation, "setPhoto");

    // A refresh reads the directory's photo back into the cache.
    w.s.cache.remove_avatar(ana.as_str()).await.unwrap();
    custodian_core::account::refresh(&w.client, &w.s.cache, &w.org, &ana)
        .await
        .unwrap();
    assert!(
        w.s.cache
            .avatar(ana.as_str(), false)
            .await
            .unwrap()
            .is_some()
    );

    w.apply(&ana, Change::RemovePhoto).await.unwrap();
    assert!(
        w.s.cache
            .avatar(ana.as_str(), true)
            .await
            .unwrap()
            .is_none()
    );
    let gone: i64 = sqlx::query_scalar("SELECT count(*) FROM avatars WHERE account_id = ?")
        .bind(ana.as_str())
        .fetch_one(w.s.server.pool())
        .await
        .unwrap();
    assert_eq!(gone, 0);
}

#[tokio::test]
async fn a_photo_change_without_its_image_is_refused_before_sending() {
    let w = World::new().await;
    let ana = w.showcase(|s| &s.invited);
    let error = w.apply(&ana, Change::SetPhoto).await.unwrap_err();
    assert!(matches!(error, ChangeError::Invalid(_)));
}

#[tokio::test]
async fn a_bulk_preview_skips_what_the_directory_cannot_do() {
    let w = World::from(
        setup_with(|config| {
            config.seed.accounts = 200;
            config.seed.plan = Plan::Standard;
        })
        .await,
    );
    let account = account_with_tokens(&w).await;
    custodian_core::account::refresh(&w.client, &w.s.cache, &w.org, &account)
        .await
        .unwrap();
    let preview = changes::preview(
        &w.s.cache,
        &[account.as_str().to_owned()],
        &changes::BulkAction::RevokeAllTokens,
    )
    .await
    .unwrap();
    assert_eq!((preview.will_change, preview.will_skip), (0, 1));
    assert!(
        preview.rows[0]
            .skip
            .as_deref()
            .unwrap()
            .contains("Atlassian Guard Standard")
    );
}
