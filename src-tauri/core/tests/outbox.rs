//! The outbox against a real directory over HTTP: changes made offline wait and are sent
//! when it answers again; a change whose account moved meanwhile is held as a conflict;
//! a refusal is kept with its reason; an interrupted change is sent once.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot proceed should panic

mod support;

use custodian_core::ErrorCode;
use custodian_core::cache::{PendingChange, PendingState};
use custodian_core::changes::{Change, Changing, FieldEdit, ProfileField};
use custodian_core::directory::{AccountId, DirectoryClient, OrgId};
use custodian_core::outbox::{self, Submitted};
use custodian_core::sync::Cancel;
use custodian_directory::Faults;
use support::{Setup, client, client_at, org, setup};

struct World {
    s: Setup,
    online: DirectoryClient,
    /// Where nothing listens: the directory as seen from a plane.
    offline: DirectoryClient,
    org: OrgId,
}

impl World {
    async fn new() -> Self {
        let s = setup(30, Faults::default()).await;
        let online = client(&s.server);
        let offline = client_at("http://127.0.0.1:9");
        let org = org(&s.server);
        Self {
            s,
            online,
            offline,
            org,
        }
    }

    fn via<'a>(&'a self, client: &'a DirectoryClient) -> Changing<'a> {
        Changing {
            client,
            cache: &self.s.cache,
            org: &self.org,
            connection: "Test directory",
            recognises_repeats: true,
        }
    }

    fn account(&self, pick: impl Fn(&custodian_directory::Showcase) -> &String) -> AccountId {
        AccountId::parse(pick(&self.s.server.seed().accounts).clone()).unwrap()
    }

    /// The account page was open: the account is cached as the directory had it.
    async fn open_page(&self, account: &AccountId) {
        custodian_core::account::refresh(&self.online, &self.s.cache, &self.org, account)
            .await
            .unwrap();
    }

    async fn submit_offline(&self, account: &AccountId, change: Change) -> PendingChange {
        match outbox::submit(&self.via(&self.offline), account, &change, None)
            .await
            .unwrap()
        {
            Submitted::Queued { change } => change,
            other => panic!("expected it queued, got {other:?}"),
        }
    }

    async fn send_all(&self) -> outbox::OutboxReport {
        outbox::send_pending(&self.via(&self.online), &Cancel::default(), |_| {})
            .await
            .unwrap()
    }

    async fn pending(&self) -> Vec<PendingChange> {
        self.s.cache.pending_changes().await.unwrap()
    }

    async fn job_title(&self, account: &AccountId) -> Option<String> {
        sqlx::query_scalar("SELECT job_title FROM accounts WHERE account_id = ?")
            .bind(account.as_str())
            .fetch_one(self.s.server.pool())
            .await
            .unwrap()
    }

    async fn events_for(&self, account: &AccountId) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM events WHERE target_id = ?")
            .bind(account.as_str())
            .fetch_one(self.s.server.pool())
            .await
            .unwrap()
    }

    /// Someone else, in Atlassian Administration, say.
    async fn someone_else_sets_job_title(&self, account: &AccountId, title: &str) {
        custodian_core::changes::apply(&self.via(&self.online), account, &job(title), None)
            .await
            .unwrap();
    }
}

fn job(title: &str) -> Change {
    Change::EditProfile {
        edits: vec![FieldEdit {
            field: ProfileField::JobTitle,
            value: title.into(),
        }],
    }
}

#[tokio::test]
async fn a_change_made_offline_waits_and_is_applied_when_the_directory_answers() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    w.open_page(&ana).await;

    let queued = w.submit_offline(&ana, job("Head of Platform")).await;
    assert_eq!(queued.state, PendingState::Pending);
    assert_eq!(queued.description, "Edit profile: Job title");
    assert_ne!(w.job_title(&ana).await.as_deref(), Some("Head of Platform"));

    let mut steps = Vec::new();
    let report = outbox::send_pending(&w.via(&w.online), &Cancel::default(), |p| steps.push(p))
        .await
        .unwrap();

    assert_eq!((report.applied, report.held, report.failed), (1, 0, 0));
    assert_eq!(w.job_title(&ana).await.as_deref(), Some("Head of Platform"));
    assert!(w.pending().await.is_empty());
    let last = steps.last().unwrap();
    assert_eq!((last.done, last.total), (1, 1));
    let cached =
        w.s.cache
            .account_details(ana.as_str())
            .await
            .unwrap()
            .unwrap();
    assert_eq!(
        cached.account.job_title.as_deref(),
        Some("Head of Platform")
    );
}

