//! Keeping the cache in step with the directory: a full sync pages through every managed
//! account, one page per transaction, and then removes what the directory no longer has.
//!
//! A sync that fails halfway leaves every page it stored (each a true account as of its
//! page), removes nothing, and records why it stopped; the next sync starts over.

mod incremental;
mod progress;
pub(crate) mod users;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use progress::SyncProgress;

use crate::ErrorCode;
use crate::cache::{Cache, CacheError};
use crate::clock;
use crate::directory::model::UserSearch;
use crate::directory::{DirectoryClient, DirectoryError, DirectoryId, OrgId};

/// The largest page the directory serves.
const PAGE_SIZE: u32 = 100;

/// Accounts stored per transaction: ten pages. Larger batches write faster; a sync that
/// fails loses at most this much of its progress, which the next sync fetches again.
const BATCH: usize = 1_000;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the sync was cancelled")]
    Cancelled,
    #[error("the directory has no organization this key can administer")]
    NoOrganization,
    #[error(transparent)]
    Directory(#[from] DirectoryError),
    #[error(transparent)]
    Cache(#[from] CacheError),
}

impl SyncError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Cancelled => ErrorCode::Cancelled,
            Self::NoOrganization => ErrorCode::NotPermitted,
            Self::Directory(error) => error.code(),
            Self::Cache(error) => error.code(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SyncKind {
    /// Every managed account read again.
    Full,
    /// Only the accounts the directory's events say changed.
    Incremental,
}

/// What a finished sync did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    pub kind: SyncKind,
    /// Accounts read (all of them, or the changed ones).
    pub accounts: u32,
    /// Accounts the directory no longer has, removed from the cache.
    pub removed: u32,
    pub millis: u32,
}

/// Asked between pages: has the admin cancelled?
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Brings the cache up to date: incrementally from the directory's events when that can be
/// trusted, else with a full sync.
pub async fn sync(
    client: &DirectoryClient,
    org: &OrgId,
    cache: &Cache,
    cancel: &Cancel,
    mut on_progress: impl FnMut(SyncProgress),
) -> Result<SyncReport, SyncError> {
    match incremental::run(client, org, cache, cancel, &mut on_progress).await {
        Ok(Some(report)) => Ok(report),
        Ok(None) => full_sync(client, org, cache, cancel, on_progress).await,
        Err(error) => {
            cache
                .record_sync_failure(
                    org.as_str(),
                    clock::now_ms(),
                    &error.to_string(),
                    error.code(),
                )
                .await?;
            Err(error)
        }
    }
}

/// Reads every managed account of `org` into the cache.
pub async fn full_sync(
    client: &DirectoryClient,
    org: &OrgId,
    cache: &Cache,
    cancel: &Cancel,
    mut on_progress: impl FnMut(SyncProgress),
) -> Result<SyncReport, SyncError> {
    let result = run_full_sync(client, org, cache, cancel, &mut on_progress).await;
    if let Err(error) = &result {
        cache
            .record_sync_failure(
                org.as_str(),
                clock::now_ms(),
                &error.to_string(),
                error.code(),
            )
            .await?;
    }
    result
}

async fn run_full_sync(
    client: &DirectoryClient,
    org: &OrgId,
    cache: &Cache,
    cancel: &Cancel,
    on_progress: &mut impl FnMut(SyncProgress),
) -> Result<SyncReport, SyncError> {
    let started = Instant::now();
    let started_at = clock::now_ms();
    let total = cache.account_count().await.ok().filter(|count| *count > 0);
    let search = UserSearch {
        limit: Some(PAGE_SIZE),
        claim_status: Some("managed".into()),
        expand: vec!["productAccess".into()],
        ..UserSearch::default()
    };
    let mut pages = client.search_users(org, &DirectoryId::all(), &search)?;
    let mut done = 0u32;
    let mut batch = Vec::with_capacity(BATCH);
    on_progress(SyncProgress::new(done, total, started.elapsed()));
    // A batch is stored as of when its first page was asked for: an account changed and
    // read back since then is newer, and the cache keeps that (see cache/accounts.rs).
    let mut page_asked_at = clock::now_ms();
    let mut batch_read_at = page_asked_at;
    let mut next = pages.next_page().await?;
    while let Some(users) = next {
        if cancel.is_cancelled() {
            return Err(SyncError::Cancelled);
        }
        if batch.is_empty() {
            batch_read_at = page_asked_at;
        }
        batch.extend(users.into_iter().map(users::to_record));
        page_asked_at = clock::now_ms();
        if batch.len() >= BATCH {
            // The next page travels while this batch is written.
            let (fetched, stored) = tokio::join!(
                pages.next_page(),
                cache.store_accounts(&batch, batch_read_at)
            );
            stored?;
            done += batch.len() as u32;
            batch.clear();
            on_progress(SyncProgress::new(done, total, started.elapsed()));
            next = fetched?;
        } else {
            next = pages.next_page().await?;
        }
    }
    if !batch.is_empty() {
        cache.store_accounts(&batch, batch_read_at).await?;
        done += batch.len() as u32;
        on_progress(SyncProgress::new(done, total, started.elapsed()));
    }
    let removed = cache
        .finish_full_sync(org.as_str(), started_at, clock::now_ms())
        .await?;
    Ok(SyncReport {
        kind: SyncKind::Full,
        accounts: done,
        removed: removed as u32,
        millis: started.elapsed().as_millis() as u32,
    })
}
