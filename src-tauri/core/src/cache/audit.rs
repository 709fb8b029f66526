//! The audit trail: every change made from Custodian, kept in the connection's database,
//! read back with filters for the Activity view and exported as CSV.

use std::io::Write;

use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::export::write_line;
use super::{Cache, CacheError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChangeResult {
    Done,
    Failed,
}

/// As the audit_log table keeps it (its CHECK admits only these two).
impl TryFrom<String> for ChangeResult {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        match text.as_str() {
            "done" => Ok(Self::Done),
            "failed" => Ok(Self::Failed),
            _ => Err(format!("{text:?} is not a change result")),
        }
    }
}

impl ChangeResult {
    fn as_str(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Failed => "failed",
        }
    }
}

/// One change, as the audit trail shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub id: i64,
    /// Unix ms.
    #[ts(type = "number")]
    pub at: i64,
    pub connection: String,
    pub account_id: String,
    pub account_name: String,
    pub account_email: String,
    pub operation: String,
    pub description: String,
    #[sqlx(try_from = "String")]
    pub result: ChangeResult,
    /// Why it failed, in the admin's words (the error's code is in `error_code`).
    pub message: Option<String>,
    pub error_code: Option<String>,
    /// What changed, one "Label: value" per line, before and after.
    pub before: Option<String>,
    pub after: Option<String>,
    pub bulk_id: Option<String>,
}

/// A change to record; the database gives it its id.
#[derive(Debug, Clone)]
pub struct NewAuditEntry {
    pub at: i64,
    pub connection: String,
    pub account_id: String,
    pub account_name: String,
    pub account_email: String,
    pub operation: String,
    pub description: String,
    pub change: String,
    pub result: ChangeResult,
    pub error_code: Option<String>,
    pub message: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub bulk_id: Option<String>,
}

/// Which entries to show: every field narrows; none shows all, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AuditQuery {
    /// Matches the account's name or email, or the description.
    pub text: String,
    pub operation: Option<String>,
    pub result: Option<ChangeResult>,
    /// Unix ms, inclusive.
    #[ts(type = "number | null")]
    pub since: Option<i64>,
    pub limit: Option<u32>,
}

/// The entries one read returns unless the query says otherwise: the Activity view shows
/// the newest this many.
pub const MAX_ENTRIES: u32 = 5_000;

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Writes one entry; its id is returned.
pub(super) async fn insert(
    db: &mut SqliteConnection,
    entry: &NewAuditEntry,
) -> Result<i64, CacheError> {
    let id = sqlx::query_scalar(
        "INSERT INTO audit_log (at, connection, account_id, account_name, account_email,
             operation, description, change, result, error_code, message, before, after,
             bulk_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(entry.at)
    .bind(&entry.connection)
    .bind(&entry.account_id)
    .bind(&entry.account_name)
    .bind(&entry.account_email)
    .bind(&entry.operation)
    .bind(&entry.description)
    .bind(&entry.change)
    .bind(entry.result.as_str())
    .bind(&entry.error_code)
    .bind(&entry.message)
    .bind(&entry.before)
    .bind(&entry.after)
    .bind(&entry.bulk_id)
    .fetch_one(db)
    .await?;
    Ok(id)
}

impl Cache {
    pub async fn record_change(&self, entry: &NewAuditEntry) -> Result<i64, CacheError> {
        let mut db = self.pool.acquire().await?;
        insert(&mut db, entry).await
    }

    /// The audit trail, newest first, narrowed by the query.
    pub async fn audit_entries(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>, CacheError> {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "SELECT id, at, connection, account_id, account_name, account_email, operation,
                 description, result, error_code, message, before, after, bulk_id
             FROM audit_log WHERE 1 = 1",
        );
        let text = query.text.trim();
        if !text.is_empty() {
            let pattern = format!("%{}%", escape_like(text));
            sql.push(" AND (account_name LIKE ")
                .push_bind(pattern.clone())
                .push(" ESCAPE '\\' OR account_email LIKE ")
                .push_bind(pattern.clone())
                .push(" ESCAPE '\\' OR description LIKE ")
                .push_bind(pattern)
                .push(" ESCAPE '\\')");
        }
        if let Some(operation) = &query.operation {
            sql.push(" AND operation = ").push_bind(operation.clone());
        }
        if let Some(result) = query.result {
            sql.push(" AND result = ").push_bind(result.as_str());
        }
        if let Some(since) = query.since {
            sql.push(" AND at >= ").push_bind(since);
        }
        sql.push(" ORDER BY at DESC, id DESC LIMIT ")
            .push_bind(i64::from(query.limit.unwrap_or(MAX_ENTRIES)));
        Ok(sql.build_query_as().fetch_all(&self.pool).await?)
    }

    /// Writes the entries a query shows as CSV; returns how many.
    pub async fn write_audit_csv(
        &self,
        query: &AuditQuery,
        out: &mut impl Write,
    ) -> Result<u32, CacheError> {
        // Every entry the filters match, not the view's newest 5,000.
        let every = AuditQuery {
            limit: Some(u32::MAX),
            ..query.clone()
        };
        let entries = self.audit_entries(&every).await?;
        write_line(
            out,
            [
                "When (UTC)",
                "Connection",
                "Account",
                "Email",
                "Change",
                "Result",
                "Why it failed",
                "Before",
                "After",
            ],
        )?;
        for entry in &entries {
            let when = chrono::DateTime::from_timestamp_millis(entry.at)
                .map(|time| time.format("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_default();
            let result = match entry.result {
                ChangeResult::Done => "Done",
                ChangeResult::Failed => "Failed",
            };
            write_line(
                out,
                [
                    when.as_str(),
                    &entry.connection,
                    &entry.account_name,
                    &entry.account_email,
                    &entry.description,
                    result,
                    entry.message.as_deref().unwrap_or(""),
                    entry.before.as_deref().unwrap_or(""),
                    entry.after.as_deref().unwrap_or(""),
                ],
            )?;
        }
        out.flush()?;
        Ok(entries.len() as u32)
    }
}