#[tokio::test]
async fn offline_changes_to_many_accounts_are_sent_in_the_order_they_were_made() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    w.open_page(&ana).await;

    w.submit_offline(&ana, job("First")).await;
    w.submit_offline(&ana, Change::RequirePasswordReset).await;
    w.submit_offline(&ana, job("Second")).await;
    // Still offline: nothing is sent, nothing is lost.
    let stopped = outbox::send_pending(&w.via(&w.offline), &Cancel::default(), |_| {})
        .await
        .unwrap();
    assert_eq!(stopped.stopped.unwrap().code, ErrorCode::Offline);
    assert_eq!(stopped.waiting, 3);
    assert_eq!(w.pending().await.len(), 3);

    let report = w.send_all().await;

    assert_eq!(report.applied, 3, "{report:?}");
    assert_eq!(w.job_title(&ana).await.as_deref(), Some("Second"));
}

#[tokio::test]
async fn a_change_whose_account_moved_meanwhile_is_held_with_both_sides() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    w.open_page(&ana).await;
    let before = w.job_title(&ana).await.unwrap_or_else(|| "—".into());

    w.submit_offline(&ana, job("Mine")).await;
    w.submit_offline(&ana, Change::RequirePasswordReset).await;
    w.someone_else_sets_job_title(&ana, "Theirs").await;
    let events = w.events_for(&ana).await;

    let report = w.send_all().await;

    assert_eq!((report.applied, report.held), (0, 2), "{report:?}");
    assert_eq!(w.job_title(&ana).await.as_deref(), Some("Theirs"));
    assert_eq!(w.events_for(&ana).await, events, "nothing was sent");
    let pending = w.pending().await;
    let conflict = &pending[0];
    assert_eq!(conflict.state, PendingState::Conflict);
    assert_eq!(conflict.base[0].label, "Job title");
    assert_eq!(conflict.base[0].value, before);
    assert_eq!(conflict.current.as_ref().unwrap()[0].value, "Theirs");
    // The later change to the same account waits for the admin's decision.
    assert_eq!(pending[1].state, PendingState::Pending);
    assert!(
        pending[1]
            .message
            .as_deref()
            .unwrap()
            .contains("earlier change")
    );

    // The admin keeps theirs: both go.
    outbox::keep_mine(&w.s.cache, conflict.id).await.unwrap();
    let report = w.send_all().await;
    assert_eq!(report.applied, 2, "{report:?}");
    assert_eq!(w.job_title(&ana).await.as_deref(), Some("Mine"));
}

#[tokio::test]
async fn discarding_a_conflict_keeps_what_the_directory_has() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    w.open_page(&ana).await;
    let mine = w.submit_offline(&ana, job("Mine")).await;
    w.someone_else_sets_job_title(&ana, "Theirs").await;
    w.send_all().await;

    outbox::discard(&w.s.cache, mine.id).await.unwrap();

    assert!(w.pending().await.is_empty());
    assert_eq!(w.job_title(&ana).await.as_deref(), Some("Theirs"));
    assert_eq!(w.send_all().await.applied, 0);
}

#[tokio::test]
async fn a_refusal_is_kept_with_its_reason_and_can_be_edited_and_sent_again() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    w.open_page(&ana).await;
    let email = Change::ChangeEmail {
        email: "ana@fabrikam.example".into(),
    };
    let queued = w.submit_offline(&ana, email).await;

    let report = w.send_all().await;

    assert_eq!(report.failed, 1);
    let failed = &w.pending().await[0];
    assert_eq!(failed.state, PendingState::Failed);
    assert_eq!(failed.error_code.as_deref(), Some("unverifiedDomain"));
    assert!(
        failed
            .message
            .as_deref()
            .unwrap()
            .contains("fabrikam.example")
    );

    // Edited to a verified domain, it goes.
    let domain = "northwind.example";
    let fixed = Change::ChangeEmail {
        email: format!("ana.new@{domain}"),
    };
    outbox::edit(&w.s.cache, queued.id, &fixed).await.unwrap();
    assert_eq!(w.send_all().await.applied, 1);
    let email: String = sqlx::query_scalar("SELECT email FROM accounts WHERE account_id = ?")
        .bind(ana.as_str())
        .fetch_one(w.s.server.pool())
        .await
        .unwrap();
    assert_eq!(email, format!("ana.new@{domain}"));
}

