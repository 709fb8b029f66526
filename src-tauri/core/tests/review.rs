//! Access reviews against a real directory over HTTP: a review snapshots the accounts its
//! filters match, keeps the admin's decisions across a restart, refuses bad input without
//! changing anything, and applies its decisions through the outbox.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot proceed should panic

mod support;

use std::collections::BTreeSet;

use custodian_core::ErrorCode;
use custodian_core::cache::{
    Account, AccountFilter, AccountQuery, AccountRecord, AccountStatus, Cache, Lifecycle,
    ManagedBy, PendingState, ProductAccess,
};
use custodian_core::changes::{Change, Changing};
use custodian_core::clock;
use custodian_core::directory::{DirectoryClient, OrgId};
use custodian_core::outbox;
use custodian_core::review::{
    self, Decision, MAX_ACCOUNTS, MAX_NOTE, MAX_PAGE, Review, ReviewItem, ReviewSummary,
};
use custodian_core::sync::{self, Cancel};
use custodian_directory::Faults;
use support::{Setup, client, org, setup};

struct World {
    s: Setup,
    client: DirectoryClient,
    org: OrgId,
}

impl World {
    async fn new() -> Self {
        let s = setup(60, Faults::default()).await;
        let client = client(&s.server);
        let org = org(&s.server);
        sync::sync(&client, &org, &s.cache, &Cancel::default(), |_| {})
            .await
            .unwrap();
        Self { s, client, org }
    }

    fn cache(&self) -> &Cache {
        &self.s.cache
    }

    fn changing(&self) -> Changing<'_> {
        Changing {
            client: &self.client,
            cache: &self.s.cache,
            org: &self.org,
            connection: "Test directory",
            recognises_repeats: true,
        }
    }

    async fn start(&self, name: &str, query: &AccountQuery) -> Review {
        review::start(self.cache(), name, query, clock::now_ms())
            .await
            .unwrap()
    }

    async fn items(&self, review: &Review) -> Vec<ReviewItem> {
        review::items(self.cache(), review.id, 0, MAX_PAGE)
            .await
            .unwrap()
            .items
    }

    async fn decide(
        &self,
        review: &Review,
        position: u32,
        decision: Option<Decision>,
        note: &str,
    ) -> Result<ReviewItem, review::ReviewError> {
        review::decide(
            self.cache(),
            review.id,
            position,
            decision,
            note.to_owned(),
            clock::now_ms(),
        )
        .await
    }

    /// How many of the review's accounts have a decision, as its page says.
    async fn reviewed(&self, review: &Review) -> u32 {
        let page = review::items(self.cache(), review.id, 0, 0).await.unwrap();
        assert!(page.items.is_empty());
        page.reviewed
    }

    /// The account ids the account list shows for a query, in its order.
    async fn listed(&self, query: &AccountQuery) -> Vec<String> {
        let window = AccountQuery {
            limit: 500,
            ..query.clone()
        };
        self.cache()
            .search(&window, clock::now())
            .await
            .unwrap()
            .accounts
            .into_iter()
            .map(|account| account.account_id)
            .collect()
    }

    async fn status_on_directory(&self, account_id: &str) -> String {
        sqlx::query_scalar("SELECT account_status FROM accounts WHERE account_id = ?")
            .bind(account_id)
            .fetch_one(self.s.server.pool())
            .await
            .unwrap()
    }

    async fn roles_on_directory(&self, account_id: &str, site: &str) -> i64 {
        sqlx::query_scalar(
            "SELECT count(*) FROM product_roles WHERE account_id = ? AND resource_id = ?",
        )
        .bind(account_id)
        .bind(site)
        .fetch_one(self.s.server.pool())
        .await
        .unwrap()
    }

    /// Active accounts other than the admin's own (which the directory will not let the
    /// admin deactivate), by name: a review to apply.
    async fn review_of_active_accounts(&self) -> (Review, Vec<ReviewItem>) {
        let review = self.start("Active accounts", &active()).await;
        let admin = &self.s.server.seed().accounts.admin;
        let items = self
            .items(&review)
            .await
            .into_iter()
            .filter(|item| &item.account_id != admin)
            .collect();
        (review, items)
    }
}

