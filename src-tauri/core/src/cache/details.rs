//! The account page's facts beyond the list: product access, recent devices, API tokens,
//! two-step verification and the admin's privileges, as last read from the backend.

use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::accounts::{self, Account, AccountRecord};
use super::{ACCOUNT_COLUMNS, AccountRow, Cache, CacheError};
use crate::account::AccountPermissions;
use crate::directory::model::Privileges;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DeviceKind {
    Browser,
    Mobile,
}

/// Where a device's session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SessionState {
    Active,
    /// Logged out; a mobile app's session ends by `sessionEndsAt`.
    Ending,
    Ended,
}

/// A device with a session on the account, as the recent-devices table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecentDevice {
    pub device_id: String,
    pub kind: DeviceKind,
    pub name: String,
    pub location: Option<String>,
    pub ip_address: Option<String>,
    /// Unix seconds.
    #[ts(type = "number | null")]
    pub last_active: Option<i64>,
    pub session: SessionState,
    /// Unix seconds: when an ending session has ended, or will have.
    #[ts(type = "number | null")]
    pub session_ends_at: Option<i64>,
}

/// One of the account's API tokens. Times are Unix seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountToken {
    pub token_id: String,
    pub label: String,
    #[ts(type = "number | null")]
    pub created_at: Option<i64>,
    #[ts(type = "number | null")]
    pub last_used: Option<i64>,
    #[ts(type = "number | null")]
    pub expires_at: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TwoStepState {
    /// Whether the organization enforces two-step verification.
    pub enforced: bool,
    /// Whether this account is excluded from that enforcement.
    pub excluded: bool,
}

/// One product on one site, as the product-access table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProductRow {
    /// The product's key, e.g. `jira-software`.
    pub product: String,
    /// The product's name on the site, when the directory says it.
    pub product_name: Option<String>,
    /// The site's ARI: what grants and removals name.
    pub site: String,
    pub site_url: Option<String>,
    /// Role ids; empty until the account's role assignments have been read.
    pub roles: Vec<String>,
    /// Unix seconds.
    #[ts(type = "number | null")]
    pub last_active: Option<i64>,
}

/// The roles an account holds on one site, as a refresh reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteRoles {
    pub site: String,
    pub roles: Vec<String>,
    pub product_name: Option<String>,
    pub site_url: Option<String>,
}

/// A section of the account page: what the backend said, or why it could not say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum Section<T> {
    /// Never read from the backend yet.
    Unknown,
    Known {
        value: T,
    },
    /// The backend cannot tell (a plan it lacks, an API it does not have), in the admin's
    /// words.
    Unavailable {
        reason: String,
    },
}

impl<T> Section<T> {
    fn from_columns(value: Option<T>, unavailable: Option<String>) -> Self {
        match (value, unavailable) {
            (_, Some(reason)) => Self::Unavailable { reason },
            (Some(value), None) => Self::Known { value },
            (None, None) => Self::Unknown,
        }
    }

    fn unavailable(&self) -> Option<&str> {
        match self {
            Self::Unavailable { reason } => Some(reason),
            _ => None,
        }
    }
}

/// Everything the account page shows, from the cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountDetails {
    pub account: Account,
    pub products: Vec<ProductRow>,
    pub devices: Section<Vec<RecentDevice>>,
    pub api_tokens: Section<Vec<AccountToken>>,
    pub two_step: Section<TwoStepState>,
    /// Unix seconds: when a password reset at next login was required, while pending.
    #[ts(type = "number | null")]
    pub password_reset_requested_at: Option<i64>,
    /// The privileges the backend last reported for this account.
    #[ts(skip)]
    #[serde(skip)]
    pub privileges: Option<Privileges>,
    /// What the admin may do to this account, from those privileges.
    pub permissions: AccountPermissions,
    /// Unix ms of the last refresh from the backend; null when only a sync has read it.
    #[ts(type = "number | null")]
    pub refreshed_at: Option<i64>,
    /// Unix ms of when the account itself was last read from the backend (sync or refresh).
    #[ts(type = "number")]
    pub account_read_at: i64,
    /// Unix seconds: when a deactivated account was deactivated.
    #[ts(type = "number | null")]
    pub deactivated_on: Option<i64>,
    /// Unix seconds: when a pending deletion becomes final.
    #[ts(type = "number | null")]
    pub deletion_date: Option<i64>,
}

