//! Access reviews' tables: each review, the accounts under it as they were when it started,
//! and the admin's decision on each. The review module decides what they mean.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::outbox::PendingState;
use super::query::AccountQuery;
use super::{AccountStatus, Cache, CacheError};
use crate::review::{Decision, Review, ReviewItem, ReviewProduct};

/// Where one change a review queued stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewChange {
    pub id: i64,
    pub account_id: String,
    pub state: PendingState,
    /// Why it failed or is held, in the admin's words.
    pub message: Option<String>,
}

/// Bound parameters per statement stay far below SQLite's limit.
const IDS_PER_STATEMENT: usize = 500;
const ITEMS_PER_STATEMENT: usize = 500;

fn decode<T: DeserializeOwned>(json: &str) -> Result<T, CacheError> {
    serde_json::from_str(json).map_err(|e| CacheError::Encoding(e.to_string()))
}

fn encode<T: Serialize + ?Sized>(value: &T) -> Result<String, CacheError> {
    serde_json::to_string(value).map_err(|e| CacheError::Encoding(e.to_string()))
}

const REVIEW_COLUMNS: &str = "SELECT r.id, r.name, r.created_at, r.query, r.applied_at,
    (SELECT count(*) FROM review_items i WHERE i.review_id = r.id) AS total,
    (SELECT count(*) FROM review_items i WHERE i.review_id = r.id AND i.decision IS NOT NULL)
        AS reviewed
    FROM reviews r";

#[derive(sqlx::FromRow)]
struct ReviewRow {
    id: i64,
    name: String,
    created_at: i64,
    query: String,
    applied_at: Option<i64>,
    total: i64,
    reviewed: i64,
}

impl TryFrom<ReviewRow> for Review {
    type Error = CacheError;

