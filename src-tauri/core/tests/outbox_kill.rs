//! The kill test: nothing lost, nothing doubled. A queue of changes is sent by a separate
//! process, which is killed (SIGKILL) at a random moment, again and again, until a run
//! gets to the end. Then every change must have been made on the directory exactly once,
//! be settled in the outbox, and have exactly one entry in the audit trail.
//!
//! Its own harness (`harness = false`): the same executable is the sender when
//! `CUSTODIAN_KILL_TEST_SENDER` names the cache, the directory and the organization.

// A test program without the test harness: a failure is a panic, as in any test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use custodian_core::cache::Cache;
use custodian_core::changes::{Change, Changing, FieldEdit, ProfileField};
use custodian_core::directory::{AccountId, OrgId};
use custodian_core::outbox;
use custodian_core::sync::Cancel;
use custodian_directory::Faults;

const SENDER: &str = "CUSTODIAN_KILL_TEST_SENDER";
const CHANGES: usize = 48;
/// Kills before the sender is let run to the end: enough kill points, and an end however
/// slow the machine is.
const KILLS: u32 = 80;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    match std::env::var(SENDER) {
        Ok(spec) => runtime.block_on(send(&spec)),
        Err(_) => {
            let started = Instant::now();
            let summary = runtime.block_on(kill_test());
            println!(
                "test outbox_kill ... ok ({summary}, {:.1} s)",
                started.elapsed().as_secs_f64()
            );
        }
    }
}

/// The sender: what Custodian does when the directory answers again.
async fn send(spec: &str) {
    let mut parts = spec.split('\n');
    let (cache, url, org) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let cache = Cache::open(std::path::Path::new(cache)).await.unwrap();
    let client = support::client_at(url);
    let org = OrgId::parse(org.to_owned()).unwrap();
    let to = Changing {
        client: &client,
        cache: &cache,
        org: &org,
        connection: "Kill test",
        recognises_repeats: true,
    };
    let report = outbox::send_pending(&to, &Cancel::default(), |_| {})
        .await
        .unwrap();
    assert!(report.stopped.is_none(), "{report:?}");
    std::process::exit(0);
}

/// What each account gets, and how to see on the directory that it has it.
fn change_for(index: usize) -> Change {
    match index % 3 {
        0 => Change::EditProfile {
            edits: vec![FieldEdit {
                field: ProfileField::JobTitle,
                value: format!("Kill test {index}"),
            }],
        },
        1 => Change::RequirePasswordReset,
        _ => Change::Deactivate { message: None },
    }
}

