//! What the cache knows of its syncs: when the last one finished, and why the last attempt
//! failed if it did. The status bar and the offline banner read this.

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

use super::CacheError;
use crate::ErrorCode;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncState {
    /// Unix milliseconds of the last full sync that finished.
    #[ts(type = "number | null")]
    pub last_full_sync: Option<i64>,
    /// Unix milliseconds of the last sync of any kind that finished.
    #[ts(type = "number | null")]
    pub last_sync: Option<i64>,
    #[ts(type = "number | null")]
    pub last_attempt: Option<i64>,
    /// Why the last attempt did not finish; none when it did.
    pub last_error: Option<String>,
    /// The directory could not be reached at the last attempt: the cache is all there is.
    pub offline: bool,
}

const OFFLINE: &str = "offline";

#[derive(sqlx::FromRow)]
struct Row {
    last_full_sync: Option<i64>,
    last_sync: Option<i64>,
    last_attempt: Option<i64>,
    last_error: Option<String>,
    last_error_code: Option<String>,
}

pub(super) async fn read(pool: &SqlitePool, org: &str) -> Result<SyncState, CacheError> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT last_full_sync, last_sync, last_attempt, last_error, last_error_code
         FROM sync_state WHERE org_id = ?",
    )
    .bind(org)
    .fetch_optional(pool)
    .await?;
    Ok(row
        .map(|row| SyncState {
            last_full_sync: row.last_full_sync,
            last_sync: row.last_sync,
            last_attempt: row.last_attempt,
            last_error: row.last_error,
            offline: row.last_error_code.as_deref() == Some(OFFLINE),
        })
        .unwrap_or_default())
}

/// A full sync finished: every account it did not refresh is gone from the directory.
/// Removing them and recording the sync is one transaction.
pub(super) async fn finish_full(
    pool: &SqlitePool,
    org: &str,
    started_at: i64,
    finished_at: i64,
) -> Result<u64, CacheError> {
    let mut tx = pool.begin().await?;
    let removed = sqlx::query("DELETE FROM accounts WHERE refreshed_at < ?")
        .bind(started_at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query(
        "INSERT INTO sync_state
             (org_id, last_full_sync, last_sync, last_attempt, last_error, last_error_code)
         VALUES (?, ?, ?, ?, NULL, NULL)
         ON CONFLICT (org_id) DO UPDATE SET last_full_sync = excluded.last_full_sync,
             last_sync = excluded.last_sync, last_attempt = excluded.last_attempt,
             last_error = NULL, last_error_code = NULL",
    )
    .bind(org)
    .bind(started_at)
    .bind(started_at)
    .bind(finished_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(removed)
}

pub(super) async fn record_failure(
    pool: &SqlitePool,
    org: &str,
    at: i64,
    error: &str,
    code: ErrorCode,
) -> Result<(), CacheError> {
    sqlx::query(
        "INSERT INTO sync_state (org_id, last_attempt, last_error, last_error_code)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (org_id) DO UPDATE SET last_attempt = excluded.last_attempt,
             last_error = excluded.last_error, last_error_code = excluded.last_error_code",
    )
    .bind(org)
    .bind(at)
    .bind(error)
    .bind(if code == ErrorCode::Offline {
        OFFLINE
    } else {
        "other"
    })
    .execute(pool)
    .await?;
    Ok(())
}

/// An incremental sync that started at `started_at` (Unix ms) finished: the next one reads
/// the directory's events from then on.
pub(super) async fn finish_incremental(
    pool: &SqlitePool,
    org: &str,
    started_at: i64,
    finished_at: i64,
) -> Result<(), CacheError> {
    sqlx::query(
        "UPDATE sync_state SET last_sync = ?, last_attempt = ?, last_error = NULL,
             last_error_code = NULL
         WHERE org_id = ?",
    )
    .bind(started_at)
    .bind(finished_at)
    .bind(org)
    .execute(pool)
    .await?;
    Ok(())
}
