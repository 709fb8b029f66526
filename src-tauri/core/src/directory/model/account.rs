//! The profile of an account (`AtlassianAccountUser`), changes to it, and API tokens.

use serde::{Deserialize, Serialize};

use crate::directory::ids::AccountId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub account_id: AccountId,
    pub account_type: String,
    /// `active`, `inactive` or `closed`.
    pub account_status: String,
    pub name: String,
    #[serde(default)]
    pub nickname: Option<String>,
    pub email: String,
    pub picture: String,
    #[serde(default)]
    pub zoneinfo: Option<String>,
    #[serde(default)]
    pub locale: Option<String>,
    #[serde(default)]
    pub extended_profile: ExtendedProfile,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ExtendedProfile {
    #[serde(default)]
    pub job_title: Option<String>,
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
}

/// A `PATCH .../profile` body: only the fields set here are sent. `Some(None)` clears a
/// field (the extended profile, time zone and locale can be cleared).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ProfileChanges {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zoneinfo: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<Option<String>>,
    #[serde(skip_serializing_if = "ExtendedChanges::is_empty")]
    pub extended_profile: ExtendedChanges,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ExtendedChanges {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_title: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Option<String>>,
}

impl ExtendedChanges {
    fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// `ApiTokenModel`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiToken {
    pub id: String,
    pub label: String,
    pub created_at: String,
    #[serde(default)]
    pub last_access: Option<String>,
    #[serde(default)]
    pub expiry: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_set_fields_are_sent_and_none_clears() {
        let changes = ProfileChanges {
            nickname: Some("Ana".into()),
            extended_profile: ExtendedChanges {
                location: Some(None),
                ..Default::default()
            },
            ..Default::default()
        };
        let json = serde_json::to_value(&changes).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"nickname": "Ana", "extended_profile": {"location": null}})
        );
    }
}