fn filtered(filter: AccountFilter) -> AccountQuery {
    AccountQuery {
        filter,
        ..AccountQuery::default()
    }
}

fn without_two_step() -> AccountQuery {
    filtered(AccountFilter {
        two_step_enabled: Some(false),
        ..AccountFilter::default()
    })
}

fn active() -> AccountQuery {
    filtered(AccountFilter {
        statuses: vec![AccountStatus::Active],
        ..AccountFilter::default()
    })
}

fn remove(product: &str) -> Option<Decision> {
    Some(Decision::RemoveProduct {
        product: product.to_owned(),
    })
}

#[tokio::test]
async fn a_review_snapshots_exactly_the_accounts_its_filters_match_in_their_order() {
    let w = World::new().await;
    let query = without_two_step();
    let review = w.start("  No two-step verification ", &query).await;

    assert_eq!(review.name, "No two-step verification");
    assert_eq!(review.query.filter, query.filter);
    assert_eq!((review.reviewed, review.applied_at), (0, None));
    let items = w.items(&review).await;
    let ids: Vec<String> = items.iter().map(|i| i.account_id.clone()).collect();
    assert_eq!(ids, w.listed(&query).await);
    assert_eq!(review.total as usize, ids.len());
    let positions: Vec<u32> = items.iter().map(|i| i.position).collect();
    assert_eq!(positions, (0..review.total).collect::<Vec<_>>());
    assert!(items.iter().all(|i| i.two_step_enabled == Some(false)));
    assert!(
        items
            .iter()
            .all(|i| i.decision.is_none() && i.note.is_empty())
    );

    // Exactly the managed accounts the directory has without two-step verification.
    let expected: BTreeSet<String> = sqlx::query_scalar(
        "SELECT account_id FROM accounts WHERE claim_status = 'managed' AND mfa_enabled = 0",
    )
    .fetch_all(w.s.server.pool())
    .await
    .unwrap()
    .into_iter()
    .collect();
    assert!(!expected.is_empty());
    assert_eq!(ids.iter().cloned().collect::<BTreeSet<_>>(), expected);

    // A window of it.
    let page = review::items(w.cache(), review.id, 1, 2).await.unwrap();
    assert_eq!(page.total, review.total);
    let window: Vec<&str> = page.items.iter().map(|i| i.account_id.as_str()).collect();
    assert_eq!(window, [ids[1].as_str(), ids[2].as_str()]);
}

#[tokio::test]
async fn a_review_of_inactive_accounts_keeps_its_accounts_while_the_list_changes() {
    let w = World::new().await;
    let query = filtered(AccountFilter {
        inactive_days: Some(30),
        ..AccountFilter::default()
    });
    let review = w.start("Inactive 30+ days", &query).await;
    let items = w.items(&review).await;
    let month_ago = clock::now() - 30 * 86_400;
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|i| i.last_active.is_none_or(|at| at < month_ago))
    );
    let ids: Vec<String> = items.iter().map(|i| i.account_id.clone()).collect();
    assert_eq!(ids, w.listed(&query).await);

    // The directory stops managing one of them; the review still holds it, as it was.
    let gone = items[0].clone();
    w.cache()
        .remove_accounts(std::slice::from_ref(&gone.account_id))
        .await
        .unwrap();
    let after = w.items(&review).await;
    assert_eq!(after.len(), items.len());
    let kept = &after[0];
    assert_eq!(
        (&kept.account_id, &kept.name, &kept.email),
        (&gone.account_id, &gone.name, &gone.email)
    );
    assert_eq!(kept.status, None);
    assert!(kept.products.is_empty());
    assert_eq!(after[1..], items[1..]);
}

