//! The first accounts of every seed are fixed in kind, whatever N is, so that the demo
//! shows every case and tests can name the account they need.

use chrono::{DateTime, Duration, Utc};

use super::UNCLAIMED_VERIFIED;
use super::generate::AccountSeed;
use crate::clock;

pub const SHOWCASE_ACCOUNTS: usize = 12;

/// Account ids of the showcase accounts.
#[derive(Debug, Clone)]
pub struct Showcase {
    /// The org admin who owns the configured API key.
    pub admin: String,
    /// Managed, invited, active: everything can be changed.
    pub invited: String,
    /// Synced from an identity provider over SCIM.
    pub scim: String,
    /// Synced from Google Workspace.
    pub google: String,
    pub deactivated: String,
    /// Deleted, within the 14-day grace period.
    pub pending_deletion: String,
    /// Deleted for good.
    pub deleted: String,
    /// On a verified domain whose accounts have not been claimed yet.
    pub unclaimed: String,
    /// On a domain the organization has not verified.
    pub unverified_domain: String,
    /// Deactivated and blocked under US export control: cannot be re-enabled.
    pub export_blocked: String,
    /// Active, but their access is suspended.
    pub suspended: String,
    /// Owner of any key configured as `KeyRole::NotAdmin`.
    pub not_admin: String,
}

impl Showcase {
    pub(super) fn from_ids(ids: &[String]) -> Option<Self> {
        let [
            admin,
            invited,
            scim,
            google,
            deactivated,
            pending_deletion,
            deleted,
            unclaimed,
            unverified_domain,
            export_blocked,
            suspended,
            not_admin,
        ] = ids
        else {
            return None;
        };
        Some(Self {
            admin: admin.clone(),
            invited: invited.clone(),
            scim: scim.clone(),
            google: google.clone(),
            deactivated: deactivated.clone(),
            pending_deletion: pending_deletion.clone(),
            deleted: deleted.clone(),
            unclaimed: unclaimed.clone(),
            unverified_domain: unverified_domain.clone(),
            export_blocked: export_blocked.clone(),
            suspended: suspended.clone(),
            not_admin: not_admin.clone(),
        })
    }
}

/// The domain (index into the seed's domains) a showcase account must be on.
pub(super) fn domain_for(seq: i64) -> Option<usize> {
    match seq {
        8 => Some(UNCLAIMED_VERIFIED),
        9 => Some(3),
        1..=12 => Some(0),
        _ => None,
    }
}

pub(super) fn shape(account: &mut AccountSeed, seq: i64, now: DateTime<Utc>) {
    if seq > SHOWCASE_ACCOUNTS as i64 {
        return;
    }
    account.account_status = "active";
    account.membership_status = "active";
    account.claim_status = "managed";
    account.management_source = "invited";
    account.external_directory = None;
    account.deactivated_on = None;
    account.deletion_due = None;
    account.last_active = Some(clock::format(now - Duration::hours(seq)));
    let deactivated = |a: &mut AccountSeed| {
        a.account_status = "inactive";
        a.deactivated_on = Some(clock::format(now - Duration::days(3)));
        a.last_active = None;
    };
    match seq {
        1 => account.is_org_admin = true,
        3 => {
            account.management_source = "synced";
            account.external_directory = Some("scim");
        }
        4 => {
            account.management_source = "synced";
            account.external_directory = Some("google");
        }
        5 => deactivated(account),
        6 => {
            deactivated(account);
            account.deletion_due = Some(clock::format(now + Duration::days(14)));
        }
        7 => {
            deactivated(account);
            account.account_status = "closed";
        }
        8 | 9 => account.claim_status = "unmanaged",
        10 => {
            deactivated(account);
            account.export_blocked = true;
        }
        11 => account.membership_status = "suspended",
        _ => {}
    }
}
