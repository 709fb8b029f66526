//! What the account list asks the cache for: search text, filters, an order and a window.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::accounts::{Account, AccountStatus, ManagedBy};

/// The columns the account list can be sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SortColumn {
    #[default]
    Name,
    Email,
    Status,
    ProductCount,
    LastActive,
    TwoStep,
    ManagedBy,
}

/// Filters combine with each other and with the search text (all must hold).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AccountFilter {
    /// Any of these statuses; empty means any status.
    pub statuses: Vec<AccountStatus>,
    /// Accounts whose email is on this domain.
    pub domain: Option<String>,
    pub managed_by: Option<ManagedBy>,
    /// Accounts with access to this product (its key).
    pub product: Option<String>,
    pub two_step_enabled: Option<bool>,
    /// Accounts not active on any product for more than this many days (or never).
    pub inactive_days: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AccountQuery {
    pub text: String,
    pub filter: AccountFilter,
    pub sort: SortColumn,
    pub descending: bool,
    /// The window of matches to return: the rows the list is showing.
    pub offset: u32,
    pub limit: u32,
}

/// The most rows one query returns; the list asks for the window it shows.
pub const MAX_LIMIT: u32 = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountPage {
    /// Every account that matches, not only those returned.
    pub total: u32,
    pub offset: u32,
    pub accounts: Vec<Account>,
}

/// One choice of a filter, with how many accounts it would show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Facet {
    pub name: String,
    pub accounts: u32,
}

/// The choices of the domain and product filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Facets {
    pub domains: Vec<Facet>,
    pub products: Vec<Facet>,
}