#[tokio::test]
async fn decisions_and_notes_survive_a_restart() {
    let w = World::new().await;
    let review = w.start("Quarterly review", &active()).await;
    let items = w.items(&review).await;
    let product = items[2].products[0].product.clone();

    let kept = w
        .decide(&review, 0, Some(Decision::Keep), "On the platform team")
        .await
        .unwrap();
    assert_eq!(kept.decision, Some(Decision::Keep));
    assert_eq!(kept.note, "On the platform team");
    assert!(kept.decided_at.is_some());
    w.decide(&review, 1, Some(Decision::Deactivate), "Left in March")
        .await
        .unwrap();
    let removed = w.decide(&review, 2, remove(&product), "").await.unwrap();
    assert_eq!(removed.decision, remove(&product));
    w.decide(
        &review,
        3,
        Some(Decision::FollowUp),
        "Asked their manager.\r\nWaiting for an answer.",
    )
    .await
    .unwrap();
    let before = review::items(w.cache(), review.id, 0, MAX_PAGE)
        .await
        .unwrap();
    assert_eq!((before.total, before.reviewed), (review.total, 4));
    assert_eq!(
        before.items[3].note,
        "Asked their manager.\nWaiting for an answer."
    );

    // Custodian quits and starts again.
    let Setup { server, cache, dir } = w.s;
    drop(cache);
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();

    let after = review::items(&cache, review.id, 0, MAX_PAGE).await.unwrap();
    assert_eq!(after, before);
    let listed = review::reviews(&cache).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].id, listed[0].total, listed[0].reviewed),
        (review.id, review.total, 4)
    );
    assert_eq!(listed[0].name, "Quarterly review");
    drop(server);
}

#[tokio::test]
async fn progress_counts_decisions_and_a_decision_can_be_cleared() {
    let w = World::new().await;
    let first = w.start("First", &active()).await;
    let second = w.start("Second", &without_two_step()).await;

    w.decide(&first, 0, Some(Decision::Keep), "").await.unwrap();
    w.decide(&first, 1, Some(Decision::FollowUp), "")
        .await
        .unwrap();
    // A note alone is not a decision.
    let noted = w.decide(&first, 2, None, "Not sure yet").await.unwrap();
    assert_eq!((noted.decision, noted.decided_at), (None, None));
    assert_eq!(noted.note, "Not sure yet");
    assert_eq!(w.reviewed(&first).await, 2);
    assert_eq!(w.reviewed(&second).await, 0);

    // Editing the note keeps when the decision was made; changing the decision does not.
    let decide_at = |decision: Option<Decision>, note: &str, ms: i64| {
        review::decide(w.cache(), first.id, 2, decision, note.to_owned(), ms)
    };
    let decided = decide_at(Some(Decision::FollowUp), "Not sure yet", 1_000);
    assert_eq!(decided.await.unwrap().decided_at, Some(1_000));
    let renoted = decide_at(Some(Decision::FollowUp), "Call on Monday", 2_000)
        .await
        .unwrap();
    assert_eq!(
        (renoted.decided_at, renoted.note.as_str()),
        (Some(1_000), "Call on Monday")
    );
    let changed = decide_at(Some(Decision::Keep), "Call on Monday", 3_000);
    assert_eq!(changed.await.unwrap().decided_at, Some(3_000));
    assert_eq!(w.reviewed(&first).await, 3);

    let cleared = w.decide(&first, 1, None, "").await.unwrap();
    assert_eq!((cleared.decision, cleared.decided_at), (None, None));
    let cleared = decide_at(None, "", 4_000).await.unwrap();
    assert_eq!((cleared.decision, cleared.decided_at), (None, None));
    assert_eq!(w.reviewed(&first).await, 1);

    // Newest first, each with its own progress.
    let listed = review::reviews(w.cache()).await.unwrap();
    let names: Vec<(&str, u32)> = listed
        .iter()
        .map(|r| (r.name.as_str(), r.reviewed))
        .collect();
    assert_eq!(names, [("Second", 0), ("First", 1)]);
}

