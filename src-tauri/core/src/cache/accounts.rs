//! Managed accounts as the cache keeps them, and writing them.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::CacheError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AccountStatus {
    Active,
    /// Access suspended in the directory; the account itself is still active.
    Suspended,
    Deactivated,
    /// Deleted, within the 14-day grace period in which the deletion can be cancelled.
    PendingDeletion,
}

impl AccountStatus {
    pub const ALL: [Self; 4] = [
        Self::Active,
        Self::Suspended,
        Self::Deactivated,
        Self::PendingDeletion,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Deactivated => "deactivated",
            Self::PendingDeletion => "pendingDeletion",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == text)
    }
}

/// Who manages the account's details: the admin (invited) or an identity provider
/// (synced through SCIM or Google), in which case they are read-only here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ManagedBy {
    Invited,
    IdentityProvider,
    Unknown,
}

impl ManagedBy {
    pub const ALL: [Self; 3] = [Self::Invited, Self::IdentityProvider, Self::Unknown];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::IdentityProvider => "identityProvider",
            Self::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|source| source.as_str() == text)
    }
}

/// One product the account can use, on one site, with one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProductAccess {
    /// The product's key, e.g. `jira-software` or `confluence`.
    pub product: String,
    /// The site (workspace) the access is on.
    pub site: String,
    pub role: String,
    /// Unix seconds.
    #[ts(type = "number | null")]
    pub last_active: Option<i64>,
}

/// A managed account as the list and the account page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub account_id: String,
    pub name: String,
    pub public_name: Option<String>,
    pub email: String,
    pub job_title: Option<String>,
    pub department: Option<String>,
    pub organization: Option<String>,
    pub location: Option<String>,
    pub time_zone: Option<String>,
    pub locale: Option<String>,
    pub status: AccountStatus,
    pub managed_by: ManagedBy,
    pub two_step_enabled: bool,
    pub product_count: u32,
    /// The latest activity on any product, Unix seconds.
    #[ts(type = "number | null")]
    pub last_active: Option<i64>,
    #[ts(type = "number | null")]
    pub added_to_org: Option<i64>,
}

/// An account and its product access, as a sync delivers them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRecord {
    pub account: Account,
    pub products: Vec<ProductAccess>,
}

fn email_domain(email: &str) -> String {
    email
        .rsplit_once('@')
        .map(|(_, domain)| domain.to_lowercase())
        .unwrap_or_default()
}

/// Inserts or replaces one account and its product access. Runs inside the caller's
/// transaction, so a sync's page lands whole or not at all.
pub(super) async fn upsert(
    conn: &mut SqliteConnection,
    record: &AccountRecord,
    refreshed_at: i64,
) -> Result<(), CacheError> {
    let account = &record.account;
    let last_active = record
        .products
        .iter()
        .filter_map(|access| access.last_active)
        .max();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO accounts (account_id, name, public_name, email, domain, job_title, department,
             organization, location, time_zone, locale, status, managed_by, two_step_enabled,
             last_active, added_to_org, refreshed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET
             name = excluded.name, public_name = excluded.public_name, email = excluded.email,
             domain = excluded.domain, job_title = excluded.job_title,
             department = excluded.department, organization = excluded.organization,
             location = excluded.location, time_zone = excluded.time_zone,
             locale = excluded.locale, status = excluded.status,
             managed_by = excluded.managed_by, two_step_enabled = excluded.two_step_enabled,
             last_active = excluded.last_active, added_to_org = excluded.added_to_org,
             refreshed_at = excluded.refreshed_at
         RETURNING id",
    )
    .bind(&account.account_id)
    .bind(&account.name)
    .bind(&account.public_name)
    .bind(&account.email)
    .bind(email_domain(&account.email))
    .bind(&account.job_title)
    .bind(&account.department)
    .bind(&account.organization)
    .bind(&account.location)
    .bind(&account.time_zone)
    .bind(&account.locale)
    .bind(account.status.as_str())
    .bind(account.managed_by.as_str())
    .bind(account.two_step_enabled)
    .bind(last_active.or(account.last_active))
    .bind(account.added_to_org)
    .bind(refreshed_at)
    .fetch_one(&mut *conn)
    .await?;

    sqlx::query("DELETE FROM product_access WHERE account = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for access in &record.products {
        sqlx::query(
            "INSERT OR IGNORE INTO product_access (account, product, site, role, last_active)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(&access.product)
        .bind(&access.site)
        .bind(&access.role)
        .bind(access.last_active)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
