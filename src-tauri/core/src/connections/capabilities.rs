//! What a connection can do. Atlassian Cloud has no public API for some of what a
//! Custodian Directory offers (its extension endpoints); the UI offers only what the
//! connection can do, and for the rest opens the account in Atlassian Administration.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::profile::ConnectionKind;
use crate::directory::{AccountId, OrgId};

/// Shown in place of an action that Atlassian Cloud cannot do through its API.
pub const NOT_ON_ATLASSIAN: &str = "Not available through Atlassian's public API";

/// Where Atlassian Administration shows an organization's managed account.
const ATLASSIAN_ADMIN: &str = "https://admin.atlassian.com";

/// Everything but RFC 3986's unreserved characters, and `:`, which a path segment may hold
/// as it is (Atlassian account ids have one).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':');

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Capabilities {
    // Both kinds: Atlassian's public API.
    /// Read and edit profile details.
    pub profile: bool,
    /// Change the email address (to a verified domain).
    pub email: bool,
    /// Deactivate, reactivate, delete and cancel a deletion.
    pub lifecycle: bool,
    /// List and revoke a user's API tokens.
    pub api_tokens: bool,
    /// See, grant and remove product access.
    pub product_access: bool,
    /// Read the organization's audit events.
    pub audit_events: bool,
    /// Sync the managed accounts into the local cache.
    pub sync: bool,
    // A Custodian Directory only: extension endpoints with no Atlassian counterpart.
    /// Upload or remove a profile picture.
    pub avatar: bool,
    /// Exclude an account from two-step verification.
    pub two_step_exclusion: bool,
    /// List an account's recent devices and log one out.
    pub devices: bool,
    /// Require a password reset at next login.
    pub password_reset: bool,
    /// Claim the accounts on a verified domain.
    pub claim_accounts: bool,
    /// Verify a domain.
    pub verify_domains: bool,
    /// Check before deleting whether a deletion would be refused.
    pub delete_check: bool,
}

impl Capabilities {
    pub fn of(kind: ConnectionKind) -> Self {
        Self::with_extensions(kind == ConnectionKind::CustodianDirectory)
    }

    /// Atlassian's public API, and Custodian's extensions when the backend serves them (a
    /// Custodian Directory can be run without them).
    pub fn with_extensions(extensions: bool) -> Self {
        Self {
            profile: true,
            email: true,
            lifecycle: true,
            api_tokens: true,
            product_access: true,
            audit_events: true,
            sync: true,
            avatar: extensions,
            two_step_exclusion: extensions,
            devices: extensions,
            password_reset: extensions,
            claim_accounts: extensions,
            verify_domains: extensions,
            delete_check: extensions,
        }
    }
}

impl ConnectionKind {
    pub fn capabilities(self) -> Capabilities {
        Capabilities::of(self)
    }
}

/// The managed account's page in Atlassian Administration, where an admin does what the
/// public API cannot.
pub fn atlassian_admin_account_url(org_id: &OrgId, account_id: &AccountId) -> String {
    format!(
        "{ATLASSIAN_ADMIN}/o/{}/users/{}",
        utf8_percent_encode(org_id.as_str(), SEGMENT),
        utf8_percent_encode(account_id.as_str(), SEGMENT)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atlassian_cloud_lacks_exactly_the_extensions() {
        let cloud = Capabilities::of(ConnectionKind::AtlassianCloud);
        let directory = Capabilities::of(ConnectionKind::CustodianDirectory);
        let json = |c: Capabilities| serde_json::to_value(c).unwrap();
        let (cloud, directory) = (json(cloud), json(directory));
        let missing: Vec<&str> = cloud
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, can)| **can == serde_json::Value::Bool(false))
            .map(|(name, _)| name.as_str())
            .collect();
        assert_eq!(
            missing,
            [
                "avatar",
                "claimAccounts",
                "deleteCheck",
                "devices",
                "passwordReset",
                "twoStepExclusion",
                "verifyDomains"
            ]
        );
        assert!(
            directory
                .as_object()
                .unwrap()
                .values()
                .all(|can| *can == serde_json::Value::Bool(true))
        );
    }

    #[test]
    fn the_admin_url_encodes_its_segments() {
        let org = OrgId::parse("9a1b-c2d3").unwrap();
        let account = AccountId::parse("557058:f1e2|x").unwrap();
        assert_eq!(
            atlassian_admin_account_url(&org, &account),
            "https://admin.atlassian.com/o/9a1b-c2d3/users/557058:f1e2%7Cx"
        );
    }
}