/// What a refresh read from the backend, to store in one transaction.
#[derive(Debug, Clone)]
pub struct DetailsUpdate {
    pub record: AccountRecord,
    /// The profile's language when the profile was read (`Some(None)`: it has none). A
    /// sync's listing carries none, so only this may clear it.
    pub locale: Option<Option<String>>,
    pub privileges: Option<Privileges>,
    pub devices: Section<Vec<RecentDevice>>,
    pub api_tokens: Section<Vec<AccountToken>>,
    pub two_step: Section<TwoStepState>,
    /// None when the backend cannot tell.
    pub roles: Option<Vec<SiteRoles>>,
    /// `Known(None)`: no reset pending; `Known(Some(at))`: required since then (Unix s).
    pub password_reset: Section<Option<i64>>,
}

#[derive(sqlx::FromRow)]
struct DetailsRow {
    refreshed_at: i64,
    privileges: Option<String>,
    two_step_enforced: Option<bool>,
    two_step_excluded: Option<bool>,
    two_step_unavailable: Option<String>,
    devices_unavailable: Option<String>,
    api_tokens_unavailable: Option<String>,
    password_reset_requested_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ProductAccessRow {
    product: String,
    product_name: Option<String>,
    site: String,
    site_url: Option<String>,
    roles: Option<String>,
    last_active: Option<i64>,
}

impl From<ProductAccessRow> for ProductRow {
    fn from(row: ProductAccessRow) -> Self {
        Self {
            product: row.product,
            product_name: row.product_name,
            site: row.site,
            site_url: row.site_url,
            roles: row
                .roles
                .map(|roles| {
                    roles
                        .split(',')
                        .filter(|r| !r.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            last_active: row.last_active,
        }
    }
}

#[derive(sqlx::FromRow)]
struct DeviceRow {
    device_id: String,
    kind: String,
    name: String,
    location: Option<String>,
    ip_address: Option<String>,
    last_active: Option<i64>,
    session: String,
    session_ends_at: Option<i64>,
}

impl From<DeviceRow> for RecentDevice {
    fn from(row: DeviceRow) -> Self {
        Self {
            device_id: row.device_id,
            // The schema's CHECK constraints admit only these values.
            kind: if row.kind == "mobile" {
                DeviceKind::Mobile
            } else {
                DeviceKind::Browser
            },
            name: row.name,
            location: row.location,
            ip_address: row.ip_address,
            last_active: row.last_active,
            session: match row.session.as_str() {
                "ending" => SessionState::Ending,
                "ended" => SessionState::Ended,
                _ => SessionState::Active,
            },
            session_ends_at: row.session_ends_at,
        }
    }
}

fn device_kind(kind: DeviceKind) -> &'static str {
    match kind {
        DeviceKind::Browser => "browser",
        DeviceKind::Mobile => "mobile",
    }
}

fn session_state(state: SessionState) -> &'static str {
    match state {
        SessionState::Active => "active",
        SessionState::Ending => "ending",
        SessionState::Ended => "ended",
    }
}

impl Cache {
    /// The account page of one account, from the cache; None when it is not cached.
    pub async fn account_details(
        &self,
        account_id: &str,
    ) -> Result<Option<AccountDetails>, CacheError> {
        let mut conn = self.pool.acquire().await?;
        read(&mut conn, account_id).await
    }

