//! Organizations, their domains and directories.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Org {
    pub id: String,
    pub attributes: OrgAttributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrgAttributes {
    pub name: String,
    /// Extension: `free`, `standard` or `guard-standard`. Absent on Atlassian Cloud.
    #[serde(default)]
    pub plan: Option<String>,
    /// Extension.
    #[serde(default)]
    pub two_step_verification_enforced: Option<bool>,
    /// Extension: `centralized` or `original`.
    #[serde(default)]
    pub user_management_experience: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub id: String,
    pub attributes: DomainAttributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainAttributes {
    pub name: String,
    #[serde(default)]
    pub claim: Option<DomainClaim>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainClaim {
    /// `dns` or `http`.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// `verified`, `unverified`, ...
    #[serde(default)]
    pub status: Option<String>,
}

impl Domain {
    pub fn name(&self) -> &str {
        &self.attributes.name
    }

    pub fn is_verified(&self) -> bool {
        self.attributes
            .claim
            .as_ref()
            .and_then(|c| c.status.as_deref())
            == Some("verified")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Directory {
    pub directory_id: String,
    pub name: String,
    #[serde(default)]
    pub icon: Option<String>,
}
