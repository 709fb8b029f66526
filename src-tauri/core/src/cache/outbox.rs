//! The outbox's table: changes waiting to be sent, kept in the connection's database so
//! that none is lost when Custodian stops. Every step of a change's way is one committed
//! write; the one that ends it also writes its audit entry, in the same transaction.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sqlx::{Sqlite, SqliteConnection, Transaction};
use ts_rs::TS;

use super::audit::{self, NewAuditEntry};
use super::{Cache, CacheError};
use crate::changes::{Change, Fact};

/// Where a queued change stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PendingState {
    /// Waits its turn.
    Pending,
    /// Being sent; after a crash, it may or may not have reached the directory.
    Sending,
    /// The account changed meanwhile: the admin decides.
    Conflict,
    /// The directory refused it; the reason is kept.
    Failed,
    Applied,
}

impl PendingState {
    fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Conflict => "conflict",
            Self::Failed => "failed",
            Self::Applied => "applied",
        }
    }
}

impl TryFrom<String> for PendingState {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        [
            Self::Pending,
            Self::Sending,
            Self::Conflict,
            Self::Failed,
            Self::Applied,
        ]
        .into_iter()
        .find(|state| state.as_str() == text)
        .ok_or_else(|| format!("{text:?} is not an outbox state"))
    }
}

/// A change in the outbox, as the Pending changes panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PendingChange {
    #[ts(type = "number")]
    pub id: i64,
    /// Unix ms.
    #[ts(type = "number")]
    pub queued_at: i64,
    pub account_id: String,
    pub account_name: String,
    pub account_email: String,
    pub change: Change,
    pub description: String,
    pub state: PendingState,
    pub attempts: u32,
    /// Unix ms of the last step.
    #[ts(type = "number")]
    pub updated_at: i64,
    pub error_code: Option<String>,
    /// Why it failed or is held, in the admin's words.
    pub message: Option<String>,
    /// The facts it touches, as the admin saw them when making it.
    pub base: Vec<Fact>,
    /// For a conflict: the same facts as the directory has them now.
    pub current: Option<Vec<Fact>>,
    #[ts(type = "number | null")]
    pub review_id: Option<i64>,
}

/// A change to queue.
#[derive(Debug, Clone)]
pub struct NewPendingChange {
    pub key: String,
    pub queued_at: i64,
    pub account_id: String,
    pub account_name: String,
    pub account_email: String,
    pub change: Change,
    pub base: Vec<Fact>,
    /// A new photo's image and its content type.
    pub photo: Option<(Vec<u8>, String)>,
    pub review_id: Option<i64>,
    /// The bulk action it is part of.
    pub bulk_id: Option<String>,
}

/// What sending a change needs beyond what the panel shows.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub change: PendingChange,
    pub key: String,
    pub photo: Option<(Vec<u8>, String)>,
    pub bulk_id: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    key: String,
    queued_at: i64,
    account_id: String,
    account_name: String,
    account_email: String,
    change: String,
    base: String,
    state: String,
    attempts: i64,
    updated_at: i64,
    error_code: Option<String>,
    message: Option<String>,
    current: Option<String>,
    review_id: Option<i64>,
    photo: Option<Vec<u8>>,
    photo_type: Option<String>,
    bulk_id: Option<String>,
}

const COLUMNS: &str = "id, key, queued_at, account_id, account_name, account_email, change,
    base, state, attempts, updated_at, error_code, message, current, review_id, bulk_id";

fn decode<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, CacheError> {
    serde_json::from_str(json).map_err(|e| CacheError::Encoding(e.to_string()))
}

fn encode<T: Serialize + ?Sized>(value: &T) -> Result<String, CacheError> {
    serde_json::to_string(value).map_err(|e| CacheError::Encoding(e.to_string()))
}

impl Row {
    fn into_outgoing(self) -> Result<Outgoing, CacheError> {
        let photo = self.photo.zip(self.photo_type);
        let key = self.key;
        let bulk_id = self.bulk_id;
        let change = PendingChange {
            id: self.id,
            queued_at: self.queued_at,
            account_id: self.account_id,
            account_name: self.account_name,
            account_email: self.account_email,
            description: String::new(),
            change: decode(&self.change)?,
            state: PendingState::try_from(self.state).map_err(CacheError::Encoding)?,
            attempts: u32::try_from(self.attempts).unwrap_or(u32::MAX),
            updated_at: self.updated_at,
            error_code: self.error_code,
            message: self.message,
            base: decode(&self.base)?,
            current: self.current.as_deref().map(decode).transpose()?,
            review_id: self.review_id,
        };
        let description = change.change.describe();
        Ok(Outgoing {
            change: PendingChange {
                description,
                ..change
            },
            key,
            photo,
            bulk_id,
        })
    }
}