#[tokio::test]
async fn an_edit_is_checked_and_keeps_the_change_kind() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    w.open_page(&ana).await;
    let queued = w.submit_offline(&ana, job("Draft")).await;

    let bad = outbox::edit(&w.s.cache, queued.id, &job(&"x".repeat(300))).await;
    assert_eq!(bad.unwrap_err().code(), ErrorCode::InvalidInput);
    let other_kind = outbox::edit(&w.s.cache, queued.id, &Change::Delete).await;
    assert_eq!(other_kind.unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(w.pending().await[0].change, job("Draft"));

    outbox::edit(&w.s.cache, queued.id, &job("Final"))
        .await
        .unwrap();
    w.send_all().await;
    assert_eq!(w.job_title(&ana).await.as_deref(), Some("Final"));
}

#[tokio::test]
async fn a_change_made_online_is_applied_at_once_and_leaves_the_outbox_empty() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    w.open_page(&ana).await;

    let made = outbox::submit(&w.via(&w.online), &ana, &job("Online"), None)
        .await
        .unwrap();

    let Submitted::Applied { applied } = made else {
        panic!("expected it applied, got {made:?}");
    };
    let details = applied.details.clone().unwrap();
    assert_eq!(details.account.job_title.as_deref(), Some("Online"));
    assert!(w.pending().await.is_empty());

    // A refusal is the answer, not a queued failure.
    let refused = outbox::submit(
        &w.via(&w.online),
        &w.account(|s| &s.scim),
        &job("Nope"),
        None,
    )
    .await;
    assert_eq!(refused.unwrap_err().code(), ErrorCode::ReadOnlyField);
    assert!(w.pending().await.is_empty());
}

#[tokio::test]
async fn an_interrupted_change_is_sent_again_with_its_key_and_made_once() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    w.open_page(&ana).await;
    let queued = w.submit_offline(&ana, Change::RequirePasswordReset).await;
    let events = w.events_for(&ana).await;

    // Custodian marked it as being sent and sent it; then it was killed before it could
    // write down that the directory had made it.
    let now = custodian_core::clock::now_ms();
    assert!(
        w.s.cache
            .start_sending(queued.id, now, &queued.change)
            .await
            .unwrap()
    );
    let outgoing = w.s.cache.outgoing_change(queued.id).await.unwrap().unwrap();
    let keyed = w.online.with_idempotency_key(&outgoing.key);
    keyed.require_password_reset(&ana).await.unwrap();
    assert_eq!(w.events_for(&ana).await, events + 1);

    let report = w.send_all().await;

    assert_eq!(report.applied, 1, "{report:?}");
    assert_eq!(w.events_for(&ana).await, events + 1, "not made twice");
    assert!(w.pending().await.is_empty());
}

#[tokio::test]
async fn without_repeat_recognition_an_interrupted_change_that_may_have_arrived_is_held() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    w.open_page(&ana).await;
    let queued = w.submit_offline(&ana, job("Sent once")).await;
    let now = custodian_core::clock::now_ms();
    assert!(
        w.s.cache
            .start_sending(queued.id, now, &queued.change)
            .await
            .unwrap()
    );
    w.someone_else_sets_job_title(&ana, "Sent once").await;

    let atlassian_like = Changing {
        recognises_repeats: false,
        ..w.via(&w.online)
    };
    let report = outbox::send_pending(&atlassian_like, &Cancel::default(), |_| {})
        .await
        .unwrap();

    assert_eq!(report.held, 1, "{report:?}");
    let held = &w.pending().await[0];
    assert_eq!(held.state, PendingState::Conflict);
    assert!(held.message.as_deref().unwrap().contains("cannot tell"));
}

#[tokio::test]
async fn a_change_to_an_account_no_longer_managed_fails_with_the_reason() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    w.open_page(&ana).await;
    w.submit_offline(&ana, job("Gone")).await;
    sqlx::query("UPDATE accounts SET claim_status = 'unmanaged' WHERE account_id = ?")
        .bind(ana.as_str())
        .execute(w.s.server.pool())
        .await
        .unwrap();

    let report = w.send_all().await;

    assert_eq!(report.failed, 1, "{report:?}");
    let failed = &w.pending().await[0];
    assert_eq!(failed.error_code.as_deref(), Some("notFound"));
}

