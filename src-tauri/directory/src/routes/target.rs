//! The account a user-management route acts on: it must exist, not be deleted for good,
//! and be managed by the caller's organization.

use sqlx::SqliteConnection;

use crate::accounts::{self, Account};
use crate::errors::ManageError;
use crate::org::{self, Org};
use crate::state::AppState;

pub async fn managed_account(
    state: &AppState,
    account_id: &str,
) -> Result<(Org, Account), ManageError> {
    let mut db = state.pool.acquire().await?;
    find_managed(&mut db, account_id).await
}

/// The same lookup, on a connection that may be in the middle of a change.
pub async fn find_managed(
    db: &mut SqliteConnection,
    account_id: &str,
) -> Result<(Org, Account), ManageError> {
    let org = org::the_org(&mut *db).await?;
    let account = accounts::find(&mut *db, account_id)
        .await?
        .filter(|account| !account.is_deleted())
        .ok_or(ManageError::AccountNotFound)?;
    if !account.is_managed() || account.org_id != org.org_id {
        return Err(ManageError::Forbidden);
    }
    Ok((org, account))
}
