//! The organization at a glance, from the cache (so offline too): accounts by status,
//! two-step verification coverage, how recently accounts were active, accounts per domain.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::accounts::AccountStatus;
use super::query::Facet;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    pub accounts: u32,
    pub by_status: Vec<StatusCount>,
    /// Active accounts with and without two-step verification.
    pub two_step_on: u32,
    pub two_step_off: u32,
    /// Accounts by the time since they were last active, in the order of `ACTIVITY_BUCKETS`.
    pub last_active: Vec<ActivityBucket>,
    /// The domains with the most accounts, most first.
    pub by_domain: Vec<Facet>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusCount {
    pub status: AccountStatus,
    pub accounts: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityBucket {
    /// What the bucket holds, in the admin's words: "Within 7 days", "Never".
    pub label: String,
    pub accounts: u32,
}

/// Upper bounds in days of the activity buckets; older and never come after.
pub(super) const ACTIVITY_DAYS: [(i64, &str); 4] = [
    (7, "Within 7 days"),
    (30, "8 to 30 days"),
    (90, "31 to 90 days"),
    (365, "91 days to a year"),
];
pub(super) const OLDER: &str = "Over a year";
pub(super) const NEVER: &str = "Never";
