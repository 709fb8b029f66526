//! The account a user-management route acts on: it must exist, not be deleted for good,
//! and be managed by the caller's organization.

use crate::accounts::{self, Account};
use crate::errors::ManageError;
use crate::org::{self, Org};
use crate::state::AppState;

pub async fn managed_account(
    state: &AppState,
    account_id: &str,
) -> Result<(Org, Account), ManageError> {
    let org = org::for_manage(&state.pool).await?;
    let account = accounts::find(&state.pool, account_id)
        .await?
        .filter(|account| !account.is_deleted())
        .ok_or(ManageError::AccountNotFound)?;
    if !account.is_managed() || account.org_id != org.org_id {
        return Err(ManageError::Forbidden);
    }
    Ok((org, account))
}