#[tokio::test]
async fn bad_input_is_refused_and_changes_nothing() {
    let w = World::new().await;
    let now = clock::now_ms();

    let blank = review::start(w.cache(), "   ", &active(), now)
        .await
        .unwrap_err();
    assert_eq!(blank.code(), ErrorCode::InvalidInput);
    assert_eq!(blank.to_string(), "A review needs a name.");
    let nobody = filtered(AccountFilter {
        domain: Some("nowhere.example".into()),
        ..AccountFilter::default()
    });
    let empty = review::start(w.cache(), "Nobody", &nobody, now)
        .await
        .unwrap_err();
    assert_eq!(empty.code(), ErrorCode::InvalidInput);
    assert_eq!(
        empty.to_string(),
        "No account matches this search and these filters: there is nothing to review."
    );
    assert!(review::reviews(w.cache()).await.unwrap().is_empty());

    let review = w.start("Quarterly review", &active()).await;
    w.decide(&review, 0, Some(Decision::Keep), "Fine")
        .await
        .unwrap();
    let before = w.items(&review).await;
    let item = &before[0];
    let owned: BTreeSet<&str> = item.products.iter().map(|p| p.product.as_str()).collect();
    let lacking = [
        "jira-software",
        "confluence",
        "jira-servicedesk",
        "bitbucket",
    ]
    .into_iter()
    .find(|product| !owned.contains(product))
    .unwrap();

    let refusals = [
        w.decide(&review, 0, remove(lacking), "").await.unwrap_err(),
        w.decide(
            &review,
            0,
            Some(Decision::Deactivate),
            &"x".repeat(MAX_NOTE + 1),
        )
        .await
        .unwrap_err(),
        w.decide(&review, 0, Some(Decision::Deactivate), "tab\there")
            .await
            .unwrap_err(),
    ];
    for refusal in &refusals {
        assert_eq!(refusal.code(), ErrorCode::InvalidInput, "{refusal}");
    }
    assert_eq!(
        refusals[0].to_string(),
        format!("{} has no {lacking} access to remove.", item.name)
    );
    assert_eq!(
        refusals[1].to_string(),
        "A note is 1,000 characters at most."
    );

    let missing = review::items(w.cache(), review.id + 1, 0, 10)
        .await
        .unwrap_err();
    assert_eq!(missing.code(), ErrorCode::NotFound);
    let beyond = w
        .decide(&review, review.total, Some(Decision::Keep), "")
        .await
        .unwrap_err();
    assert_eq!(beyond.code(), ErrorCode::NotFound);

    assert_eq!(w.items(&review).await, before);
    assert_eq!(review::reviews(w.cache()).await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_summary_counts_decisions_and_the_changes_applying_would_queue() {
    let w = World::new().await;
    let review = w.start("Everyone", &AccountQuery::default()).await;
    let items = w.items(&review).await;
    let admin = &w.s.server.seed().accounts.admin;
    let deactivated = &w.s.server.seed().accounts.deactivated;
    let position = |id: &String| items.iter().position(|i| &i.account_id == id).unwrap() as u32;
    let active: Vec<&ReviewItem> = items
        .iter()
        .filter(|i| i.status == Some(AccountStatus::Active) && &i.account_id != admin)
        .collect();

    w.decide(&review, active[0].position, Some(Decision::Deactivate), "")
        .await
        .unwrap();
    // Already deactivated: nothing to change.
    w.decide(
        &review,
        position(deactivated),
        Some(Decision::Deactivate),
        "",
    )
    .await
    .unwrap();
    let product = &active[1].products[0].product;
    w.decide(&review, active[1].position, remove(product), "")
        .await
        .unwrap();
    w.decide(&review, active[2].position, Some(Decision::Keep), "")
        .await
        .unwrap();
    w.decide(&review, active[3].position, Some(Decision::Keep), "")
        .await
        .unwrap();
    w.decide(&review, active[4].position, Some(Decision::FollowUp), "")
        .await
        .unwrap();

    let summary = review::summary(w.cache(), review.id).await.unwrap();
    assert_eq!(
        summary,
        ReviewSummary {
            total: review.total,
            keep: 2,
            deactivate: 2,
            remove_product: 1,
            follow_up: 1,
            undecided: review.total - 6,
            changes: 2,
            already_queued: 0,
        }
    );

    let applied = review::apply(&w.changing(), review.id, clock::now_ms())
        .await
        .unwrap();
    assert_eq!(
        (applied.changes, applied.already_queued),
        (0, 2),
        "{applied:?}"
    );
    let item = review::items(w.cache(), review.id, position(deactivated), 1)
        .await
        .unwrap()
        .items
        .remove(0);
    assert_eq!(item.outcome.as_deref(), Some("Nothing to change"));
    let kept = review::items(w.cache(), review.id, active[2].position, 1)
        .await
        .unwrap()
        .items
        .remove(0);
    assert_eq!(kept.outcome, None);
}

#[tokio::test]
async fn applying_queues_each_decision_once_and_sending_makes_the_changes() {
    let w = World::new().await;
    let (review, items) = w.review_of_active_accounts().await;
    let (leaver, mover, stayer, unsure) = (&items[0], &items[1], &items[2], &items[3]);
    let access = &mover.products[0];
    w.decide(&review, leaver.position, Some(Decision::Deactivate), "Left")
        .await
        .unwrap();
    w.decide(
        &review,
        mover.position,
        remove(&access.product),
        "Moved team",
    )
    .await
    .unwrap();
    w.decide(&review, stayer.position, Some(Decision::Keep), "")
        .await
        .unwrap();
    w.decide(&review, unsure.position, Some(Decision::FollowUp), "")
        .await
        .unwrap();

    let summary = review::apply(&w.changing(), review.id, clock::now_ms())
        .await
        .unwrap();
    assert_eq!((summary.changes, summary.already_queued), (0, 2));

    let mut queued = w.cache().pending_changes().await.unwrap();
    queued.sort_by_key(|c| c.account_id != leaver.account_id);
    let made: Vec<(&str, &Change, Option<i64>, PendingState)> = queued
        .iter()
        .map(|c| (c.account_id.as_str(), &c.change, c.review_id, c.state))
        .collect();
    let deactivate = Change::Deactivate { message: None };
    let removal = Change::RemoveProduct {
        product: access.product.clone(),
        site: access.site.clone(),
    };
    assert_eq!(
        made,
        [
            (
                leaver.account_id.as_str(),
                &deactivate,
                Some(review.id),
                PendingState::Pending
            ),
            (
                mover.account_id.as_str(),
                &removal,
                Some(review.id),
                PendingState::Pending
            ),
        ]
    );
    let outcome = |items: &[ReviewItem], position: u32| {
        items
            .iter()
            .find(|i| i.position == position)
            .unwrap()
            .outcome
            .clone()
    };
    let now = w.items(&review).await;
    assert_eq!(
        outcome(&now, leaver.position).as_deref(),
        Some("Waiting to be sent")
    );
    assert_eq!(
        outcome(&now, mover.position).as_deref(),
        Some("Waiting to be sent")
    );
    assert_eq!(outcome(&now, stayer.position), None);
    let applied_at = review::reviews(w.cache()).await.unwrap()[0].applied_at;
    assert!(applied_at.is_some());

    // Twice: nothing queued twice.
    let again = review::apply(&w.changing(), review.id, clock::now_ms())
        .await
        .unwrap();
    assert_eq!(again, summary);
    assert_eq!(w.cache().pending_changes().await.unwrap().len(), 2);

    // A decision whose changes are queued stays as it is; the others may still change.
    let locked = w
        .decide(&review, leaver.position, Some(Decision::Keep), "")
        .await
        .unwrap_err();
    assert_eq!(locked.code(), ErrorCode::Conflict);
    w.decide(
        &review,
        stayer.position,
        Some(Decision::FollowUp),
        "Check again",
    )
    .await
    .unwrap();

    let report = outbox::send_pending(&w.changing(), &Cancel::default(), |_| {})
        .await
        .unwrap();
    assert_eq!((report.applied, report.held, report.failed), (2, 0, 0));
    assert_eq!(w.status_on_directory(&leaver.account_id).await, "inactive");
    assert_eq!(
        w.roles_on_directory(&mover.account_id, &access.site).await,
        0
    );

    let done = w.items(&review).await;
    assert_eq!(outcome(&done, leaver.position).as_deref(), Some("Applied"));
    assert_eq!(outcome(&done, mover.position).as_deref(), Some("Applied"));
    let leaver_now = done.iter().find(|i| i.position == leaver.position).unwrap();
    assert_eq!(leaver_now.status, Some(AccountStatus::Deactivated));
    let mover_now = done.iter().find(|i| i.position == mover.position).unwrap();
    assert!(!mover_now.products.iter().any(|p| p.site == access.site));
}

#[tokio::test]
async fn a_decision_whose_changes_were_discarded_can_be_decided_again() {
    let w = World::new().await;
    let (review, items) = w.review_of_active_accounts().await;
    let leaver = &items[0];
    w.decide(&review, leaver.position, Some(Decision::Deactivate), "")
        .await
        .unwrap();
    review::apply(&w.changing(), review.id, clock::now_ms())
        .await
        .unwrap();
    let queued = w.cache().pending_changes().await.unwrap();
    assert_eq!(queued.len(), 1);

    outbox::discard(w.cache(), queued[0].id).await.unwrap();
    let page = review::items(w.cache(), review.id, leaver.position, 1)
        .await
        .unwrap();
    assert_eq!(page.items[0].outcome.as_deref(), Some("Discarded"));

    let kept = w
        .decide(&review, leaver.position, Some(Decision::Keep), "Came back")
        .await
        .unwrap();
    assert_eq!((kept.decision, kept.outcome), (Some(Decision::Keep), None));
    let summary = review::apply(&w.changing(), review.id, clock::now_ms())
        .await
        .unwrap();
    assert_eq!(
        (summary.keep, summary.changes, summary.already_queued),
        (1, 0, 0)
    );
    assert!(w.cache().pending_changes().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_apply_stopped_before_it_recorded_its_changes_queues_nothing_twice() {
    let w = World::new().await;
    let (review, items) = w.review_of_active_accounts().await;
    let leaver = &items[0];
    w.decide(&review, leaver.position, Some(Decision::Deactivate), "")
        .await
        .unwrap();
    // What an apply had queued when Custodian quit, before recording it on the item.
    let account = custodian_core::directory::AccountId::parse(leaver.account_id.clone()).unwrap();
    let deactivate = Change::Deactivate { message: None };
    let id = outbox::queue(&w.changing(), &account, &deactivate, None, Some(review.id))
        .await
        .unwrap();

    let summary = review::apply(&w.changing(), review.id, clock::now_ms())
        .await
        .unwrap();
    assert_eq!((summary.changes, summary.already_queued), (0, 1));
    let queued = w.cache().pending_changes().await.unwrap();
    assert_eq!(queued.iter().map(|c| c.id).collect::<Vec<_>>(), [id]);
    let locked = w
        .decide(&review, leaver.position, Some(Decision::Keep), "")
        .await
        .unwrap_err();
    assert_eq!(locked.code(), ErrorCode::Conflict);
}

#[tokio::test]
async fn a_review_exports_as_csv_with_formulas_defused() {
    let w = World::new().await;
    let review = w.start("Quarterly review", &active()).await;
    let items = w.items(&review).await;
    let first = w
        .decide(
            &review,
            0,
            Some(Decision::Keep),
            "=HYPERLINK(\"http://evil\")",
        )
        .await
        .unwrap();
    let product = items[1].products[0].product.clone();
    w.decide(&review, 1, remove(&product), "Moved team, see ticket 42")
        .await
        .unwrap();

    let mut out = Vec::new();
    let written = review::write_csv(w.cache(), review.id, &mut out)
        .await
        .unwrap();
    assert_eq!(written, review.total);
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines.len(),
        review.total as usize + 2,
        "a trailing line break"
    );
    assert_eq!(
        lines[0],
        "Account,Email,Status,Last active,Decision,Note,Decided (UTC),Outcome"
    );
    let last_active = chrono::DateTime::from_timestamp(first.last_active.unwrap(), 0)
        .unwrap()
        .format("%Y-%m-%d")
        .to_string();
    let decided = chrono::DateTime::from_timestamp_millis(first.decided_at.unwrap())
        .unwrap()
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    assert_eq!(
        lines[1],
        format!(
            "{},{},Active,{last_active},Keep,\"'=HYPERLINK(\"\"http://evil\"\")\",{decided},",
            first.name, first.email
        )
    );
    assert!(
        lines[2].ends_with(&format!(
            ",Remove {product} access,\"Moved team, see ticket 42\",{},",
            chrono::DateTime::from_timestamp_millis(w.items(&review).await[1].decided_at.unwrap())
                .unwrap()
                .format("%Y-%m-%d %H:%M:%S")
        )),
        "{}",
        lines[2]
    );
    assert!(lines[3].ends_with(",,,,"), "undecided: {}", lines[3]);

    review::delete(w.cache(), review.id).await.unwrap();
    let gone = review::write_csv(w.cache(), review.id, &mut Vec::new())
        .await
        .unwrap_err();
    assert_eq!(gone.code(), ErrorCode::NotFound);
    assert!(review::reviews(w.cache()).await.unwrap().is_empty());
}

fn record(n: usize, status: AccountStatus) -> AccountRecord {
    AccountRecord {
        account: Account {
            account_id: format!("712020:{n:08}"),
            name: format!("Person {n:05}"),
            public_name: None,
            email: format!("person{n}@example.com"),
            job_title: None,
            department: None,
            organization: None,
            location: None,
            time_zone: None,
            locale: None,
            status,
            managed_by: ManagedBy::Invited,
            two_step_enabled: true,
            product_count: 1,
            last_active: None,
            added_to_org: None,
        },
        products: vec![ProductAccess {
            product: "confluence".into(),
            site: "ari:cloud:confluence::site/1".into(),
            role: None,
            last_active: None,
        }],
        lifecycle: Lifecycle::default(),
    }
}

#[tokio::test]
async fn a_review_holds_at_most_ten_thousand_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let mut records: Vec<AccountRecord> = (0..MAX_ACCOUNTS)
        .map(|n| record(n, AccountStatus::Active))
        .collect();
    records.push(record(MAX_ACCOUNTS, AccountStatus::Suspended));
    cache.store_accounts(&records, 1).await.unwrap();

    let now = clock::now_ms();
    let everyone = review::start(&cache, "Everyone", &AccountQuery::default(), now)
        .await
        .unwrap_err();
    assert_eq!(everyone.code(), ErrorCode::InvalidInput);
    assert_eq!(
        everyone.to_string(),
        "More than 10,000 accounts match: narrow the search or the filters to review at most \
         10,000 at a time."
    );
    assert!(review::reviews(&cache).await.unwrap().is_empty());

    let review = review::start(&cache, "Active", &active(), now)
        .await
        .unwrap();
    assert_eq!(review.total as usize, MAX_ACCOUNTS);
    let last = review::items(&cache, review.id, review.total - 1, 10)
        .await
        .unwrap();
    assert_eq!(last.items.len(), 1);
    assert_eq!(
        last.items[0].name,
        format!("Person {:05}", MAX_ACCOUNTS - 1)
    );
    assert_eq!(last.items[0].position, review.total - 1);
    assert_eq!(last.items[0].products.len(), 1);
}