async fn kill_test() -> String {
    let s = support::setup_with(|config| {
        config.seed.accounts = 150;
        // Each request takes a little while, so kills land all along the way.
        config.faults = Faults {
            latency: Duration::from_millis(3),
            ..Faults::default()
        };
    })
    .await;
    let client = support::client(&s.server);
    let org = support::org(&s.server);
    let directory = s.server.pool();

    // Accounts Custodian may change: managed, active, not from an identity provider.
    let accounts: Vec<String> = sqlx::query_scalar(
        "SELECT account_id FROM accounts WHERE claim_status = 'managed'
             AND account_status = 'active' AND external_directory IS NULL
             AND is_org_admin = 0 AND password_reset_requested IS NULL
         ORDER BY seq LIMIT ?",
    )
    .bind(CHANGES as i64)
    .fetch_all(directory)
    .await
    .unwrap();
    assert_eq!(accounts.len(), CHANGES, "enough changeable accounts");

    // Offline, the admin made one change to each; they wait in the outbox.
    let to = Changing {
        client: &client,
        cache: &s.cache,
        org: &org,
        connection: "Kill test",
        recognises_repeats: true,
    };
    for (index, id) in accounts.iter().enumerate() {
        let account = AccountId::parse(id.clone()).unwrap();
        custodian_core::account::refresh(&client, &s.cache, &org, &account)
            .await
            .unwrap();
        outbox::queue(&to, &account, &change_for(index), None, None)
            .await
            .unwrap();
    }
    let events_before = events(directory, &accounts).await;
    let cache_path = s.dir.path().join("cache.sqlite");
    let spec = format!(
        "{}\n{}\n{}",
        cache_path.display(),
        s.server.url(),
        org.as_str()
    );

    // Kill the sender at random moments until one run gets to the end.
    let mut rng = fastrand::Rng::with_seed(7);
    let mut kills = 0;
    let mut in_doubt_kills = 0;
    let mut finished = false;
    while !finished {
        let mut sender = Command::new(std::env::current_exe().unwrap())
            .env(SENDER, &spec)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        // After KILLS kills, the sender gets all the time it needs.
        let pause = if kills < KILLS {
            Duration::from_millis(rng.u64(5..150))
        } else {
            Duration::from_secs(300)
        };
        let deadline = Instant::now() + pause;
        let status = loop {
            if let Some(status) = sender.try_wait().unwrap() {
                break Some(status);
            }
            if Instant::now() >= deadline {
                break None;
            }
            std::thread::sleep(Duration::from_millis(1));
        };
        match status {
            Some(status) => {
                assert!(status.success(), "the sender failed on its own: {status}");
                finished = true;
            }
            None => {
                sender.kill().unwrap(); // SIGKILL
                sender.wait().unwrap();
                kills += 1;
                if states(&s.cache).await.sending > 0 {
                    in_doubt_kills += 1;
                }
            }
        }
    }

    // Nothing lost: every change settled as applied.
    let end = states(&s.cache).await;
    assert_eq!(end.applied, CHANGES as i64, "{end:?}");
    assert_eq!(end.other, 0, "{end:?}");
    // Nothing doubled: exactly one event per account on the directory...
    let events_after = events(directory, &accounts).await;
    for ((id, before), (_, after)) in events_before.iter().zip(&events_after) {
        assert_eq!(
            after - before,
            1,
            "account {id}: {before} events, then {after}"
        );
    }
    // ...each change as made...
    for (index, id) in accounts.iter().enumerate() {
        let (job, reset, status): (Option<String>, Option<String>, String) = sqlx::query_as(
            "SELECT job_title, password_reset_requested, account_status FROM accounts
             WHERE account_id = ?",
        )
        .bind(id)
        .fetch_one(directory)
        .await
        .unwrap();
        match index % 3 {
            0 => assert_eq!(job, Some(format!("Kill test {index}"))),
            1 => assert!(reset.is_some(), "{id}: no reset required"),
            _ => assert_eq!(status, "inactive", "{id}"),
        }
    }
    // ...and one audit entry per change.
    let audited: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT outbox_id, count(*) FROM audit_log WHERE outbox_id IS NOT NULL
         GROUP BY outbox_id",
    )
    .fetch_all(&open_pool(&cache_path).await)
    .await
    .unwrap();
    assert_eq!(audited.len(), CHANGES);
    assert!(audited.iter().all(|(_, count)| *count == 1), "{audited:?}");

    assert!(
        kills >= 20,
        "only {kills} kills: the test did not test much"
    );
    assert!(
        in_doubt_kills >= 5,
        "only {in_doubt_kills} kills while a change was being sent"
    );
    format!(
        "{CHANGES} changes, {kills} kills, {in_doubt_kills} of them while a change was in flight"
    )
}

#[derive(Debug, Default)]
struct States {
    applied: i64,
    sending: i64,
    other: i64,
}

async fn states(cache: &Cache) -> States {
    let pending = cache.pending_changes().await.unwrap();
    let sending = pending
        .iter()
        .filter(|change| change.state == custodian_core::cache::PendingState::Sending)
        .count() as i64;
    let open = pending.len() as i64;
    States {
        applied: CHANGES as i64 - open,
        sending,
        other: open,
    }
}

async fn events(directory: &sqlx::SqlitePool, accounts: &[String]) -> Vec<(String, i64)> {
    let mut counts = Vec::new();
    for id in accounts {
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE target_id = ?")
            .bind(id)
            .fetch_one(directory)
            .await
            .unwrap();
        counts.push((id.clone(), count));
    }
    counts
}

async fn open_pool(path: &std::path::Path) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display()))
        .await
        .unwrap()
}