    /// Stores what a refresh read, all or nothing, and returns the page as now cached.
    pub async fn store_account_details(
        &self,
        update: &DetailsUpdate,
        refreshed_at: i64,
    ) -> Result<AccountDetails, CacheError> {
        let mut tx = self.pool.begin().await?;
        let before = read(&mut tx, &update.record.account.account_id).await?;
        // A refresh whose reads began before the one stored (a change's read-back that
        // finished first) is older: the stored page stays.
        if let Some(before) = &before
            && before
                .refreshed_at
                .is_some_and(|stored| stored > refreshed_at)
        {
            return Ok(before.clone());
        }
        accounts::upsert(&mut tx, std::slice::from_ref(&update.record), refreshed_at).await?;
        if let Some(locale) = &update.locale {
            sqlx::query("UPDATE accounts SET locale = ? WHERE account_id = ?")
                .bind(locale)
                .bind(&update.record.account.account_id)
                .execute(&mut *tx)
                .await?;
        }
        let account_id = &update.record.account.account_id;
        let id: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE account_id = ?")
            .bind(account_id)
            .fetch_one(&mut *tx)
            .await?;
        write(&mut tx, id, update, refreshed_at).await?;
        let details = read(&mut tx, account_id)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        tx.commit().await?;
        // Opening an account refreshes it; most of the time nothing the list filters,
        // sorts or searches on has changed, and the index (a second to rebuild at 1M
        // accounts) stays as it is.
        if before.is_none_or(|before| !same_in_the_list(&before, &update.record)) {
            self.invalidate_index();
        }
        Ok(details)
    }
}

/// Whether the list would show, sort, filter and find the account as it did.
fn same_in_the_list(before: &AccountDetails, record: &AccountRecord) -> bool {
    let (old, new) = (&before.account, &record.account);
    let last_active = record
        .products
        .iter()
        .filter_map(|access| access.last_active)
        .max()
        .or(new.last_active);
    let mut old_products: Vec<(&str, &str, Option<i64>)> = before
        .products
        .iter()
        .map(|p| (p.product.as_str(), p.site.as_str(), p.last_active))
        .collect();
    let mut new_products: Vec<(&str, &str, Option<i64>)> = record
        .products
        .iter()
        .map(|p| (p.product.as_str(), p.site.as_str(), p.last_active))
        .collect();
    old_products.sort_unstable();
    new_products.sort_unstable();
    old.name == new.name
        && old.public_name == new.public_name
        && old.email == new.email
        && old.job_title == new.job_title
        && old.department == new.department
        && old.status == new.status
        && old.managed_by == new.managed_by
        && old.two_step_enabled == new.two_step_enabled
        && old.added_to_org == new.added_to_org
        && old.last_active == last_active
        && old_products == new_products
}

async fn write(
    conn: &mut SqliteConnection,
    id: i64,
    update: &DetailsUpdate,
    refreshed_at: i64,
) -> Result<(), CacheError> {
    let privileges = match &update.privileges {
        Some(privileges) => Some(
            serde_json::to_string(privileges)
                .map_err(|error| CacheError::Encoding(error.to_string()))?,
        ),
        None => None,
    };
    let two_step = match &update.two_step {
        Section::Known { value } => Some(*value),
        _ => None,
    };
    // A password reset the backend could not report on keeps what was known.
    let (reset_known, reset_at) = match update.password_reset {
        Section::Known { value } => (true, value),
        _ => (false, None),
    };
    sqlx::query(
        "INSERT INTO account_details (account, refreshed_at, privileges, two_step_enforced,
             two_step_excluded, two_step_unavailable, devices_unavailable, api_tokens_unavailable,
             password_reset_requested_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account) DO UPDATE SET
             refreshed_at = excluded.refreshed_at, privileges = excluded.privileges,
             two_step_enforced = excluded.two_step_enforced,
             two_step_excluded = excluded.two_step_excluded,
             two_step_unavailable = excluded.two_step_unavailable,
             devices_unavailable = excluded.devices_unavailable,
             api_tokens_unavailable = excluded.api_tokens_unavailable,
             password_reset_requested_at = CASE WHEN ?10 THEN excluded.password_reset_requested_at
                 ELSE account_details.password_reset_requested_at END",
    )
    .bind(id)
    .bind(refreshed_at)
    .bind(privileges)
    .bind(two_step.map(|state| state.enforced))
    .bind(two_step.map(|state| state.excluded))
    .bind(update.two_step.unavailable())
    .bind(update.devices.unavailable())
    .bind(update.api_tokens.unavailable())
    .bind(reset_at)
    .bind(reset_known)
    .execute(&mut *conn)
    .await?;

    if let Some(roles) = &update.roles {
        sqlx::query("DELETE FROM site_roles WHERE account = ?")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        if !roles.is_empty() {
            let mut sql = QueryBuilder::<Sqlite>::new(
                "INSERT OR REPLACE INTO site_roles (account, site, roles, product_name, site_url) ",
            );
            sql.push_values(roles, |mut row, site| {
                row.push_bind(id)
                    .push_bind(&site.site)
                    .push_bind(site.roles.join(","))
                    .push_bind(&site.product_name)
                    .push_bind(&site.site_url);
            });
            sql.build().execute(&mut *conn).await?;
        }
    }

