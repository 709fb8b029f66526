//! An incremental sync: the directory's audit events since the last sync say which accounts
//! changed; only those are read again. It declines (and a full sync runs instead) when its
//! answer could not be trusted: no sync to start from, one too old, events that cannot be
//! read, or so many that reading everything is as cheap.

use std::collections::BTreeSet;
use std::time::Instant;

use super::{Cancel, PAGE_SIZE, SyncError, SyncKind, SyncProgress, SyncReport, users};
use crate::cache::Cache;
use crate::clock;
use crate::directory::model::{EventQuery, UserSearch};
use crate::directory::{DirectoryClient, DirectoryError, DirectoryId, OrgId};

/// Past this age, a full sync: the events API is not the only way accounts change (an
/// identity provider, a claim), and a daily full sync bounds how long such a change hides.
pub const FULL_SYNC_EVERY_MS: i64 = 24 * 60 * 60 * 1000;

/// More changed accounts than this, and a full sync is cheaper than reading them one page of
/// ids at a time.
const MAX_CHANGED: usize = 5_000;

/// Events are read from a little before the last sync began, in case clocks disagree.
const CLOCK_SKEW_MS: i64 = 60_000;

/// `Ok(None)` when an incremental sync cannot be trusted here and a full one should run.
pub async fn run(
    client: &DirectoryClient,
    org: &OrgId,
    cache: &Cache,
    cancel: &Cancel,
    on_progress: &mut impl FnMut(SyncProgress),
) -> Result<Option<SyncReport>, SyncError> {
    let state = cache.sync_state(org.as_str()).await?;
    let started_at = clock::now_ms();
    let (Some(last_full), Some(since)) = (state.last_full_sync, state.last_sync) else {
        return Ok(None);
    };
    if started_at - last_full > FULL_SYNC_EVERY_MS {
        return Ok(None);
    }
    let started = Instant::now();

    let query = EventQuery {
        from: Some(since - CLOCK_SKEW_MS),
        ..EventQuery::default()
    };
    let mut events = client.events(org, &query)?;
    let mut changed = BTreeSet::new();
    loop {
        match events.next_page().await {
            Ok(Some(page)) => {
                let users = page.iter().flat_map(|event| &event.attributes.context);
                changed.extend(
                    users
                        .filter(|o| o.kind.as_deref() == Some("users"))
                        .map(|o| o.id.clone()),
                );
                if changed.len() > MAX_CHANGED {
                    return Ok(None);
                }
            }
            Ok(None) => break,
            // A key that may not read the audit trail, or a backend without one: read all.
            Err(DirectoryError::Refused(_) | DirectoryError::Admin(_)) => return Ok(None),
            Err(error) => return Err(error.into()),
        }
        if cancel.is_cancelled() {
            return Err(SyncError::Cancelled);
        }
    }

    let changed: Vec<String> = changed.into_iter().collect();
    let total = Some(changed.len() as u32);
    let mut done = 0u32;
    let mut removed = 0u64;
    on_progress(SyncProgress::new(done, total, started.elapsed()));
    for ids in changed.chunks(PAGE_SIZE as usize) {
        if cancel.is_cancelled() {
            return Err(SyncError::Cancelled);
        }
        let search = UserSearch {
            limit: Some(PAGE_SIZE),
            account_ids: ids.to_vec(),
            claim_status: Some("managed".into()),
            expand: vec!["productAccess".into()],
            ..UserSearch::default()
        };
        let read_at = clock::now_ms();
        let found = client
            .search_users(org, &DirectoryId::all(), &search)?
            .collect_all()
            .await?;
        let records: Vec<_> = found.into_iter().map(users::to_record).collect();
        // Changed accounts the directory no longer lists as managed leave the cache.
        let gone: Vec<String> = ids
            .iter()
            .filter(|id| {
                !records
                    .iter()
                    .any(|record| &record.account.account_id == *id)
            })
            .cloned()
            .collect();
        cache.store_accounts(&records, read_at).await?;
        removed += cache.remove_accounts(&gone).await?;
        done += ids.len() as u32;
        on_progress(SyncProgress::new(done, total, started.elapsed()));
    }
    cache
        .finish_incremental_sync(org.as_str(), started_at, clock::now_ms())
        .await?;
    Ok(Some(SyncReport {
        kind: SyncKind::Incremental,
        accounts: done,
        removed: removed as u32,
        millis: started.elapsed().as_millis() as u32,
    }))
}