    fn try_from(row: ReviewRow) -> Result<Self, CacheError> {
        Ok(Self {
            id: row.id,
            name: row.name,
            created_at: row.created_at,
            query: decode(&row.query)?,
            total: u32::try_from(row.total).unwrap_or(u32::MAX),
            reviewed: u32::try_from(row.reviewed).unwrap_or(u32::MAX),
            applied_at: row.applied_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    position: i64,
    account_id: String,
    name: String,
    email: String,
    status: Option<String>,
    last_active: Option<i64>,
    two_step_enabled: Option<bool>,
    decision: Option<String>,
    note: String,
    decided_at: Option<i64>,
    change_ids: Option<String>,
}

impl ItemRow {
    fn into_item(self, products: Vec<ReviewProduct>) -> Result<ReviewItem, CacheError> {
        Ok(ReviewItem {
            position: u32::try_from(self.position).unwrap_or(u32::MAX),
            account_id: self.account_id,
            name: self.name,
            email: self.email,
            // The schema's CHECK constraint admits only known statuses.
            status: self.status.as_deref().and_then(AccountStatus::parse),
            last_active: self.last_active,
            two_step_enabled: self.two_step_enabled,
            products,
            decision: self.decision.as_deref().map(decode).transpose()?,
            note: self.note,
            decided_at: self.decided_at,
            outcome: None,
            change_ids: self.change_ids.as_deref().map(decode).transpose()?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct AccessRow {
    position: i64,
    product: String,
    product_name: Option<String>,
    site: String,
    site_url: Option<String>,
}

impl Cache {
    /// Starts a review of these accounts, in this order, with their names and emails as
    /// cached now. Accounts no longer cached are left out; None when none is left.
    pub async fn create_review(
        &self,
        name: &str,
        created_at: i64,
        query: &AccountQuery,
        account_ids: &[String],
    ) -> Result<Option<i64>, CacheError> {
        let mut tx = self.pool.begin().await?;
        // Written first, so the transaction holds the write lock before it reads: a sync
        // writing meanwhile then waits, instead of failing the upgrade from read to write.
        let id = insert_review(&mut tx, name, created_at, &encode(query)?).await?;
        let mut cached = snapshot(&mut tx, account_ids).await?;
        let items: Vec<(String, String, String)> = account_ids
            .iter()
            .filter_map(|account_id| {
                let (name, email) = cached.remove(account_id)?;
                Some((account_id.clone(), name, email))
            })
            .collect();
        if items.is_empty() {
            // Dropped without a commit: rolled back.
            return Ok(None);
        }
        insert_items(&mut tx, id, &items).await?;
        tx.commit().await?;
        Ok(Some(id))
    }

    /// Every review, newest first.
    pub async fn reviews(&self) -> Result<Vec<Review>, CacheError> {
        let rows: Vec<ReviewRow> = sqlx::query_as(&format!(
            "{REVIEW_COLUMNS} ORDER BY r.created_at DESC, r.id DESC"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Review::try_from).collect()
    }

    pub async fn review(&self, id: i64) -> Result<Option<Review>, CacheError> {
        let row: Option<ReviewRow> = sqlx::query_as(&format!("{REVIEW_COLUMNS} WHERE r.id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Review::try_from).transpose()
    }

    /// The items at these positions, in order, with what the cache knows of each account
    /// now (its current name and email while it is cached, else the snapshot's). Their
    /// outcomes are left for the review to tell.
    pub async fn review_items(
        &self,
        review_id: i64,
        positions: Range<u32>,
    ) -> Result<Vec<ReviewItem>, CacheError> {
        let mut conn = self.pool.acquire().await?;
        let rows = item_rows(&mut conn, review_id, &positions).await?;
        let mut products: HashMap<i64, Vec<ReviewProduct>> = HashMap::new();
        for row in product_rows(&mut conn, review_id, &positions).await? {
            products
                .entry(row.position)
                .or_default()
                .push(ReviewProduct {
                    product: row.product,
                    product_name: row.product_name,
                    site: row.site,
                    site_url: row.site_url,
                });
        }
        rows.into_iter()
            .map(|row| {
                let products = products.remove(&row.position).unwrap_or_default();
                row.into_item(products)
            })
            .collect()
    }

    /// Records a decision (None clears it) and its note, unless the item's changes are
    /// still in the outbox; then nothing is written and false is returned. An item whose
    /// changes were all discarded may be decided again.
    pub async fn decide_review_item(
        &self,
        review_id: i64,
        position: u32,
        decision: Option<&Decision>,
        note: &str,
        decided_at: Option<i64>,
    ) -> Result<bool, CacheError> {
        let decision = decision.map(encode).transpose()?;
        let updated = sqlx::query(
            "UPDATE review_items SET decision = ?, note = ?, decided_at = ?, change_ids = NULL
             WHERE review_id = ? AND position = ?
                 AND (change_ids IS NULL OR NOT EXISTS (
                     SELECT 1 FROM json_each(review_items.change_ids) AS queued
                     JOIN outbox ON outbox.id = queued.value))",
        )
        .bind(decision)
        .bind(note)
        .bind(decided_at)
        .bind(review_id)
        .bind(i64::from(position))
        .execute(&self.pool)
        .await?;
        Ok(updated.rows_affected() == 1)
    }

    /// Records the outbox ids applying an item's decision queued (none when there was
    /// nothing to change). An item that has some already keeps them: false.
    pub async fn record_review_changes(
        &self,
        review_id: i64,
        position: u32,
        change_ids: &[i64],
    ) -> Result<bool, CacheError> {
        let updated = sqlx::query(
            "UPDATE review_items SET change_ids = ?
             WHERE review_id = ? AND position = ? AND change_ids IS NULL",
        )
        .bind(encode(change_ids)?)
        .bind(review_id)
        .bind(i64::from(position))
        .execute(&self.pool)
        .await?;
        Ok(updated.rows_affected() == 1)
    }

    pub async fn mark_review_applied(&self, review_id: i64, at: i64) -> Result<(), CacheError> {
        sqlx::query("UPDATE reviews SET applied_at = ? WHERE id = ?")
            .bind(at)
            .bind(review_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Every change in the outbox that the review queued, whatever its state; a discarded
    /// one is gone.
    pub async fn review_changes(&self, review_id: i64) -> Result<Vec<ReviewChange>, CacheError> {
        let rows: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
            "SELECT id, account_id, state, message FROM outbox WHERE review_id = ? ORDER BY id",
        )
        .bind(review_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, account_id, state, message)| {
                Ok(ReviewChange {
                    id,
                    account_id,
                    state: PendingState::try_from(state).map_err(CacheError::Encoding)?,
                    message,
                })
            })
            .collect()
    }

    /// Deletes a review and its decisions; the changes it queued stay in the outbox.
    /// Returns whether there was one.
    pub async fn delete_review(&self, id: i64) -> Result<bool, CacheError> {
        let mut tx = self.pool.begin().await?;
        // Its queued changes stay in the outbox, no longer any review's.
        sqlx::query("UPDATE outbox SET review_id = NULL WHERE review_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let deleted = sqlx::query("DELETE FROM reviews WHERE id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(deleted.rows_affected() == 1)
    }

    /// The turn to change a review's decisions or queue them: applying twice at once, or
    /// deciding while applying, would otherwise queue a decision twice or not as shown.
    pub async fn review_turn(&self) -> tokio::sync::OwnedMutexGuard<()> {
        std::sync::Arc::clone(&self.turns.review).lock_owned().await
    }
}

/// The names and emails of those of these accounts that are cached, by account id.
async fn snapshot(
    conn: &mut SqliteConnection,
    account_ids: &[String],
) -> Result<HashMap<String, (String, String)>, CacheError> {
    let mut cached = HashMap::with_capacity(account_ids.len());
    for chunk in account_ids.chunks(IDS_PER_STATEMENT) {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "SELECT account_id, name, email FROM accounts WHERE account_id IN (",
        );
        let mut list = sql.separated(", ");
        for id in chunk {
            list.push_bind(id);
        }
        sql.push(")");
        let rows: Vec<(String, String, String)> =
            sql.build_query_as().fetch_all(&mut *conn).await?;
        cached.extend(
            rows.into_iter()
                .map(|(id, name, email)| (id, (name, email))),
        );
    }
    Ok(cached)
}

async fn insert_review(
    conn: &mut SqliteConnection,
    name: &str,
    created_at: i64,
    query: &str,
) -> Result<i64, CacheError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO reviews (name, created_at, query) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(name)
    .bind(created_at)
    .bind(query)
    .fetch_one(conn)
    .await?)
}

/// Items get positions 0, 1, 2... in the order given.
async fn insert_items(
    conn: &mut SqliteConnection,
    review_id: i64,
    items: &[(String, String, String)],
) -> Result<(), CacheError> {
    for (chunk_at, chunk) in items.chunks(ITEMS_PER_STATEMENT).enumerate() {
        let first = chunk_at * ITEMS_PER_STATEMENT;
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT INTO review_items (review_id, position, account_id, name, email) ",
        );
        sql.push_values(
            chunk.iter().enumerate(),
            |mut row, (at, (account_id, name, email))| {
                row.push_bind(review_id)
                    .push_bind(i64::try_from(first + at).unwrap_or(i64::MAX))
                    .push_bind(account_id)
                    .push_bind(name)
                    .push_bind(email);
            },
        );
        sql.build().execute(&mut *conn).await?;
    }
    Ok(())
}

async fn item_rows(
    conn: &mut SqliteConnection,
    review_id: i64,
    positions: &Range<u32>,
) -> Result<Vec<ItemRow>, CacheError> {
    Ok(sqlx::query_as(
        "SELECT i.position, i.account_id, coalesce(a.name, i.name) AS name,
             coalesce(a.email, i.email) AS email, a.status, a.last_active, a.two_step_enabled,
             i.decision, i.note, i.decided_at, i.change_ids
         FROM review_items i LEFT JOIN accounts a ON a.account_id = i.account_id
         WHERE i.review_id = ? AND i.position >= ? AND i.position < ?
         ORDER BY i.position",
    )
    .bind(review_id)
    .bind(i64::from(positions.start))
    .bind(i64::from(positions.end))
    .fetch_all(conn)
    .await?)
}

/// The product access of the cached accounts at these positions, as the account page
/// orders it.
async fn product_rows(
    conn: &mut SqliteConnection,
    review_id: i64,
    positions: &Range<u32>,
) -> Result<Vec<AccessRow>, CacheError> {
    Ok(sqlx::query_as(
        "SELECT i.position, p.product, r.product_name, p.site, r.site_url
         FROM review_items i
         JOIN accounts a ON a.account_id = i.account_id
         JOIN product_access p ON p.account = a.id
         LEFT JOIN site_roles r ON r.account = p.account AND r.site = p.site
         WHERE i.review_id = ? AND i.position >= ? AND i.position < ?
         ORDER BY i.position, p.product, r.site_url, p.site",
    )
    .bind(review_id)
    .bind(i64::from(positions.start))
    .bind(i64::from(positions.end))
    .fetch_all(conn)
    .await?)
}