    sqlx::query("DELETE FROM devices WHERE account = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if let Section::Known { value: devices } = &update.devices
        && !devices.is_empty()
    {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT OR REPLACE INTO devices (account, device_id, kind, name, location,
                 ip_address, last_active, session, session_ends_at) ",
        );
        sql.push_values(devices, |mut row, device| {
            row.push_bind(id)
                .push_bind(&device.device_id)
                .push_bind(device_kind(device.kind))
                .push_bind(&device.name)
                .push_bind(&device.location)
                .push_bind(&device.ip_address)
                .push_bind(device.last_active)
                .push_bind(session_state(device.session))
                .push_bind(device.session_ends_at);
        });
        sql.build().execute(&mut *conn).await?;
    }

    sqlx::query("DELETE FROM api_tokens WHERE account = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if let Section::Known { value: tokens } = &update.api_tokens
        && !tokens.is_empty()
    {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT OR REPLACE INTO api_tokens (account, token_id, label, created_at, last_used,
                 expires_at) ",
        );
        sql.push_values(tokens, |mut row, token| {
            row.push_bind(id)
                .push_bind(&token.token_id)
                .push_bind(&token.label)
                .push_bind(token.created_at)
                .push_bind(token.last_used)
                .push_bind(token.expires_at);
        });
        sql.build().execute(&mut *conn).await?;
    }
    Ok(())
}

async fn read(
    conn: &mut SqliteConnection,
    account_id: &str,
) -> Result<Option<AccountDetails>, CacheError> {
    let sql = format!("{ACCOUNT_COLUMNS} WHERE a.account_id = ?");
    let Some(row) = sqlx::query_as::<_, AccountRow>(&sql)
        .bind(account_id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let id = row.id;
    let (account_read_at, deactivated_on, deletion_date): (i64, Option<i64>, Option<i64>) =
        sqlx::query_as(
            "SELECT refreshed_at, deactivated_on, deletion_date FROM accounts WHERE id = ?",
        )
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let products = sqlx::query_as::<_, ProductAccessRow>(
        "SELECT p.product, r.product_name, p.site, r.site_url, coalesce(r.roles, p.role) AS roles,
             p.last_active
         FROM product_access p LEFT JOIN site_roles r ON r.account = p.account AND r.site = p.site
         WHERE p.account = ? ORDER BY p.product, r.site_url, p.site",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(ProductRow::from)
    .collect();
    let details: Option<DetailsRow> = sqlx::query_as(
        "SELECT refreshed_at, privileges, two_step_enforced, two_step_excluded,
             two_step_unavailable, devices_unavailable, api_tokens_unavailable,
             password_reset_requested_at
         FROM account_details WHERE account = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let account: Account = row.into();
    let Some(details) = details else {
        return Ok(Some(AccountDetails {
            account,
            products,
            devices: Section::Unknown,
            api_tokens: Section::Unknown,
            two_step: Section::Unknown,
            password_reset_requested_at: None,
            privileges: None,
            permissions: AccountPermissions::from_privileges(None),
            refreshed_at: None,
            account_read_at,
            deactivated_on,
            deletion_date,
        }));
    };
    let devices: Vec<RecentDevice> = sqlx::query_as::<_, DeviceRow>(
        "SELECT device_id, kind, name, location, ip_address, last_active, session,
             session_ends_at
         FROM devices WHERE account = ? ORDER BY last_active DESC, device_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(RecentDevice::from)
    .collect();
    let tokens: Vec<AccountToken> =
        sqlx::query_as::<_, (String, String, Option<i64>, Option<i64>, Option<i64>)>(
            "SELECT token_id, label, created_at, last_used, expires_at FROM api_tokens
         WHERE account = ? ORDER BY created_at DESC, token_id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(
            |(token_id, label, created_at, last_used, expires_at)| AccountToken {
                token_id,
                label,
                created_at,
                last_used,
                expires_at,
            },
        )
        .collect();
    let two_step = match (details.two_step_enforced, details.two_step_excluded) {
        (Some(enforced), Some(excluded)) => Some(TwoStepState { enforced, excluded }),
        _ => None,
    };
    // Privileges stored by an older version that no longer parse are simply not known.
    let privileges = details
        .privileges
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok());
    Ok(Some(AccountDetails {
        account,
        products,
        devices: Section::from_columns(Some(devices), details.devices_unavailable),
        api_tokens: Section::from_columns(Some(tokens), details.api_tokens_unavailable),
        two_step: Section::from_columns(two_step, details.two_step_unavailable),
        password_reset_requested_at: details.password_reset_requested_at,
        permissions: AccountPermissions::from_privileges(privileges.as_ref()),
        privileges,
        refreshed_at: Some(details.refreshed_at),
        account_read_at,
        deactivated_on,
        deletion_date,
    }))
}
