//! What the admin may do to an account, from the privileges the backend reported for it,
//! each with the reason when not: the page disables an action and says why before the
//! admin tries.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::reasons;
use crate::changes::ProfileField;
use crate::directory::model::{Privileges, Rule};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Permission {
    pub allowed: bool,
    /// Why not, in the admin's words.
    pub reason: Option<String>,
}

impl Permission {
    const ALLOWED: Self = Self {
        allowed: true,
        reason: None,
    };

    /// A privilege the backend did not report is not withheld: the backend still checks
    /// the change itself.
    fn from_rule(rule: Option<&Rule>) -> Self {
        match rule.and_then(reasons::withheld) {
            Some(reason) => Self {
                allowed: false,
                reason: Some(reason),
            },
            None => Self::ALLOWED,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountPermissions {
    /// Every profile field, by field.
    pub profile: BTreeMap<ProfileField, Permission>,
    pub change_email: Permission,
    pub deactivate: Permission,
    pub reactivate: Permission,
    pub delete: Permission,
    pub revoke_tokens: Permission,
    pub two_step_exclusion: Permission,
    pub log_out_devices: Permission,
    pub password_reset: Permission,
    pub avatar: Permission,
}

impl AccountPermissions {
    pub fn from_privileges(privileges: Option<&Privileges>) -> Self {
        let rule = |pick: fn(&Privileges) -> Option<&Rule>| {
            Permission::from_rule(privileges.and_then(pick))
        };
        let profile = ProfileField::ALL
            .into_iter()
            .map(|field| {
                let rule = privileges.and_then(|p| p.profile_write.get(field.api_key()));
                (field, Permission::from_rule(rule))
            })
            .collect();
        Self {
            profile,
            change_email: rule(|p| p.email_set.as_ref()),
            // `lifecycle.disable` (Custodian's) where reported: an export-blocked account
            // may be deactivated but not re-enabled.
            deactivate: rule(|p| {
                p.lifecycle_disable
                    .as_ref()
                    .or(p.lifecycle_enablement.as_ref())
            }),
            reactivate: rule(|p| p.lifecycle_enablement.as_ref()),
            delete: rule(|p| p.lifecycle_delete.as_ref()),
            revoke_tokens: rule(|p| p.api_token_delete.as_ref()),
            two_step_exclusion: rule(|p| p.two_step_verification_exclusion.as_ref()),
            log_out_devices: rule(|p| p.devices_logout.as_ref()),
            password_reset: rule(|p| p.password_reset.as_ref()),
            avatar: rule(|p| p.avatar_set.as_ref()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn withheld_privileges_carry_their_reason_and_unknown_ones_are_allowed() {
        let privileges: Privileges = serde_json::from_value(json!({
            "profile.write": {
                "name": {"allowed": false, "reason": {"key": "externalDirectory.scim"}},
                "nickname": {"allowed": true}
            },
            "lifecycle.delete": {"allowed": false, "reason": {"key": "administrative.notMyself"}}
        }))
        .unwrap();
        let permissions = AccountPermissions::from_privileges(Some(&privileges));
        assert_eq!(
            permissions.profile[&ProfileField::Name].reason.as_deref(),
            Some("Managed by your identity provider (SCIM): change it there.")
        );
        assert!(permissions.profile[&ProfileField::PublicName].allowed);
        assert!(permissions.profile[&ProfileField::Location].allowed);
        assert!(!permissions.delete.allowed);
        assert!(permissions.change_email.allowed);
        assert!(AccountPermissions::from_privileges(None).deactivate.allowed);
    }
}