#[tokio::test]
async fn a_photo_made_offline_is_uploaded_from_the_outbox() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    w.open_page(&ana).await;
    let image = support::png(600, 400);
    let photo = custodian_core::photos::prepare(&image, None).unwrap();

    let made = outbox::submit(&w.via(&w.offline), &ana, &Change::SetPhoto, Some(&photo))
        .await
        .unwrap();
    let Submitted::Queued { change } = made else {
        panic!("expected it queued, got {made:?}");
    };
    let report = w.send_all().await;

    assert_eq!(report.applied, 1, "{report:?}");
    let thumbnail = w.s.cache.avatar(ana.as_str(), false).await.unwrap();
    assert!(thumbnail.is_some());
    // Sent, the outbox's copy of the image goes.
    let kept = w.s.cache.outgoing_change(change.id).await.unwrap().unwrap();
    assert!(kept.photo.is_none());
}

#[tokio::test]
async fn a_bulk_action_offline_waits_in_the_outbox_and_keeps_its_bulk_id() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    w.open_page(&ana).await;
    let accounts = vec![ana.as_str().to_owned()];

    let report = custodian_core::changes::apply_all(
        &w.via(&w.offline),
        &accounts,
        &custodian_core::changes::BulkAction::RequirePasswordReset,
        &Cancel::default(),
        |_| {},
    )
    .await
    .unwrap();

    assert_eq!((report.done, report.queued, report.failed), (0, 1, 0));
    assert_eq!(
        report.results[0].outcome,
        custodian_core::changes::Outcome::Queued
    );
    assert_eq!(w.send_all().await.applied, 1);
    let entry =
        &w.s.cache
            .audit_entries(&custodian_core::cache::AuditQuery::default())
            .await
            .unwrap()[0];
    assert_eq!(entry.operation, "requirePasswordReset");
    assert_eq!(entry.bulk_id.as_deref(), Some(report.bulk_id.as_str()));
}

#[tokio::test]
async fn a_change_discarded_or_edited_after_it_was_read_is_not_sent_as_it_was() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    w.open_page(&ana).await;
    let queued = w.submit_offline(&ana, job("Before the edit")).await;

    // A send read it; the admin edited it before the send marked it as being sent.
    outbox::edit(&w.s.cache, queued.id, &job("After the edit"))
        .await
        .unwrap();
    let now = custodian_core::clock::now_ms();
    assert!(
        !w.s.cache
            .start_sending(queued.id, now, &queued.change)
            .await
            .unwrap()
    );
    outbox::discard(&w.s.cache, queued.id).await.unwrap();
    assert!(
        !w.s.cache
            .start_sending(queued.id, now, &job("After the edit"))
            .await
            .unwrap()
    );

    assert_eq!(w.send_all().await.applied, 0);
    assert_ne!(w.job_title(&ana).await.as_deref(), Some("Before the edit"));
}

#[tokio::test]
async fn an_edit_over_a_conflict_is_sent_against_what_the_directory_has_now() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    w.open_page(&ana).await;
    let mine = w.submit_offline(&ana, job("Mine")).await;
    w.someone_else_sets_job_title(&ana, "Theirs").await;
    assert_eq!(w.send_all().await.held, 1);

    outbox::edit(&w.s.cache, mine.id, &job("Mine, reconsidered"))
        .await
        .unwrap();

    assert_eq!(w.send_all().await.applied, 1);
    assert_eq!(
        w.job_title(&ana).await.as_deref(),
        Some("Mine, reconsidered")
    );
}

#[tokio::test]
async fn a_change_the_directory_will_not_show_fails_with_why_and_the_others_go_on() {
    let w = World::new().await;
    let ana = w.account(|s| &s.invited);
    let bea: String = sqlx::query_scalar(
        "SELECT account_id FROM accounts WHERE management_source = 'invited'
             AND account_status = 'active' AND claim_status = 'managed' AND is_org_admin = 0
             AND account_id != ? ORDER BY seq LIMIT 1",
    )
    .bind(ana.as_str())
    .fetch_one(w.s.server.pool())
    .await
    .unwrap();
    let bea = AccountId::parse(bea).unwrap();
    w.open_page(&ana).await;
    w.open_page(&bea).await;
    w.submit_offline(&ana, job("Not readable")).await;
    w.submit_offline(&bea, Change::RequirePasswordReset).await;
    // Ana is no longer managed: the directory will not show her.
    sqlx::query("UPDATE accounts SET claim_status = 'unmanaged' WHERE account_id = ?")
        .bind(ana.as_str())
        .execute(w.s.server.pool())
        .await
        .unwrap();

    let report = w.send_all().await;

    assert_eq!((report.failed, report.applied), (1, 1), "{report:?}");
    assert!(report.stopped.is_none());
}
