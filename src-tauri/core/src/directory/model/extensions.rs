//! Answers of Custodian's extension endpoints.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TwoStepExclusion {
    /// Whether the organization enforces two-step verification at all.
    pub enforced: bool,
    pub excluded: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordReset {
    pub password_reset_required: bool,
    pub requested_at: String,
}

/// `GET .../password/reset`: whether a reset is pending, and since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordResetState {
    pub password_reset_required: bool,
    #[serde(default)]
    pub requested_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleProblem {
    pub code: String,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteValidation {
    pub eligible: bool,
    #[serde(default)]
    pub error_codes: Vec<LifecycleProblem>,
    pub grace_period_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AvatarUploaded {
    pub picture: String,
    pub content_type: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimResult {
    pub domain_id: String,
    pub domain: String,
    pub claimed_accounts: u64,
}

/// `GET .../domains/{domainId}/claim`: how many accounts a claim would make managed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimPreview {
    pub domain_id: String,
    pub domain: String,
    pub claimable_accounts: u64,
}

/// `GET .../directory/users/{accountId}/last-active-dates` (v1, snake_case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastActiveDates {
    pub product_access: Vec<ProductLastActive>,
    #[serde(default)]
    pub added_to_org: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductLastActive {
    pub id: String,
    pub key: String,
    /// A date (`2025-11-06`); absent when the user never used the product.
    #[serde(default)]
    pub last_active: Option<String>,
}
