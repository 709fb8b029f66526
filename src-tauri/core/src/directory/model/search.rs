//! v2 user search: the request (every filter optional) and the user record.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserSearch {
    /// 1 to 100; the server's default (50) when unset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub account_ids: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resource_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mfa_enabled: Option<bool>,
    /// `managed` or `unmanaged`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_status: Option<String>,
    /// `active`, `suspended`, `not_invited`, `deactivated`, `for_deletion`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub account_status: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub membership_status: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub role_ids: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub email_domains: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_term: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    /// `platformRoles`, `counts.resources`, `productAccess`, `groups`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expand: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sort_by: Vec<SortBy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SortBy {
    pub field: String,
    pub direction: String,
}

/// The v2 user record. Fields marked extension are absent on Atlassian Cloud.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryUser {
    pub account_id: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub account_status: Option<String>,
    #[serde(default)]
    pub membership_status: Option<String>,
    #[serde(default)]
    pub added_to_org: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub nickname: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub claim_status: Option<String>,
    /// `invited`, `synced`, or unknown.
    #[serde(default)]
    pub management_source: Option<String>,
    #[serde(default)]
    pub mfa_enabled: Option<bool>,
    #[serde(default)]
    pub job_title: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
    #[serde(default)]
    pub deactivated_on: Option<String>,
    #[serde(default)]
    pub for_deletion: Option<bool>,
    /// Extension: when a pending deletion becomes final.
    #[serde(default)]
    pub deletion_date: Option<String>,
    /// Extension.
    #[serde(default)]
    pub last_active: Option<String>,
    #[serde(default)]
    pub platform_roles: Option<Vec<String>>,
    #[serde(default)]
    pub product_access: Option<Vec<ProductAccess>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductAccess {
    pub key: String,
    /// The workspace ARI roles are granted on.
    pub id: String,
    #[serde(default)]
    pub last_active_timestamp: Option<String>,
}
