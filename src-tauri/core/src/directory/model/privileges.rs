//! `GET /users/{id}/manage`: what the admin may do to an account, and why not.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `Manageability.Rule.Simple`: allowed, or not with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub allowed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// `externalDirectory.scim`, `administrative.notMyself`, ...
    pub key: String,
    /// Extension: the plan a privilege needs, when the plan is the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_plan: Option<String>,
}

impl Rule {
    pub fn reason_key(&self) -> Option<&str> {
        self.reason.as_ref().map(|r| r.key.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Privileges {
    /// Keyed by field path: `name`, `extended_profile.job_title`, ...
    #[serde(rename = "profile.write", default)]
    pub profile_write: BTreeMap<String, Rule>,
    #[serde(rename = "profile.read", default)]
    pub profile_read: Option<Rule>,
    #[serde(rename = "email.set", default)]
    pub email_set: Option<Rule>,
    #[serde(rename = "lifecycle.enablement", default)]
    pub lifecycle_enablement: Option<Rule>,
    #[serde(rename = "lifecycle.delete", default)]
    pub lifecycle_delete: Option<Rule>,
    #[serde(rename = "apiToken.read", default)]
    pub api_token_read: Option<Rule>,
    #[serde(rename = "apiToken.delete", default)]
    pub api_token_delete: Option<Rule>,
    /// Extension privileges, absent on Atlassian Cloud.
    #[serde(rename = "avatar.set", default)]
    pub avatar_set: Option<Rule>,
    #[serde(rename = "twoStepVerification.exclusion", default)]
    pub two_step_verification_exclusion: Option<Rule>,
    #[serde(rename = "devices.logout", default)]
    pub devices_logout: Option<Rule>,
    #[serde(rename = "password.reset", default)]
    pub password_reset: Option<Rule>,
    #[serde(rename = "lifecycle.disable", default)]
    pub lifecycle_disable: Option<Rule>,
}