/// How a change's way ends.
#[derive(Debug, Clone)]
pub enum Settled {
    Applied,
    Failed { code: String, message: String },
}

impl Cache {
    /// Queues a change behind every other; returns its id.
    pub async fn queue_change(&self, change: &NewPendingChange) -> Result<i64, CacheError> {
        let (photo, photo_type) = change.photo.clone().unzip();
        let id = sqlx::query_scalar(
            "INSERT INTO outbox (key, queued_at, account_id, account_name, account_email,
                 change, base, photo, photo_type, state, updated_at, review_id, bulk_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?) RETURNING id",
        )
        .bind(&change.key)
        .bind(change.queued_at)
        .bind(&change.account_id)
        .bind(&change.account_name)
        .bind(&change.account_email)
        .bind(encode(&change.change)?)
        .bind(encode(&change.base)?)
        .bind(photo)
        .bind(photo_type)
        .bind(change.queued_at)
        .bind(change.review_id)
        .bind(&change.bulk_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// Every change not applied yet, oldest first.
    pub async fn pending_changes(&self) -> Result<Vec<PendingChange>, CacheError> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS}, NULL AS photo, NULL AS photo_type FROM outbox
             WHERE state != 'applied' ORDER BY id"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| row.into_outgoing().map(|outgoing| outgoing.change))
            .collect()
    }

    /// One change with what sending it needs, whatever its state.
    pub async fn outgoing_change(&self, id: i64) -> Result<Option<Outgoing>, CacheError> {
        let row: Option<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS}, photo, photo_type FROM outbox WHERE id = ?"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(Row::into_outgoing).transpose()
    }

    /// The ids of the changes to send, in order: pending ones, and ones interrupted while
    /// being sent.
    pub async fn changes_to_send(&self) -> Result<Vec<i64>, CacheError> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM outbox WHERE state IN ('pending', 'sending') ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Marks a change as being sent, before its first request leaves, if it is still the
    /// change `expected` (not discarded or edited since it was read). From here until it
    /// settles, a crash leaves it `sending`: in doubt.
    pub async fn start_sending(
        &self,
        id: i64,
        at: i64,
        expected: &Change,
    ) -> Result<bool, CacheError> {
        let started = sqlx::query(
            "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ?,
                 error_code = NULL, message = NULL, current = NULL
             WHERE id = ? AND state IN ('pending', 'sending') AND change = ?",
        )
        .bind(at)
        .bind(id)
        .bind(encode(expected)?)
        .execute(&self.pool)
        .await?;
        Ok(started.rows_affected() == 1)
    }

    /// Puts back in line a change the directory did not take (it asked to wait).
    pub async fn requeue_unsent(&self, id: i64) -> Result<(), CacheError> {
        sqlx::query("UPDATE outbox SET state = 'pending' WHERE id = ? AND state = 'sending'")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends a change's way: applied or failed, with its audit entry, in one transaction.
    pub async fn settle_change(
        &self,
        id: i64,
        settled: &Settled,
        audit_entry: &NewAuditEntry,
    ) -> Result<(), CacheError> {
        let mut tx = self.pool.begin().await?;
        let (state, code, message) = match settled {
            Settled::Applied => (PendingState::Applied, None, None),
            Settled::Failed { code, message } => (PendingState::Failed, Some(code), Some(message)),
        };
        set_state(&mut tx, id, state, audit_entry.at, code, message, None).await?;
        let entry_id = audit::insert(&mut tx, audit_entry).await?;
        sqlx::query("UPDATE audit_log SET outbox_id = ? WHERE id = ?")
            .bind(id)
            .bind(entry_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Holds a change: the account changed meanwhile (`current` is what it has now), or it
    /// waits for an earlier change to the same account.
    pub async fn hold_change(
        &self,
        id: i64,
        at: i64,
        message: &str,
        current: Option<&[Fact]>,
    ) -> Result<(), CacheError> {
        let current = current.map(encode).transpose()?;
        let mut tx = self.pool.begin().await?;
        let state = if current.is_some() {
            PendingState::Conflict
        } else {
            PendingState::Pending
        };
        let code = current.as_ref().map(|_| "conflict".to_owned());
        set_state(
            &mut tx,
            id,
            state,
            at,
            code.as_ref(),
            Some(&message.to_owned()),
            current,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Puts a change back in line, as the admin decided: edited, retried after a failure,
    /// or confirmed over a conflict (`base` then becomes what the directory has now).
    /// Refused while it is being sent.
    pub async fn requeue_change(
        &self,
        id: i64,
        at: i64,
        change: &Change,
        base: Option<&[Fact]>,
    ) -> Result<bool, CacheError> {
        let base = base.map(encode).transpose()?;
        let updated = sqlx::query(
            "UPDATE outbox SET state = 'pending', change = ?, base = coalesce(?, base),
                 updated_at = ?, error_code = NULL, message = NULL, current = NULL
             WHERE id = ? AND state IN ('pending', 'conflict', 'failed')",
        )
        .bind(encode(change)?)
        .bind(base)
        .bind(at)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(updated.rows_affected() == 1)
    }

    /// Drops a change that was not applied. One left `sending` by an interrupted send goes
    /// only with `interrupted` (the caller holds the outbox's turn, so nothing sends it now).
    pub async fn discard_change(&self, id: i64, interrupted: bool) -> Result<bool, CacheError> {
        let deleted = sqlx::query(
            "DELETE FROM outbox WHERE id = ?
                 AND (state IN ('pending', 'conflict', 'failed') OR (? AND state = 'sending'))",
        )
        .bind(id)
        .bind(interrupted)
        .execute(&self.pool)
        .await?;
        Ok(deleted.rows_affected() == 1)
    }

    /// Forgets a change the directory refused when it was made: the admin saw why at
    /// once, and the audit trail keeps it.
    pub async fn forget_failed_change(&self, id: i64) -> Result<(), CacheError> {
        sqlx::query("DELETE FROM outbox WHERE id = ? AND state = 'failed'")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The turn to send this outbox's changes: one sender at a time.
    pub async fn outbox_turn(&self) -> tokio::sync::OwnedMutexGuard<()> {
        Arc::clone(&self.turns.outbox).lock_owned().await
    }

    /// The turn to send, if no one is sending now.
    pub fn outbox_turn_now(&self) -> Option<tokio::sync::OwnedMutexGuard<()>> {
        Arc::clone(&self.turns.outbox).try_lock_owned().ok()
    }

    /// The open changes queued after this one for the same account, oldest first.
    pub async fn later_open_changes(&self, id: i64) -> Result<Vec<PendingChange>, CacheError> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS}, NULL AS photo, NULL AS photo_type FROM outbox
             WHERE account_id = (SELECT account_id FROM outbox WHERE id = ?)
                 AND id > ? AND state IN ('pending', 'conflict')
             ORDER BY id"
        ))
        .bind(id)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| row.into_outgoing().map(|outgoing| outgoing.change))
            .collect()
    }

    /// What a queued change is checked against, updated.
    pub async fn rebase_change(&self, id: i64, base: &[Fact]) -> Result<(), CacheError> {
        sqlx::query("UPDATE outbox SET base = ? WHERE id = ? AND state IN ('pending', 'conflict')")
            .bind(encode(base)?)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Whether an earlier change to the same account is still open: a change waits for it.
    pub async fn earlier_open_change(&self, id: i64) -> Result<Option<i64>, CacheError> {
        Ok(sqlx::query_scalar(
            "SELECT earlier.id FROM outbox AS this
             JOIN outbox AS earlier ON earlier.account_id = this.account_id
                 AND earlier.id < this.id AND earlier.state != 'applied'
             WHERE this.id = ? ORDER BY earlier.id LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }
}

async fn set_state(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    state: PendingState,
    at: i64,
    code: Option<&String>,
    message: Option<&String>,
    current: Option<String>,
) -> Result<(), CacheError> {
    let db: &mut SqliteConnection = tx;
    sqlx::query(
        // An applied photo is in the cache and on the directory: its copy here goes.
        "UPDATE outbox SET state = ?1, updated_at = ?2, error_code = ?3, message = ?4,
             current = ?5,
             photo = CASE WHEN ?1 = 'applied' THEN NULL ELSE photo END
         WHERE id = ?6",
    )
    .bind(state.as_str())
    .bind(at)
    .bind(code)
    .bind(message)
    .bind(current)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}
