//! Managed accounts as the cache keeps them, and writing them.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
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

    /// As the admin reads it: in exports, facts and the audit trail.
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Suspended => "Suspended",
            Self::Deactivated => "Deactivated",
            Self::PendingDeletion => "Pending deletion",
        }
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
    /// Known once the account's role assignments have been read.
    pub role: Option<String>,
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
    pub lifecycle: Lifecycle,
}

/// Where a deactivated or deleted account stands. Unix seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lifecycle {
    pub deactivated_on: Option<i64>,
    /// When a pending deletion becomes final.
    pub deletion_date: Option<i64>,
}

fn email_domain(email: &str) -> String {
    email
        .rsplit_once('@')
        .map(|(_, domain)| domain.to_lowercase())
        .unwrap_or_default()
}

/// Rows per INSERT: many rows per statement is what makes a 100,000-account sync fast;
/// 19 columns × 50 rows stays far below SQLite's limit on bound parameters.
const ACCOUNTS_PER_STATEMENT: usize = 50;
const PRODUCTS_PER_STATEMENT: usize = 150;

/// Inserts or replaces accounts and their product access. Runs inside the caller's
/// transaction, so a sync's page lands whole or not at all.
pub(super) async fn upsert(
    conn: &mut SqliteConnection,
    records: &[AccountRecord],
    refreshed_at: i64,
) -> Result<(), CacheError> {
    // A statement may touch a row once: when an account comes twice, the later one wins.
    let mut latest: HashMap<&str, usize> = HashMap::with_capacity(records.len());
    for (position, record) in records.iter().enumerate() {
        latest.insert(&record.account.account_id, position);
    }
    let mut positions: Vec<usize> = latest.into_values().collect();
    positions.sort_unstable();
    let records: Vec<&AccountRecord> = positions.into_iter().map(|at| &records[at]).collect();

    for chunk in records.chunks(ACCOUNTS_PER_STATEMENT) {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT INTO accounts (account_id, name, public_name, email, domain, job_title,
                 department, organization, location, time_zone, locale, status, managed_by,
                 two_step_enabled, last_active, added_to_org, refreshed_at, deactivated_on,
                 deletion_date) ",
        );
        sql.push_values(chunk, |mut row, record| {
            let account = &record.account;
            let last_active = record
                .products
                .iter()
                .filter_map(|access| access.last_active)
                .max();
            row.push_bind(&account.account_id)
                .push_bind(&account.name)
                .push_bind(&account.public_name)
                .push_bind(&account.email)
                .push_bind(email_domain(&account.email))
                .push_bind(&account.job_title)
                .push_bind(&account.department)
                .push_bind(&account.organization)
                .push_bind(&account.location)
                .push_bind(&account.time_zone)
                .push_bind(&account.locale)
                .push_bind(account.status.as_str())
                .push_bind(account.managed_by.as_str())
                .push_bind(account.two_step_enabled)
                .push_bind(last_active.or(account.last_active))
                .push_bind(account.added_to_org)
                .push_bind(refreshed_at)
                .push_bind(record.lifecycle.deactivated_on)
                .push_bind(record.lifecycle.deletion_date);
        });
        // The directory's user listing carries no locale; the profile read on the account
        // page does, and a sync must not forget it. A record read before the one stored (a
        // sync page read before a change was made and read back) is older and left out,
        // product access included: only the rows written come back from RETURNING.
        sql.push(
            " ON CONFLICT (account_id) DO UPDATE SET
                 name = excluded.name, public_name = excluded.public_name, email = excluded.email,
                 domain = excluded.domain, job_title = excluded.job_title,
                 department = excluded.department, organization = excluded.organization,
                 location = excluded.location, time_zone = excluded.time_zone,
                 locale = coalesce(excluded.locale, accounts.locale), status = excluded.status,
                 managed_by = excluded.managed_by, two_step_enabled = excluded.two_step_enabled,
                 last_active = excluded.last_active, added_to_org = excluded.added_to_org,
                 refreshed_at = excluded.refreshed_at, deactivated_on = excluded.deactivated_on,
                 deletion_date = excluded.deletion_date
             WHERE excluded.refreshed_at >= accounts.refreshed_at
             RETURNING id, account_id",
        );
        let ids: HashMap<String, i64> = sql
            .build_query_as::<(i64, String)>()
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|(id, account_id)| (account_id, id))
            .collect();

        let mut forget =
            QueryBuilder::<Sqlite>::new("DELETE FROM product_access WHERE account IN (");
        let mut list = forget.separated(", ");
        for id in ids.values() {
            list.push_bind(*id);
        }
        forget.push(")");
        forget.build().execute(&mut *conn).await?;

        let access: Vec<(i64, &ProductAccess)> = chunk
            .iter()
            .filter_map(|record| Some((*ids.get(&record.account.account_id)?, &record.products)))
            .flat_map(|(id, products)| products.iter().map(move |access| (id, access)))
            .collect();
        for rows in access.chunks(PRODUCTS_PER_STATEMENT) {
            let mut sql = QueryBuilder::<Sqlite>::new(
                "INSERT OR IGNORE INTO product_access (account, product, site, role, last_active) ",
            );
            sql.push_values(rows, |mut row, (id, access)| {
                row.push_bind(*id)
                    .push_bind(&access.product)
                    .push_bind(&access.site)
                    .push_bind(&access.role)
                    .push_bind(access.last_active);
            });
            sql.build().execute(&mut *conn).await?;
        }
    }
    Ok(())
}
