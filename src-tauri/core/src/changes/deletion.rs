//! Before a deletion: whether the directory would allow it, and what stands in the way.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ChangeError;
use crate::directory::{AccountId, DirectoryClient};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeletionCheck {
    pub eligible: bool,
    /// Why it cannot be deleted, one sentence each.
    pub problems: Vec<String>,
    /// Days during which a deletion can still be cancelled.
    pub grace_period_days: u32,
}

/// Asks the directory whether the account can be deleted now.
pub async fn check_deletion(
    client: &DirectoryClient,
    account: &AccountId,
) -> Result<DeletionCheck, ChangeError> {
    let validation = client.validate_delete(account).await?;
    Ok(DeletionCheck {
        eligible: validation.eligible,
        problems: validation
            .error_codes
            .into_iter()
            .map(|problem| problem.message.unwrap_or(problem.code))
            .collect(),
        grace_period_days: validation.grace_period_days,
    })
}
